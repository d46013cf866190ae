import { runGit } from "./run-git.js";

/**
 * The top folder of the work tree holding `cwd`. Git prints paths relative to
 * it (`git diff`, `git ls-files` from the root), so readers resolve it first.
 * Throws a GitError with the not-a-repository line when `cwd` is outside any repo.
 * `findWorkTreeRoot` is the synchronous twin that spawns nothing, for hot paths.
 */
export async function findRepoRoot(cwd: string): Promise<string> {
  const root = (await runGit(["rev-parse", "--show-toplevel"], cwd)).trim();
  return root;
}
