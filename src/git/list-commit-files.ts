import { runGit } from "./run-git.js";

/**
 * The files each commit in `base..head` touched, by full sha; every commit
 * reachable from `head` when there is no base (the empty tree of a first
 * commit). Renames count as both paths (`--no-renames`), so moving a
 * governed file away is seen.
 * A merge lists what it changed against every parent (`--cc`): the files an
 * "evil merge" edits on its own; what it brought in is listed under the
 * commits that made it.
 */
export async function listCommitFiles(
  root: string,
  base: string | undefined,
  head: string,
): Promise<Map<string, string[]>> {
  const range = base === undefined ? head : `${base}..${head}`;
  const output = await runGit(
    ["log", "--no-renames", "--cc", "--name-only", "-z", "--format=%x01%H", range, "--"],
    root,
  );
  const files = new Map<string, string[]>();
  for (const record of output.split("\x01")) {
    const end = record.indexOf("\0");
    if (end < 0) continue;
    const sha = record.slice(0, end).trim();
    if (sha.length === 0) continue;
    const paths = record
      .slice(end + 1)
      .split("\0")
      .map((path) => path.replace(/^\n/, ""))
      .filter((path) => path.length > 0);
    files.set(sha, paths);
  }
  return files;
}
