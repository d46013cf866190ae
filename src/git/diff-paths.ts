/*
 * The path syntax of unified diff headers: `diff --git` lines, `---`/`+++`
 * markers, `rename from`, `Binary files ... differ`, C-quoted names and the
 * `a/`/`b/` prefixes. Pure; `parseUnifiedDiff` calls these only on header
 * lines, never on the content lines of its hot loop.
 */

/** The path a diff writes for the missing side of an added or deleted file. */
export const DEV_NULL = "/dev/null";
const SPACE = 32;
const QUOTE = 34;
const SLASH = 47;
const BACKSLASH = 92;

/**
 * Paths of a plain `diff -u`: `diff -ru old new` writes `old/src/x.ts` and
 * `new/src/x.ts`; we drop that first folder when the rest agrees, as `patch -p1` would.
 */
export function plainPaths(
  minus: string | undefined,
  plus: string | undefined,
): [string | undefined, string | undefined] {
  const oldPath = minus === DEV_NULL ? undefined : minus;
  const newPath = plus === DEV_NULL ? undefined : plus;
  if (oldPath !== undefined && newPath !== undefined) {
    const oldSlash = oldPath.indexOf("/");
    const newSlash = newPath.indexOf("/");
    if (oldSlash > 0 && newSlash > 0 && oldPath.slice(oldSlash) === newPath.slice(newSlash)) {
      return [oldPath.slice(oldSlash + 1), newPath.slice(newSlash + 1)];
    }
    return [oldPath, newPath];
  }
  return [
    oldPath?.startsWith("a/") ? oldPath.slice(2) : oldPath,
    newPath?.startsWith("b/") ? newPath.slice(2) : newPath,
  ];
}

/** Old-side prefixes git writes: `a/`, or with diff.mnemonicPrefix `c/`, `i/`, `o/`, or `1/`. */
export function stripOldPrefix(path: string): string {
  return path.length > 2 && path.charCodeAt(1) === SLASH && "acio1".includes(path.charAt(0))
    ? path.slice(2)
    : path;
}

/** New-side prefixes: `b/`, or mnemonic `i/`, `w/`, or `2/`. */
export function stripNewPrefix(path: string): string {
  return path.length > 2 && path.charCodeAt(1) === SLASH && "biw2".includes(path.charAt(0))
    ? path.slice(2)
    : path;
}

/**
 * The two paths of `diff --git a/x b/x`. Unquoted names with spaces are
 * ambiguous there, so for an unchanged name we split at the middle; renames
 * and the `---`/`+++` lines carry the exact names anyway.
 */
export function parseGitHeaderPaths(rest: string): [string | undefined, string | undefined] {
  if (rest.charCodeAt(0) === QUOTE) {
    const first = parseQuoted(rest, 0);
    const after = rest.slice(first.end + 1);
    return [first.value, after.charCodeAt(0) === QUOTE ? parseQuoted(after, 0).value : after];
  }
  if (rest.endsWith('"')) {
    const split = rest.lastIndexOf(' "');
    if (split > 0) return [rest.slice(0, split), parseQuoted(rest, split + 1).value];
  }
  if ((rest.length - 1) % 2 === 0) {
    const middle = (rest.length - 1) / 2;
    const left = rest.slice(0, middle);
    const right = rest.slice(middle + 1);
    if (rest.charCodeAt(middle) === SPACE && stripOldPrefix(left) === stripNewPrefix(right)) {
      return [left, right];
    }
  }
  const split = rest.indexOf(" b/");
  const at = split > 0 ? split : rest.indexOf(" ");
  if (at < 0) return [rest, rest];
  return [rest.slice(0, at), rest.slice(at + 1)];
}

/**
 * The path on a `---`/`+++` line. Git ends names holding a space with a tab,
 * and `diff -u` puts a tab before the timestamp, so the name stops at the tab.
 */
export function parseMarkerPath(rest: string): string {
  if (rest.charCodeAt(0) === QUOTE) return parseQuoted(rest, 0).value;
  const tab = rest.indexOf("\t");
  return tab >= 0 ? rest.slice(0, tab) : rest;
}

/** A path on a `rename from` line: quoted or bare to the end of the line. */
export function parseBarePath(rest: string): string {
  return rest.charCodeAt(0) === QUOTE ? parseQuoted(rest, 0).value : rest;
}

/** `Binary files a/x and b/x differ` → its two paths, best effort for unquoted names with " and ". */
export function parseBinaryLinePaths(line: string): [string | undefined, string | undefined] {
  const rest = line.slice(13).replace(/ differ$/, "");
  if (rest.charCodeAt(0) === QUOTE) {
    const first = parseQuoted(rest, 0);
    const after = rest.slice(first.end + 5);
    return [first.value, after.charCodeAt(0) === QUOTE ? parseQuoted(after, 0).value : after];
  }
  const split = rest.indexOf(" and ");
  if (split < 0) return [rest, rest];
  const right = rest.slice(split + 5);
  return [
    rest.slice(0, split),
    right.charCodeAt(0) === QUOTE ? parseQuoted(right, 0).value : right,
  ];
}

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

/**
 * Unquote a C-style quoted name starting at `start` (the opening quote). Git
 * writes non-ASCII bytes as octal escapes (`\303\251` for é), so the escapes
 * are collected as bytes and decoded as UTF-8 at the end.
 */
function parseQuoted(text: string, start: number): { value: string; end: number } {
  const bytes: number[] = [];
  let index = start + 1;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) return { value: textDecoder.decode(new Uint8Array(bytes)), end: index + 1 };
    if (code !== BACKSLASH) {
      if (code < 0x80) bytes.push(code);
      else {
        // Already-decoded non-ASCII text (core.quotepath=off still quotes names with tabs or quotes).
        const point = text.codePointAt(index) as number;
        const character = String.fromCodePoint(point);
        for (const byte of textEncoder.encode(character)) bytes.push(byte);
        index += character.length;
        continue;
      }
      index++;
      continue;
    }
    const next = text.charAt(index + 1);
    if (next >= "0" && next <= "7") {
      bytes.push(Number.parseInt(text.slice(index + 1, index + 4), 8) & 0xff);
      index += 4;
      continue;
    }
    bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
    index += 2;
  }
  return { value: textDecoder.decode(new Uint8Array(bytes)), end: text.length };
}

const ESCAPES: Record<string, number> = {
  a: 7,
  b: 8,
  t: 9,
  n: 10,
  v: 11,
  f: 12,
  r: 13,
  '"': 34,
  "\\": 92,
};
