import type { ChangedFile, DiffLine, FileStatus, Hunk } from "../core/index.js";

/*
 * Why a hand-written parser instead of parse-diff (installed): this is the hot
 * path of every `jig check`, and of `jig failures check --diff FILE` for diffs
 * from outside git. parse-diff runs several regexes on every line, does not
 * unquote C-style quoted paths (`"a/caf\303\251.ts"`), takes paths from the
 * ambiguous `diff --git` line when a name holds " b/", and yields its own line
 * shape that we would copy once more into `DiffLine`. Here we make one pass over
 * the lines, dispatch on the first character with `charCodeAt`, bound each hunk
 * by its header's line counts (so a removed line reading `--- x` is content, not
 * a new file) and build `ChangedFile`s directly.
 */

const DEV_NULL = "/dev/null";
const PLUS = 43;
const MINUS = 45;
const SPACE = 32;
const BACKSLASH = 92;
const AT = 64;
const LOWER_D = 100;
const CARRIAGE_RETURN = 13;
/** Stands for the first character of an empty line. */
const EMPTY = -1;

/** A file being assembled while its header and hunks stream past. */
interface FileBuilder {
  /** Came from a `diff --git` header, so extended header lines apply and `a/`, `b/` are prefixes. */
  git: boolean;
  headerOld: string | undefined;
  headerNew: string | undefined;
  /** Paths from the `---` / `+++` lines, as written (with prefix, or `/dev/null`). */
  minus: string | undefined;
  plus: string | undefined;
  renameFrom: string | undefined;
  renameTo: string | undefined;
  newFile: boolean;
  deletedFile: boolean;
  copied: boolean;
  binary: boolean;
  additions: number;
  deletions: number;
  hunks: Hunk[];
}

function newBuilder(git: boolean): FileBuilder {
  return {
    git,
    headerOld: undefined,
    headerNew: undefined,
    minus: undefined,
    plus: undefined,
    renameFrom: undefined,
    renameTo: undefined,
    newFile: false,
    deletedFile: false,
    copied: false,
    binary: false,
    additions: 0,
    deletions: 0,
    hunks: [],
  };
}

/**
 * Parse unified diff text (`git diff`, `git show`, `diff -u`, `diff -ruN`)
 * into changed files with numbered lines. Pure and single-pass, so a
 * 2,000-file, 100,000-line diff parses in a few tens of milliseconds.
 *
 * Handles new, deleted, renamed and copied files, mode changes, empty files,
 * `Binary files ... differ` and `GIT binary patch` (flagged `binary`, no hunks),
 * `\ No newline at end of file`, C-quoted paths and CRLF text. Lines it does not
 * understand (commit headers, `Only in ...`, `Index:`) are skipped.
 *
 * @example
 * const files = parseUnifiedDiff(await readFile("change.diff", "utf8"));
 * files[0]?.hunks[0]?.lines; // [{ kind: "add", newLine: 3, text: "..." }, ...]
 */
