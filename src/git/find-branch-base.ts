import { type RefFiles, readRefFiles, readRefsWithGit } from "./read-ref-files.js";
import { runGitSync } from "./run-git-sync.js";

// Node built-ins and small git/ files only: the guard's hot path.

/** The base of the checked-out branch, as the guard reads it. */
export interface BranchBase {
  /** The default branch as git names it: `main`, `origin/main`, or HEAD's own branch. */
  defaultBranch: string;
  /**
   * HEAD's commit and the default branch's, joined: the base is a function of
   * the two, so a cache keyed on this never serves a stale base.
   */
  key: string;
  /**
   * The base commit: HEAD itself when HEAD is on the default branch, else
   * their merge-base (one git process, run on the first call only).
   * Undefined when the two share no history.
   */
  commit(): string | undefined;
}

/**
 * The commit `jig check` would compare the branch with when given no
 * `--base`: the merge-base of HEAD and the default branch, found in the same
 * order as `detectDefaultBranch` (the configured name, `origin/HEAD`, `main`,
 * `master`, then HEAD's own branch), but synchronously and from ref files
 * without running git. On the default branch itself, or when no default
 * branch exists besides HEAD's, the base is HEAD. Undefined before the first
 * commit, and when a configured default branch exists nowhere.
 *
 * @example
 * findBranchBase(repoDir)?.commit(); // "1a2b3c…", where feature/x left main
 */
export function findBranchBase(
  repoRoot: string,
  options: {
    defaultBranch?: string | undefined;
    /** The repository's refs when the caller already read them. */
    refs?: RefFiles | undefined;
  } = {},
): BranchBase | undefined {
  const refs = options.refs ?? readRefFiles(repoRoot) ?? readRefsWithGit(repoRoot);
  const head = refs?.head.sha;
  if (!refs || head === undefined) return undefined;
  const found = findDefaultBranch(refs, options.defaultBranch);
  if (!found) return undefined;
  const key = `${head}:${found.sha}`;
  if (found.sha === head) return { defaultBranch: found.name, key, commit: () => head };
  let base: string | undefined | null = null;
  return {
    defaultBranch: found.name,
    key,
    commit() {
      if (base === null) {
        const result = runGitSync(["merge-base", head, found.sha], repoRoot);
        const sha = result.stdout.toString("utf8").trim();
        base = result.status === 0 && sha.length > 0 ? sha : undefined;
      }
      return base;
    },
  };
}

/** The default branch's name and commit, in `detectDefaultBranch`'s order. */
function findDefaultBranch(
  refs: RefFiles,
  configured: string | undefined,
): { name: string; sha: string } | undefined {
  const branch = (name: string): { name: string; sha: string } | undefined => {
    const local = refs.resolve(`refs/heads/${name}`);
    if (local !== undefined) return { name, sha: local };
    const remote = refs.resolve(`refs/remotes/origin/${name}`);
    return remote === undefined ? undefined : { name: `origin/${name}`, sha: remote };
  };
  if (configured !== undefined) {
    // Like detectDefaultBranch, a configured name may also be any other ref git knows.
    const other = [`refs/remotes/${configured}`, `refs/tags/${configured}`, configured]
      .map((ref) => refs.resolve(ref))
      .find((sha) => sha !== undefined);
    if (other === undefined && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(configured)) {
      return { name: configured, sha: configured };
    }
    return (
      branch(configured) ?? (other === undefined ? undefined : { name: configured, sha: other })
    );
  }
  const originHead = refs.target("refs/remotes/origin/HEAD");
  if (originHead?.startsWith("refs/remotes/origin/")) {
    const found = branch(originHead.slice("refs/remotes/origin/".length));
    if (found) return found;
  }
  for (const name of ["main", "master"]) {
    const found = branch(name);
    if (found) return found;
  }
  const head = refs.head.sha;
  return head === undefined ? undefined : { name: refs.head.branch ?? "HEAD", sha: head };
}
