import { lstat, readFile, readlink } from "node:fs/promises";
import { join } from "node:path";
import type { Change, ChangedFile, Commit, DiffLine } from "../core/index.js";
import { createDiffSplitter } from "./create-diff-splitter.js";
import { findRepoRoot } from "./find-repo-root.js";
import { GIT_LOG_FORMAT, parseGitLog } from "./parse-git-log.js";
import { parseUnifiedDiff } from "./parse-unified-diff.js";
import { EMPTY_TREE_SHA, type ResolvedRange } from "./resolve-range.js";
import { runGit } from "./run-git.js";

/** Untracked files above this size are listed but not read, like binaries. */
export const UNTRACKED_MAX_BYTES = 1024 * 1024;

/** Git calls a file binary when a NUL byte shows up in its first 8,000 bytes. */
const BINARY_SNIFF_BYTES = 8000;

/**
 * Options that make diff output independent of the user's git config:
 * no colour, no external diff or textconv driver, fixed `a/` `b/` prefixes
 * (diff.noprefix and diff.mnemonicPrefix change them), root-relative paths
 * (diff.relative), and rename detection on.
 */
const DIFF_OPTIONS = [
  "--no-color",
  "--no-ext-diff",
  "--no-textconv",
  "--src-prefix=a/",
  "--dst-prefix=b/",
  "--no-relative",
  "--find-renames",
];

/** Non-ASCII names stay as UTF-8 instead of octal escapes (names with tabs or quotes are still quoted). */
const QUOTEPATH_OFF = ["-c", "core.quotepath=off"];

/**
 * Read the change a {@link ResolvedRange} describes: changed files with
 * numbered hunk lines, and the commits in `base..head` (oldest first) with
 * their trailers. With `workingTree`, the diff runs from `base` to the files on
 * disk (staged and unstaged edits) and untracked, non-ignored files are added
 * whole, since they are part of what the user is about to commit.
 *
 * @example
 * const change = await readChange(await resolveRange({ cwd }), cwd);
 * change.commits[0]?.trailers; // [{ key: "Spec", value: "SPEC-0007" }]
 */
export async function readChange(
  range: ResolvedRange,
  cwd: string,
  options: ReadChangeOptions = {},
): Promise<Change> {
  // `git ls-files` is relative to its cwd and untracked files are read from disk, so work from the root.
  const root = range.root ?? (await findRepoRoot(cwd));
  const diffArgs = range.workingTree
    ? [...QUOTEPATH_OFF, "diff", ...DIFF_OPTIONS, range.base, "--"]
    : [...QUOTEPATH_OFF, "diff", ...DIFF_OPTIONS, range.base, range.head, "--"];

  const { onFiles } = options;
  const splitter = onFiles ? createDiffSplitter(onFiles, options.keepHunks ?? true) : undefined;
  const [diffText, commits, untracked] = await Promise.all([
    runGit(diffArgs, root, splitter ? { onStdout: splitter.push } : {}),
    readCommits(range, root),
    range.workingTree ? readUntrackedFiles(root) : Promise.resolve([]),
  ]);

  let files: ChangedFile[];
  if (splitter) files = await splitter.end(untracked);
  else {
    files = parseUnifiedDiff(diffText);
    files.push(...untracked);
  }
  files.sort((left, right) => (left.path < right.path ? -1 : left.path > right.path ? 1 : 0));
  return {
    base: range.base,
    head: range.head,
    baseRef: range.baseRef,
    headRef: range.headRef,
    workingTree: range.workingTree,
    files,
    commits,
  };
}

export interface ReadChangeOptions {
  /**
   * Called with batches of changed files while git is still producing the
   * diff, so detectors can run alongside git instead of after it. Batches are
   * parsed and handed over one at a time: the next is parsed once the promise
   * returned for this one settles, so parsed lines do not pile up while the
   * consumer is busy. The change `readChange` resolves to holds the same
   * files, sorted by path, after every batch was handled.
   */
  onFiles?: (files: ChangedFile[]) => void | Promise<void>;
  /**
   * With `onFiles`: false returns the files without their hunks, for a caller
   * that saw every line through `onFiles` and needs only the file list after.
   * A big diff's lines are then freed batch by batch. Default true.
   */
  keepHunks?: boolean;
}

/** Commits in `base..head`, oldest first; all of head's history when base is the empty tree. */
async function readCommits(range: ResolvedRange, root: string): Promise<Commit[]> {
  if (range.head === EMPTY_TREE_SHA || range.base === range.head) return [];
  const revisions = range.base === EMPTY_TREE_SHA ? [range.head] : [`${range.base}..${range.head}`];
  const text = await runGit(
    [
      "log",
      "--reverse",
      "--no-show-signature",
      "--no-color",
      `--format=${GIT_LOG_FORMAT}`,
      ...revisions,
      "--",
    ],
    root,
  );
  return parseGitLog(text);
}

/** Untracked, non-ignored files as added files whose single hunk holds every line. */
async function readUntrackedFiles(root: string): Promise<ChangedFile[]> {
  const listing = await runGit(["ls-files", "-z", "--others", "--exclude-standard"], root);
  const paths = listing.split("\0").filter((path) => path.length > 0 && !path.endsWith("/"));
  const files: ChangedFile[] = [];
  // Batches keep thousands of untracked files (an unignored build folder) under the open-file limit.
  for (let start = 0; start < paths.length; start += 64) {
    const batch = await Promise.all(
      paths.slice(start, start + 64).map((path) => readUntrackedFile(root, path)),
    );
    for (const file of batch) if (file !== undefined) files.push(file);
  }
  return files;
}

async function readUntrackedFile(root: string, path: string): Promise<ChangedFile | undefined> {
  const full = join(root, path);
  const info = await lstat(full).catch(() => undefined);
  // Deleted between `ls-files` and now: it is no longer part of the change.
  if (info === undefined) return undefined;
  let content: Buffer;
  if (info.isSymbolicLink()) {
    // Git stores a symlink as its target text, so that is what the change adds.
    content = Buffer.from(await readlink(full), "utf8");
  } else if (info.size > UNTRACKED_MAX_BYTES) {
    return { path, status: "added", binary: true, additions: 0, deletions: 0, hunks: [] };
  } else {
    content = await readFile(full);
  }
  if (content.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
    return { path, status: "added", binary: true, additions: 0, deletions: 0, hunks: [] };
  }
  return addedFileFromText(path, content.toString("utf8"));
}

/**
 * Pure: a new file holding `text`, shaped as `git diff` would show it
 * (one hunk `@@ -0,0 +1,n @@`, no hunk for an empty file). Exported for tests.
 */
export function addedFileFromText(path: string, text: string): ChangedFile {
  const rawLines = text.split("\n");
  if (rawLines[rawLines.length - 1] === "") rawLines.pop();
  const lines: DiffLine[] = rawLines.map((line, index) => ({
    kind: "add",
    newLine: index + 1,
    text: line.endsWith("\r") ? line.slice(0, -1) : line,
  }));
  return {
    path,
    status: "added",
    binary: false,
    additions: lines.length,
    deletions: 0,
    hunks:
      lines.length === 0
        ? []
        : [{ oldStart: 0, oldLines: 0, newStart: 1, newLines: lines.length, header: "", lines }],
  };
}