export function parseUnifiedDiff(text: string): ChangedFile[] {
  const files: ChangedFile[] = [];
  let file: FileBuilder | undefined;
  let hunkLines: DiffLine[] = [];
  let oldRemaining = 0;
  let newRemaining = 0;
  let oldLine = 0;
  let newLine = 0;
  // Inside `GIT binary patch` data, every line until the next file is base85 noise.
  let inBinaryPatch = false;

  const finish = (): void => {
    if (file !== undefined) files.push(finalize(file));
    file = undefined;
    oldRemaining = 0;
    newRemaining = 0;
    inBinaryPatch = false;
  };

  // Scan with indexOf rather than split("\n"): content lines are sliced once,
  // straight to their text, which halves the strings a big diff allocates.
  const length = text.length;
  let start = 0;
  while (start < length) {
    const lineStart = start;
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = length;
    start = lineEnd + 1;
    const end =
      lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === CARRIAGE_RETURN
        ? lineEnd - 1
        : lineEnd;
    const first = end > lineStart ? text.charCodeAt(lineStart) : EMPTY;

    if (oldRemaining > 0 || newRemaining > 0) {
      if (first === PLUS && newRemaining > 0) {
        hunkLines.push({ kind: "add", newLine, text: text.slice(lineStart + 1, end) });
        newLine++;
        newRemaining--;
        (file as FileBuilder).additions++;
        continue;
      }
      if (first === MINUS && oldRemaining > 0) {
        hunkLines.push({ kind: "del", oldLine, text: text.slice(lineStart + 1, end) });
        oldLine++;
        oldRemaining--;
        (file as FileBuilder).deletions++;
        continue;
      }
      // Some tools and editors strip the lone space of an empty context line.
      if ((first === SPACE || first === EMPTY) && oldRemaining > 0 && newRemaining > 0) {
        const lineText = first === EMPTY ? "" : text.slice(lineStart + 1, end);
        hunkLines.push({ kind: "context", oldLine, newLine, text: lineText });
        oldLine++;
        newLine++;
        oldRemaining--;
        newRemaining--;
        continue;
      }
      if (first !== BACKSLASH) {
        // A truncated hunk: stop counting and read the line as a header.
        oldRemaining = 0;
        newRemaining = 0;
      }
    }

    // "\ No newline at end of file" follows the line it is about; nothing to record.
    if (first === BACKSLASH || first === EMPTY) continue;
    const line = text.slice(lineStart, end);

    if (first === AT && line.startsWith("@@ ")) {
      if (file === undefined || inBinaryPatch) continue;
      const hunk = parseHunkHeader(line);
      if (hunk === undefined) continue;
      hunkLines = hunk.lines;
      file.hunks.push(hunk);
      oldLine = hunk.oldStart;
      newLine = hunk.newStart;
      oldRemaining = hunk.oldLines;
      newRemaining = hunk.newLines;
      continue;
    }

    if (first === LOWER_D && line.startsWith("diff --git ")) {
      finish();
      file = newBuilder(true);
      const [headerOld, headerNew] = parseGitHeaderPaths(line.slice(11));
      file.headerOld = headerOld;
      file.headerNew = headerNew;
      continue;
    }

    if (first === MINUS && line.startsWith("--- ") && text.startsWith("+++ ", start)) {
      let plusEnd = text.indexOf("\n", start);
      if (plusEnd < 0) plusEnd = length;
      const plusLine = stripCarriageReturn(text.slice(start, plusEnd));
      start = plusEnd + 1;
      // The `---` of a git file comes after its extended header; anywhere else it opens a plain diff.
      const awaitingMarkers =
        file?.git === true && file.minus === undefined && file.hunks.length === 0;
      if (!awaitingMarkers) {
        finish();
        file = newBuilder(false);
      }
      const builder = file as FileBuilder;
      builder.minus = parseMarkerPath(line.slice(4));
      builder.plus = parseMarkerPath(plusLine.slice(4));
      continue;
    }

    if (line.startsWith("Binary files ")) {
      if (file?.git === true && file.hunks.length === 0) {
        file.binary = true;
      } else {
        finish();
        file = newBuilder(false);
        file.binary = true;
        const [minus, plus] = parseBinaryLinePaths(line);
        file.minus = minus;
        file.plus = plus;
      }
      continue;
    }

    if (file === undefined || !file.git || file.hunks.length > 0 || inBinaryPatch) continue;
    readExtendedHeader(file, line);
    if (line === "GIT binary patch") inBinaryPatch = true;
  }
  finish();
  return files;
}

/** Apply one `diff --git` extended header line (`new file mode`, `rename from`, ...). */
function readExtendedHeader(file: FileBuilder, line: string): void {
  if (line.startsWith("new file mode")) file.newFile = true;
  else if (line.startsWith("deleted file mode")) file.deletedFile = true;
  else if (line.startsWith("rename from ")) file.renameFrom = parseBarePath(line.slice(12));
  else if (line.startsWith("rename to ")) file.renameTo = parseBarePath(line.slice(10));
  else if (line.startsWith("copy from ")) {
    file.copied = true;
    file.renameFrom = parseBarePath(line.slice(10));
  } else if (line.startsWith("copy to ")) {
    file.copied = true;
    file.renameTo = parseBarePath(line.slice(8));
  } else if (line === "GIT binary patch") file.binary = true;
}

