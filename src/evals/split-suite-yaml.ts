import { parse as parseYaml } from "yaml";

/** Below this size one parse is cheap enough; splitting only pays for big suites. */
const SPLIT_MIN_BYTES = 64 * 1024;

/**
 * Parse a large suite scenario by scenario. The `yaml` package keeps a whole
 * document tree in memory while it parses; for 10,000 scenarios that tree
 * is over 100 MB, while one scenario at a time stays small. Only plain
 * block-style suites are split: anything the text split cannot be sure of
 * (anchors, aliases, tags, several documents, flow-style scenarios) returns
 * `undefined` and is parsed whole. Throws on YAML errors, like `parse`.
 */
export function parseSuiteYamlInChunks(text: string): unknown {
  if (text.length < SPLIT_MIN_BYTES || /(^|\s)[&*!][\w-]|^---|^\.\.\./m.test(text))
    return undefined;
  const lines = text.split("\n");
  const start = lines.findIndex((line) => /^scenarios:\s*(#.*)?$/.test(line));
  if (start === -1) return undefined;
  let itemIndent = -1;
  const items: string[][] = [];
  let end = lines.length;
  for (let index = start + 1; index < lines.length; index++) {
    const line = lines[index] as string;
    if (/^\s*(#.*)?$/.test(line)) {
      items.at(-1)?.push(line);
      continue;
    }
    const indent = line.length - line.trimStart().length;
    if (itemIndent === -1) {
      if (!line.trimStart().startsWith("- ")) return undefined;
      itemIndent = indent;
    }
    if (indent === itemIndent && line.trimStart().startsWith("- ")) items.push([line]);
    else if (indent > itemIndent && items.length > 0) items.at(-1)?.push(line);
    else {
      end = index;
      break;
    }
  }
  const header = parseYaml([...lines.slice(0, start), ...lines.slice(end)].join("\n"), {
    uniqueKeys: true,
  }) as unknown;
  if (header === null || typeof header !== "object" || Array.isArray(header)) return undefined;
  const scenarios: unknown[] = [];
  for (const item of items) {
    const parsed = parseYaml(item.join("\n"), { uniqueKeys: true }) as unknown;
    if (!Array.isArray(parsed) || parsed.length !== 1) return undefined;
    scenarios.push(parsed[0]);
  }
  return { ...(header as Record<string, unknown>), scenarios };
}
