import { GitError } from "../core/index.js";
import { runGitResult } from "./run-git.js";

/** One file of a commit's tree, as `git ls-tree -r` lists it. */
export interface RevisionEntry {
  /** Repo-relative POSIX path. */
  path: string;
  /** `100644`, `100755`, `120000` (a symlink), `160000` (a submodule). */
  mode: string;
  sha: string;
}

/**
 * Every file of `revision`'s tree (`git ls-tree -r -z --full-tree`). Reads
 * the object database only: what the working tree holds never shows here.
 */
export async function listRevisionFiles(root: string, revision: string): Promise<RevisionEntry[]> {
  const args = ["ls-tree", "-r", "-z", "--full-tree", revision];
  const chunks: Buffer[] = [];
  const result = await runGitResult(args, root, { onStdout: (chunk) => chunks.push(chunk) });
  if (result.exitCode !== 0) {
    throw new GitError(`git ls-tree ${revision} failed: ${result.stderr.trim() || "no output"}`);
  }
  const entries: RevisionEntry[] = [];
  for (const record of Buffer.concat(chunks).toString("utf8").split("\0")) {
    // `<mode> SP <type> SP <sha> TAB <path>`
    const tab = record.indexOf("\t");
    if (tab < 0) continue;
    const [mode, , sha] = record.slice(0, tab).split(" ");
    if (!mode || !sha) continue;
    entries.push({ path: record.slice(tab + 1), mode, sha });
  }
  return entries;
}

/**
 * The contents of blobs, by sha, in one `git cat-file --batch` process.
 * Bytes, not text: the batch header counts bytes, and a file with a
 * multi-byte character would otherwise shift every later one.
 */
export async function readBlobs(
  root: string,
  shas: readonly string[],
): Promise<Map<string, Buffer>> {
  const blobs = new Map<string, Buffer>();
  if (shas.length === 0) return blobs;
  const chunks: Buffer[] = [];
  const result = await runGitResult(["cat-file", "--batch"], root, {
    input: `${shas.join("\n")}\n`,
    onStdout: (chunk) => chunks.push(chunk),
  });
  if (result.exitCode !== 0) {
    throw new GitError(`git cat-file --batch failed: ${result.stderr.trim() || "no output"}`);
  }
  const output = Buffer.concat(chunks);
  let offset = 0;
  for (const sha of shas) {
    const newline = output.indexOf(10, offset);
    if (newline < 0) break;
    const header = output.subarray(offset, newline).toString("utf8");
    offset = newline + 1;
    // `<sha> <type> <size>` or `<object> missing`
    const [, type, size] = header.split(" ");
    if (type === undefined || size === undefined) continue;
    const length = Number(size);
    if (type === "blob") blobs.set(sha, output.subarray(offset, offset + length));
    offset += length + 1;
  }
  return blobs;
}