function finalize(file: FileBuilder): ChangedFile {
  const minusIsNull = file.minus === DEV_NULL;
  const plusIsNull = file.plus === DEV_NULL;
  let oldPath: string | undefined;
  let newPath: string | undefined;
  let status: FileStatus;

  if (file.git) {
    oldPath =
      file.renameFrom ??
      (file.minus !== undefined && !minusIsNull ? stripOldPrefix(file.minus) : undefined) ??
      (file.headerOld === undefined ? undefined : stripOldPrefix(file.headerOld));
    newPath =
      file.renameTo ??
      (file.plus !== undefined && !plusIsNull ? stripNewPrefix(file.plus) : undefined) ??
      (file.headerNew === undefined ? undefined : stripNewPrefix(file.headerNew));
    if (file.deletedFile || plusIsNull) status = "deleted";
    else if (file.newFile || minusIsNull || file.copied) status = "added";
    else if (file.renameFrom !== undefined || file.renameTo !== undefined) status = "renamed";
    else status = "modified";
  } else {
    [oldPath, newPath] = plainPaths(file.minus, file.plus);
    const only = file.hunks.length === 1 ? file.hunks[0] : undefined;
    // `diff -N` shows a new file against an empty one rather than /dev/null: `@@ -0,0 +1,n @@`.
    if (minusIsNull || (only !== undefined && only.oldStart === 0 && only.oldLines === 0)) {
      status = "added";
    } else if (plusIsNull || (only !== undefined && only.newStart === 0 && only.newLines === 0)) {
      status = "deleted";
    } else status = "modified";
  }

  const path = (status === "deleted" ? (oldPath ?? newPath) : (newPath ?? oldPath)) ?? "";
  const changed: ChangedFile = {
    path,
    status,
    binary: file.binary,
    additions: file.additions,
    deletions: file.deletions,
    hunks: file.binary ? [] : file.hunks,
  };
  if (status === "renamed" && oldPath !== undefined) changed.oldPath = oldPath;
  return changed;
}

/**
 * Paths of a plain `diff -u`: `diff -ru old new` writes `old/src/x.ts` and
 * `new/src/x.ts`; we drop that first folder when the rest agrees, as `patch -p1` would.
 */
function plainPaths(
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
function stripOldPrefix(path: string): string {
  return path.length > 2 && path.charCodeAt(1) === 47 && "acio1".includes(path.charAt(0))
    ? path.slice(2)
    : path;
}

/** New-side prefixes: `b/`, or mnemonic `i/`, `w/`, or `2/`. */
function stripNewPrefix(path: string): string {
  return path.length > 2 && path.charCodeAt(1) === 47 && "biw2".includes(path.charAt(0))
    ? path.slice(2)
    : path;
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;

/** `@@ -12,3 +12,4 @@ function name` → an empty hunk. Counts default to 1, as in the format. */
function parseHunkHeader(line: string): Hunk | undefined {
  const match = HUNK_HEADER.exec(line);
  if (match === null) return undefined;
  return {
    oldStart: Number(match[1]),
    oldLines: match[2] === undefined ? 1 : Number(match[2]),
    newStart: Number(match[3]),
    newLines: match[4] === undefined ? 1 : Number(match[4]),
    header: match[5] ?? "",
    lines: [],
  };
}

/**
 * The two paths of `diff --git a/x b/x`. Unquoted names with spaces are
 * ambiguous there, so for an unchanged name we split at the middle; renames
 * and the `---`/`+++` lines carry the exact names anyway.
 */
function parseGitHeaderPaths(rest: string): [string | undefined, string | undefined] {
  if (rest.charCodeAt(0) === 34) {
    const first = parseQuoted(rest, 0);
    const after = rest.slice(first.end + 1);
    return [first.value, after.charCodeAt(0) === 34 ? parseQuoted(after, 0).value : after];
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
function parseMarkerPath(rest: string): string {
  if (rest.charCodeAt(0) === 34) return parseQuoted(rest, 0).value;
  const tab = rest.indexOf("\t");
  return tab >= 0 ? rest.slice(0, tab) : rest;
}

/** A path on a `rename from` line: quoted or bare to the end of the line. */
function parseBarePath(rest: string): string {
  return rest.charCodeAt(0) === 34 ? parseQuoted(rest, 0).value : rest;
}

/** `Binary files a/x and b/x differ` → its two paths, best effort for unquoted names with " and ". */
function parseBinaryLinePaths(line: string): [string | undefined, string | undefined] {
  const rest = line.slice(13).replace(/ differ$/, "");
  if (rest.charCodeAt(0) === 34) {
    const first = parseQuoted(rest, 0);
    const after = rest.slice(first.end + 5);
    return [first.value, after.charCodeAt(0) === 34 ? parseQuoted(after, 0).value : after];
  }
  const split = rest.indexOf(" and ");
  if (split < 0) return [rest, rest];
  const right = rest.slice(split + 5);
  return [rest.slice(0, split), right.charCodeAt(0) === 34 ? parseQuoted(right, 0).value : right];
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
    if (code === 34) return { value: textDecoder.decode(new Uint8Array(bytes)), end: index + 1 };
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

function stripCarriageReturn(line: string): string {
  return line.charCodeAt(line.length - 1) === CARRIAGE_RETURN ? line.slice(0, -1) : line;
}
