import { execFile, spawn } from "node:child_process";
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
  let batch: BlobBatch | undefined;
  return (path) => {
    if (/[\n\r]/.test(path)) return gitShow(repoRoot, head, path);
    if (batch === undefined) {
      const current = startBlobBatch(repoRoot);
      batch = current;
      setImmediate(() => {
        if (batch === current) batch = undefined;
        current.end();
      });
    }
    return batch.read(`${head}:${path}`);
  };
}

interface BlobBatch {
  read(spec: string): Promise<string | undefined>;
  end(): void;
}

function startBlobBatch(repoRoot: string): BlobBatch {
  const waiting: Array<(text: string | undefined) => void> = [];
  const child = spawn("git", ["cat-file", "--batch"], {
    cwd: repoRoot,
    stdio: ["pipe", "pipe", "ignore"],
  });
  const giveUp = () => {
    for (const resolve of waiting.splice(0)) resolve(undefined);
  };
  child.on("error", giveUp);
  child.on("close", giveUp);
  child.stdin.on("error", giveUp);
  const parser = createBatchParser((text) => waiting.shift()?.(text));
  child.stdout.on("data", (chunk: Buffer) => parser.push(chunk));
  return {
    read: (spec) =>
      new Promise((resolve) => {
        waiting.push(resolve);
        child.stdin.write(`${spec}\n`);
      }),
    end: () => child.stdin.end(),
  };
}

/**
 * Splits `git cat-file --batch` output into answers: `<oid> <type> <size>\n`,
 * the object's bytes and a newline; or `<spec> missing` (or `ambiguous`) alone.
 * Anything but a blob (a submodule's commit, a tree) is answered undefined.
 */
export function createBatchParser(onAnswer: (text: string | undefined) => void): {
  push(chunk: Buffer): void;
} {
  // Chunks are joined only once a whole answer is here, so a large file
  // arriving in many chunks is copied once, not once per chunk.
  let chunks: Buffer[] = [];
  let length = 0;
  let need = 0;
  return {
    push(chunk) {
      chunks.push(chunk);
      length += chunk.length;
      if (length < need) return;
      let buffer = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, length);
      need = 0;
      for (;;) {
        const newline = buffer.indexOf(10);
        if (newline < 0) break;
        const header = buffer.subarray(0, newline).toString("utf8");
        const match = /^[0-9a-f]+ (\S+) (\d+)$/.exec(header);
        if (!match) {
          buffer = buffer.subarray(newline + 1);
          onAnswer(undefined);
          continue;
        }
        const end = newline + 1 + Number(match[2]);
        // The object's bytes and the newline after them must all be here.
        if (buffer.length < end + 1) {
          need = end + 1;
          break;
        }
        const body = buffer.subarray(newline + 1, end);
        buffer = buffer.subarray(end + 1);
        onAnswer(match[1] === "blob" ? body.toString("utf8") : undefined);
      }
      chunks = buffer.length > 0 ? [buffer] : [];
      length = buffer.length;
    },
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
