import { createBatchParser, type GitObject } from "./create-batch-parser.js";
import { runGitSync } from "./run-git-sync.js";

// Node built-ins, run-git-sync and the pure batch parser only: the guard's hot path.

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
  const answers: Array<GitObject | undefined> = [];
  createBatchParser((object) => answers.push(object)).push(result.stdout);
  requests.forEach((index, answer) => {
    const object = answers[answer];
    if (object?.type === "blob") texts[index] = object.content.toString("utf8");
  });
  return texts;
}
