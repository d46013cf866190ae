import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Change } from "../core/index.js";
import { type ObjectReader, openObjectReader } from "../git/open-object-reader.js";
import type { PostChangeReader } from "./run-detectors.js";

/** Reads post-change files from the working tree: right when the change includes uncommitted edits. */
export function createWorkingTreeReader(repoRoot: string): PostChangeReader {
  return async (path) => {
    try {
      return await readFile(join(repoRoot, path), "utf8");
    } catch {
      return undefined;
    }
  };
}

/**
 * Reads post-change files from git objects at `head`. One `git cat-file
 * --batch` process answers every read issued in the same tick (detectors ask
 * for a batch of files at once), instead of one `git show` per file: on a
 * 500-file change that was 357 processes. The process's stdin is closed once
 * the tick's reads are written, so no process outlives its batch; a later
 * read starts a new one. A path git cannot name on one line falls back to
 * `git show`.
 */
export function createGitShowReader(repoRoot: string, head: string): PostChangeReader {
  let batch: ObjectReader | undefined;
  return (path) => {
    if (/[\n\r]/.test(path)) return gitShow(repoRoot, head, path);
    if (batch === undefined) {
      const current = openObjectReader(repoRoot);
      batch = current;
      setImmediate(() => {
        if (batch === current) batch = undefined;
        current.close();
      });
    }
    // Anything but a blob (a submodule's commit, a tree), or a git that failed, reads as absent.
    return batch.read(`${head}:${path}`).then(
      (object) => (object?.type === "blob" ? object.content.toString("utf8") : undefined),
      () => undefined,
    );
  };
}

function gitShow(repoRoot: string, head: string, path: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      "git",
      ["show", `${head}:${path}`],
      { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" },
      (error, stdout) => resolve(error ? undefined : stdout),
    );
  });
}

/** The right reader for a change read from git: working tree when it includes uncommitted edits, else git objects. */
export function createRepoReader(repoRoot: string, change: Change): PostChangeReader {
  return change.workingTree
    ? createWorkingTreeReader(repoRoot)
    : createGitShowReader(repoRoot, change.head);
}

/**
 * For `--diff` outside git: only files the diff adds whole (`@@ -0,0 +1,n @@`)
 * can be rebuilt from their hunks. Other files yield undefined, so `absent`
 * and `ast` detectors do not run on them; added-line regexes still do.
 */
export function createHunkReader(change: Change): PostChangeReader {
  const contents = new Map<string, string>();
  for (const file of change.files) {
    if (file.status !== "added" || file.hunks.length !== 1) continue;
    const hunk = file.hunks[0];
    if (hunk === undefined || hunk.oldLines !== 0 || hunk.newStart > 1) continue;
    const lines: string[] = [];
    for (const line of hunk.lines) if (line.kind === "add") lines.push(line.text);
    contents.set(file.path, `${lines.join("\n")}\n`);
  }
  return async (path) => contents.get(path);
}
