import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import type { Problem } from "./problem.js";

/** A location in a text file, 1-based. */
export interface Location {
  line: number;
  column: number;
}

/**
 * A parsed YAML document that remembers where each value came from, so
 * validation problems can point at `file:line:col` instead of a JSON path.
 */
export interface YamlSource {
  /** Plain JS value of the document (undefined when it failed to parse). */
  value: unknown;
  /** Syntax problems; empty when the YAML parsed. */
  problems: Problem[];
  /** Where the value at `path` starts; falls back to the nearest existing parent. */
  locate(path: ReadonlyArray<PropertyKey>, options?: { key?: boolean }): Location;
}

/**
 * Parse YAML text with line tracking. `lineOffset` shifts reported lines, for
 * YAML embedded in another file (a spec's frontmatter starts on line 2).
 */
export function parseYamlSource(text: string, path: string, lineOffset = 0): YamlSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toLocation = (offset: number): Location => {
    const position = lineCounter.linePos(offset);
    return { line: position.line + lineOffset, column: position.col };
  };
  const problems: Problem[] = document.errors.map((error) => {
    const location = toLocation(error.pos[0]);
    return {
      code: "yaml/syntax",
      path,
      message: firstLine(error.message),
      line: location.line,
      column: location.column,
    };
  });
  const value = problems.length === 0 ? document.toJS() : undefined;

  function locate(keyPath: ReadonlyArray<PropertyKey>, options?: { key?: boolean }): Location {
    let node: unknown = document.contents;
    let best: Location = { line: 1 + lineOffset, column: 1 };
    if (node && typeof node === "object" && "range" in node) {
      best = toLocation((node as YamlNode).range?.[0] ?? 0);
    }
    for (const segment of keyPath) {
      if (isMap(node)) {
        const pair = node.items.find((item) => {
          const key = item.key as { value?: unknown } | null;
          return key !== null && String(key?.value ?? key) === String(segment);
        });
        if (!pair) return best;
        const keyNode = pair.key as YamlNode | null;
        const isLast = segment === keyPath[keyPath.length - 1];
        const valueNode = pair.value as YamlNode | null;
        const target = isLast && options?.key ? keyNode : (valueNode ?? keyNode);
        if (target?.range) best = toLocation(target.range[0]);
        else if (keyNode?.range) best = toLocation(keyNode.range[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof segment === "number") {
        const item = node.items[segment] as YamlNode | undefined;
        if (!item) return best;
        if (item.range) best = toLocation(item.range[0]);
        node = item;
      } else {
        return best;
      }
    }
    return best;
  }

  return { value, problems, locate };
}

function firstLine(message: string): string {
  return message.split("\n")[0]?.trim() ?? message;
}
