import { GitError } from "../core/index.js";
import { tryGit } from "./run-git.js";

/**
 * The branch checked out in `cwd`, or `undefined` when HEAD is detached (as
 * in most CI checkouts). An unborn branch (no commits yet) still has a name.
 */
export async function currentBranch(cwd: string): Promise<string | undefined> {
  const name = await tryGit(["symbolic-ref", "--quiet", "--short", "HEAD"], cwd);
  const trimmed = name?.trim();
  return trimmed === undefined || trimmed.length === 0 ? undefined : trimmed;
}

/**
 * The branch changes merge into, as a ref git accepts: `main`, or
 * `origin/main` when only the remote-tracking branch exists (a CI clone).
 * Tried in order: the configured name, `origin/HEAD`, `main`, `master`, then
 * the current branch, so a repo with one odd-named branch still works.
 * A configured branch that exists nowhere is an error rather than a silent fallback.
 *
 * @example
 * await detectDefaultBranch(repoDir);            // "main"
 * await detectDefaultBranch(repoDir, "develop"); // "develop" or "origin/develop"
 */
export async function detectDefaultBranch(cwd: string, configured?: string): Promise<string> {
  if (configured !== undefined) {
    const found = await findBranch(cwd, configured);
    if (found !== undefined) return found;
    if (!configured.startsWith("-") && (await refExists(cwd, configured))) return configured;
    throw new GitError(
      `default branch '${configured}' not found locally or on origin: fix defaultBranch in jig.config.yaml, or git fetch origin ${configured}`,
    );
  }

  const originHead = await tryGit(
    ["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"],
    cwd,
  );
  const originDefault = originHead?.trim().replace(/^origin\//, "");
  if (originDefault !== undefined && originDefault.length > 0) {
    const found = await findBranch(cwd, originDefault);
    if (found !== undefined) return found;
  }

  for (const candidate of ["main", "master"]) {
    const found = await findBranch(cwd, candidate);
    if (found !== undefined) return found;
  }
  return (await currentBranch(cwd)) ?? "HEAD";
}

/** `name` when the local branch exists, `origin/name` when only the remote one does. */
async function findBranch(cwd: string, name: string): Promise<string | undefined> {
  if (await refExists(cwd, `refs/heads/${name}`)) return name;
  if (await refExists(cwd, `refs/remotes/origin/${name}`)) return `origin/${name}`;
  return undefined;
}

async function refExists(cwd: string, ref: string): Promise<boolean> {
  const sha = await tryGit(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], cwd);
  return sha !== undefined && sha.trim().length > 0;
}
