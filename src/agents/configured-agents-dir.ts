/** A folder name jig would accept as plain YAML and read the same way quoted or not. */
const SAFE_DIR = /^[A-Za-z0-9._/-]+$/;

/**
 * `agents.dir` read from the text of jig.config.yaml without a YAML parser,
 * so the hook's cache-hit path can tell which folder the policy comes from
 * without loading YAML and zod. The answer decides which files the policy
 * cache key hashes, so it must never come from the cache itself, and it must
 * never differ from what the real parser would say: anything beyond a plain
 * block mapping (flow style, anchors, tags, quoted or complex keys, several
 * documents, tabs, multi-line values) returns undefined, and the caller then
 * loads the config the slow, exact way. A missing config (undefined text)
 * means the default, `agents`.
 */
export function configuredAgentsDir(text: string | undefined): string | undefined {
  if (text === undefined) return "agents";
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  let block: { start: number; end: number } | undefined;
  for (const [index, raw] of lines.entries()) {
    const line = stripComment(raw);
    if (line.trim() === "") continue;
    if (raw.includes("\t") || /^(---|\.\.\.|%)/.test(line)) return undefined;
    if (/^\s/.test(line)) continue;
    // A top-level key jig does not read the simple way: give up rather than guess.
    if (/^[?{["'&*!<|>@`]/.test(line)) return undefined;
    if (block && block.end === lines.length) block.end = index;
    if (!/^agents\s*:/.test(line)) continue;
    // Two `agents:` keys, or one with an inline value (flow map, alias, null).
    if (block || !/^agents\s*:\s*$/.test(line)) return undefined;
    block = { start: index + 1, end: lines.length };
  }
  if (!block) return "agents";
  return dirInBlock(lines.slice(block.start, block.end));
}

/** The `dir:` value among an `agents:` block's children, or undefined when not plain. */
function dirInBlock(children: string[]): string | undefined {
  let indent: number | undefined;
  let found: string | undefined;
  let sawDir = false;
  for (const [index, raw] of children.entries()) {
    const line = stripComment(raw);
    if (line.trim() === "") continue;
    const depth = line.length - line.trimStart().length;
    indent ??= depth;
    if (depth < indent) return undefined;
    if (depth > indent) {
      // The line right after `dir:` continuing it would make a multi-line scalar.
      if (sawDir && found !== undefined && isRightAfterDir(children, index)) return undefined;
      continue;
    }
    const key = /^\s*([A-Za-z]+)\s*:(.*)$/.exec(line);
    if (!key) return undefined;
    if (key[1] !== "dir") continue;
    if (sawDir) return undefined;
    sawDir = true;
    found = scalar((key[2] ?? "").trim());
    if (found === undefined) return undefined;
  }
  return sawDir ? found : "agents";
}

/** Whether the nearest non-blank line before `index` is the `dir:` line. */
function isRightAfterDir(children: string[], index: number): boolean {
  for (let back = index - 1; back >= 0; back--) {
    const line = stripComment(children[back] ?? "");
    if (line.trim() === "") continue;
    return /^\s*dir\s*:/.test(line);
  }
  return false;
}

/** Plain words YAML reads as null, a boolean or a number rather than a string. */
const NOT_A_STRING =
  /^([-+]|\.?[0-9]|\.(inf|Inf|INF|nan|NaN|NAN)$|(~|null|Null|NULL|true|True|TRUE|false|False|FALSE)$)/;

/** A plain or simply quoted folder name, else undefined. */
function scalar(value: string): string | undefined {
  const quoted = /^"([^"\\]*)"$/.exec(value) ?? /^'([^']*)'$/.exec(value);
  if (!quoted && NOT_A_STRING.test(value)) return undefined;
  const text = quoted ? quoted[1] : value;
  return text !== undefined && SAFE_DIR.test(text) ? text : undefined;
}

/** The line without a trailing comment (`#` at the start or after a space). */
function stripComment(line: string): string {
  const at = line.search(/(^|\s)#/);
  return at === -1 ? line : line.slice(0, at);
}
