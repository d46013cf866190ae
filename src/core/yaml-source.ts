import {
  Composer,
  type CST,
  type Document,
  isMap,
  isSeq,
  LineCounter,
  Parser,
  type YAMLError,
  YAMLParseError,
  type Node as YamlNode,
} from "yaml";
import type { Problem } from "./problem.js";
import {
  aliasIssueMessage,
  findAliasIssue,
  tooDeepLineOffset,
  tooDeepOffset,
  YAML_LIMITS,
} from "./yaml-limits.js";

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
 *
 * This is the one way jig turns YAML into values: besides syntax errors it
 * reports, as problems at their line, nesting past {@link YAML_LIMITS.maxDepth},
 * undefined, self-containing and exploding aliases, so no YAML input can make
 * a later step throw or overflow the stack.
 *
 * @example
 * const { value, problems } = parseYamlSource("a: *nope\n", "jig.config.yaml");
 * // problems[0]: jig.config.yaml:1:4 alias "*nope" has no anchor ...
 */
export function parseYamlSource(text: string, path: string, lineOffset = 0): YamlSource {
  const lineCounter = new LineCounter();
  const toLocation = (offset: number): Location => {
    const position = lineCounter.linePos(offset);
    return { line: position.line + lineOffset, column: position.col };
  };
  const problemAt = (offset: number, code: string, message: string): Problem => ({
    code,
    path,
    message,
    ...toLocation(offset),
  });
  // The line check first: without it, the parser itself can overflow the stack.
  const lineDeep = tooDeepLineOffset(text);
  if (lineDeep !== undefined) {
    // No parser to count lines for the message: count them here.
    lineCounter.addNewLine(0);
    for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1))
      lineCounter.addNewLine(at + 1);
  }
  const tokens =
    lineDeep === undefined ? Array.from(new Parser(lineCounter.addNewLine).parse(text)) : [];
  const deepOffset = lineDeep ?? tooDeepOffset(tokens);
  if (deepOffset !== undefined) {
    const problem = problemAt(
      deepOffset,
      "yaml/too-deep",
      `nesting is deeper than ${YAML_LIMITS.maxDepth} levels (the limit on input files); flatten this value`,
    );
    return {
      value: undefined,
      problems: [problem],
      locate: () => ({ line: problem.line ?? 1, column: 1 }),
    };
  }
  const document = composeOne(tokens, text.length);
  const problems: Problem[] = syntaxProblems(document.errors, text, lineCounter).map((error) =>
    problemAt(error.offset, "yaml/syntax", error.message),
  );
  let value: unknown;
  if (problems.length === 0) {
    // Without a `*` there is no alias to check, and no walk over the tree.
    const issue = text.includes("*") ? findAliasIssue(document) : undefined;
    if (issue) {
      problems.push(
        problemAt(
          issue.offset,
          issue.kind === "circular" ? "yaml/circular" : "yaml/alias",
          aliasIssueMessage(issue),
        ),
      );
    } else {
      try {
        value = document.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
      } catch (error) {
        // findAliasIssue replays the checks toJS makes; this is the net under it.
        problems.push(problemAt(0, "yaml/alias", firstLine((error as Error).message)));
      }
    }
  }

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

/** What `parseDocument` does, from tokens already checked for depth. */
function composeOne(tokens: ReadonlyArray<CST.Token>, length: number): Document.Parsed {
  const composer = new Composer({ uniqueKeys: true });
  let document: Document.Parsed | undefined;
  for (const composed of composer.compose(tokens, true, length)) {
    if (!document) document = composed;
    else {
      document.errors.push(
        new YAMLParseError(
          [composed.range[0], composed.range[1]],
          "MULTIPLE_DOCS",
          "Source contains multiple documents; keep one document per file",
        ),
      );
      break;
    }
  }
  return document as Document.Parsed;
}

/**
 * Syntax errors with the offset of the line that is wrong. For an
 * over-indented line the `yaml` package reports the start of the value above
 * it ("Nested mappings are not allowed in compact mappings" at 3:11 when line
 * 4 is the wrong one); its "multiline implicit key" error ends on the wrong
 * line, so that line's first character is reported instead, once.
 */
function syntaxProblems(
  errors: ReadonlyArray<YAMLError>,
  text: string,
  lineCounter: LineCounter,
): Array<{ offset: number; message: string }> {
  const multiline = new Set(
    errors.filter((error) => error.code === "MULTILINE_IMPLICIT_KEY").map((error) => error.pos[0]),
  );
  const result: Array<{ offset: number; message: string }> = [];
  for (const error of errors) {
    if (error.code === "BLOCK_AS_IMPLICIT_KEY" && multiline.has(error.pos[0])) continue;
    if (error.code === "MULTILINE_IMPLICIT_KEY") {
      const endLine = lineCounter.linePos(error.pos[1]).line;
      if (endLine > lineCounter.linePos(error.pos[0]).line) {
        let offset = lineCounter.lineStarts[endLine - 1] ?? error.pos[0];
        while (text[offset] === " " || text[offset] === "\t") offset++;
        result.push({
          offset,
          message:
            "this line is indented deeper than the line above, which is not a key; line it up with the keys above or indent it under a key",
        });
        continue;
      }
    }
    result.push({ offset: error.pos[0], message: firstLine(error.message) });
  }
  return result;
}

function firstLine(message: string): string {
  return message.split("\n")[0]?.trim() ?? message;
}
