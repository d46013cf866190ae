import type { ChangedFile, DiffLine, FileStatus, Hunk } from "../core/index.js";
import {
  DEV_NULL,
  parseBarePath,
  parseBinaryLinePaths,
  parseGitHeaderPaths,
  parseMarkerPath,
  plainPaths,
  stripNewPrefix,
  stripOldPrefix,
} from "./diff-paths.js";

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
  const reader: DiffReader = { files: [], file: undefined, inBinaryPatch: false };
  // The hunk being read. These stay locals, not reader fields: every content
  // line of a big diff goes through them.
  let hunkLines: DiffLine[] = [];
  let oldRemaining = 0;
  let newRemaining = 0;
  let oldLine = 0;
  let newLine = 0;

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
      const file = reader.file as FileBuilder;
      if (first === PLUS && newRemaining > 0) {
        hunkLines.push({ kind: "add", newLine, text: text.slice(lineStart + 1, end) });
        newLine++;
        newRemaining--;
        file.additions++;
        continue;
      }
      if (first === MINUS && oldRemaining > 0) {
        hunkLines.push({ kind: "del", oldLine, text: text.slice(lineStart + 1, end) });
        oldLine++;
        oldRemaining--;
        file.deletions++;
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
      const hunk = startHunk(reader, line);
      if (hunk === undefined) continue;
      hunkLines = hunk.lines;
      oldLine = hunk.oldStart;
      newLine = hunk.newStart;
      oldRemaining = hunk.oldLines;
      newRemaining = hunk.newLines;
      continue;
    }
    start = readHeaderLine(reader, text, line, first, start);
  }
  finishFile(reader);
  return reader.files;
}

/** What lies between hunks: the files read so far and the one being assembled. */
interface DiffReader {
  files: ChangedFile[];
  file: FileBuilder | undefined;
  /** Inside `GIT binary patch` data, every line until the next file is base85 noise. */
  inBinaryPatch: boolean;
}

function finishFile(reader: DiffReader): void {
  if (reader.file !== undefined) reader.files.push(finalize(reader.file));
  reader.file = undefined;
  reader.inBinaryPatch = false;
}

function startFile(reader: DiffReader, git: boolean): FileBuilder {
  finishFile(reader);
  reader.file = newBuilder(git);
  return reader.file;
}

/** Open the hunk an `@@` line announces, unless no file (or only binary data) is open. */
function startHunk(reader: DiffReader, line: string): Hunk | undefined {
  if (reader.file === undefined || reader.inBinaryPatch) return undefined;
  const hunk = parseHunkHeader(line);
  if (hunk !== undefined) reader.file.hunks.push(hunk);
  return hunk;
}

/**
 * Read a line outside any hunk: a `diff --git` header, a `---`/`+++` pair, a
 * `Binary files` line or an extended header line. Returns where the next
 * line starts, which is past the `+++` line when it read a pair.
 */
function readHeaderLine(
  reader: DiffReader,
  text: string,
  line: string,
  first: number,
  next: number,
): number {
  if (first === LOWER_D && line.startsWith("diff --git ")) {
    const file = startFile(reader, true);
    [file.headerOld, file.headerNew] = parseGitHeaderPaths(line.slice(11));
    return next;
  }
  if (first === MINUS && line.startsWith("--- ") && text.startsWith("+++ ", next)) {
    let plusEnd = text.indexOf("\n", next);
    if (plusEnd < 0) plusEnd = text.length;
    const plusLine = stripCarriageReturn(text.slice(next, plusEnd));
    // The `---` of a git file comes after its extended header; anywhere else it opens a plain diff.
    const current = reader.file;
    const awaitingMarkers =
      current?.git === true && current.minus === undefined && current.hunks.length === 0;
    const file = awaitingMarkers ? current : startFile(reader, false);
    file.minus = parseMarkerPath(line.slice(4));
    file.plus = parseMarkerPath(plusLine.slice(4));
    return plusEnd + 1;
  }
  const file = reader.file;
  if (line.startsWith("Binary files ")) {
    if (file?.git === true && file.hunks.length === 0) {
      file.binary = true;
    } else {
      const plain = startFile(reader, false);
      plain.binary = true;
      [plain.minus, plain.plus] = parseBinaryLinePaths(line);
    }
    return next;
  }
  if (file === undefined || !file.git || file.hunks.length > 0 || reader.inBinaryPatch) return next;
  readExtendedHeader(file, line);
  if (line === "GIT binary patch") reader.inBinaryPatch = true;
  return next;
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

function stripCarriageReturn(line: string): string {
  return line.charCodeAt(line.length - 1) === CARRIAGE_RETURN ? line.slice(0, -1) : line;
}
