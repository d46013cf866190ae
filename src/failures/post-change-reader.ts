import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Change } from "../core/index.js";
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

/** Reads post-change files with `git show <head>:<path>`: right for a committed range. */
export function createGitShowReader(repoRoot: string, head: string): PostChangeReader {
  return (path) =>
    new Promise((resolve) => {
      execFile(
        "git",
        ["show", `${head}:${path}`],
        { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" },
        (error, stdout) => resolve(error ? undefined : stdout),
      );
    });
}

/** The right reader for a change read from git: working tree when it includes uncommitted edits, else `git show`. */
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
