import { runGitSync } from "./run-git-sync.js";

// Node built-ins and run-git-sync only: the guard's hot path.

/**
 * The text of several files as they are in git's objects, in one
 * `git cat-file --batch` process: each object is `<rev>:<path>` (path from
 * the repository root). An object that does not exist, or is not a file,
 * reads as undefined, as do all of them when git fails.
 *
 * @example
 * readBlobsSync(repoDir, ["1a2b3c:specs/SPEC-0007-login.md"]); // ["---\nid: SPEC-0007\n…"]
 */
export function readBlobsSync(
  repoRoot: string,
  objects: readonly string[],
): Array<string | undefined> {
  const texts: Array<string | undefined> = objects.map(() => undefined);
  // A newline inside a name would split one request into two.
  const requests = objects.flatMap((object, index) => (/[\r\n]/.test(object) ? [] : [index]));
  if (requests.length === 0) return texts;
  const input = requests.map((index) => objects[index]).join("\n");
  const result = runGitSync(["cat-file", "--batch"], repoRoot, `${input}\n`);
  if (result.status !== 0) return texts;
  const out = result.stdout;
  let offset = 0;
  for (const index of requests) {
    const end = out.indexOf(0x0a, offset);
    if (end < 0) break;
    // `<sha> <type> <size>`, then the content and a newline; or `<object> missing`.
    const header = /^[0-9a-f]+ (\w+) (\d+)$/.exec(out.subarray(offset, end).toString("utf8"));
    offset = end + 1;
    if (!header) continue;
    const size = Number(header[2]);
    if (header[1] === "blob") {
      texts[index] = out.subarray(offset, offset + size).toString("utf8");
    }
    offset += size + 1;
  }
  return texts;
}
