import { parseYamlSource } from "../core/yaml-source.js";

/** Below this size one parse is cheap enough; splitting only pays for big suites. */
const SPLIT_MIN_BYTES = 64 * 1024;

/**
 * Parse a large suite scenario by scenario. The `yaml` package keeps a whole
 * document tree in memory while it parses; for 10,000 scenarios that tree
 * is over 100 MB, while one scenario at a time stays small. Only plain
 * block-style suites are split: anything the text split cannot be sure of
 * (anchors, aliases, tags, several documents, flow-style scenarios) returns
 * `undefined` and is parsed whole, as does CRLF text and any YAML problem, so
 * the whole parse locates it.
 *
 * The text is scanned by offsets and each scenario is parsed from a slice of
 * it: no array of lines or of per-scenario line lists is kept alive while
 * the scenarios parse (for 10,000 scenarios they added ~7 MB to the run's peak RSS).
 */
export function parseSuiteYamlInChunks(text: string): unknown {
  // CRLF text is parsed whole: a slice ending in a lone \r is not valid YAML.
  if (
    text.length < SPLIT_MIN_BYTES ||
    text.includes("\r") ||
    /(^|\s)[&*!][\w-]|^---|^\.\.\./m.test(text)
  )
    return undefined;
  const header = /^scenarios:[^\S\n]*(#[^\n]*)?$/m.exec(text);
  if (!header) return undefined;
  const scenariosStart = header.index;
  // Offsets where each scenario's first line starts; the next one (or `end`) bounds it.
  const itemStarts: number[] = [];
  let itemIndent = -1;
  let end = text.length;
  let lineStart = text.indexOf("\n", scenariosStart);
  lineStart = lineStart === -1 ? text.length : lineStart + 1;
  while (lineStart < text.length) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd);
    if (!/^\s*(#.*)?$/.test(line)) {
      const trimmed = line.trimStart();
      const indent = line.length - trimmed.length;
      if (itemIndent === -1) {
        if (!trimmed.startsWith("- ")) return undefined;
        itemIndent = indent;
      }
      if (indent === itemIndent && trimmed.startsWith("- ")) itemStarts.push(lineStart);
      else if (!(indent > itemIndent && itemStarts.length > 0)) {
        end = lineStart;
        break;
      }
    }
    lineStart = lineEnd + 1;
  }
  const parsedHeader = parseChunk(text.slice(0, scenariosStart) + text.slice(end));
  if (parsedHeader === null || typeof parsedHeader !== "object" || Array.isArray(parsedHeader))
    return undefined;
  const scenarios: unknown[] = [];
  for (let index = 0; index < itemStarts.length; index++) {
    const from = itemStarts[index] as number;
    // Up to the newline before the next item (or the header's rest), as the lines joined.
    const to =
      index + 1 < itemStarts.length
        ? (itemStarts[index + 1] as number) - 1
        : end === text.length
          ? end
          : end - 1;
    const parsed = parseChunk(text.slice(from, to));
    if (!Array.isArray(parsed) || parsed.length !== 1) return undefined;
    scenarios.push(parsed[0]);
  }
  return { ...(parsedHeader as Record<string, unknown>), scenarios };
}

/** A chunk's value, or undefined when it has a problem (the whole parse reports it). */
function parseChunk(text: string): unknown {
  const { value, problems } = parseYamlSource(text, "");
  return problems.length === 0 ? value : undefined;
}
