import { GitError } from "../core/index.js";
import { detectDefaultBranch } from "./detect-default-branch.js";
import { findRepoRoot } from "./find-repo-root.js";
import { tryGit, unknownRevisionMessage } from "./run-git.js";

/** The sha of git's empty tree: the base of a repository with no commits yet. */
export const EMPTY_TREE_SHA = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

/** Which two points `jig check` compares, resolved to shas, and how to say so. */
export interface ResolvedRange {
  /** Full sha of the base commit, or {@link EMPTY_TREE_SHA} when there is none. */
  base: string;
  /** Full sha of the head commit ({@link EMPTY_TREE_SHA} before the first commit). */
  head: string;
  /** What the user asked for, or what jig chose: `main`, `origin/main`, `HEAD~3`. */
  baseRef: string;
  headRef: string;
  /** True when uncommitted changes (staged, unstaged, untracked) are included. */
  workingTree: boolean;
  /** One line for reports, e.g. `main...HEAD (merge-base 1a2b3c4..9f8e7d6) + uncommitted changes`. */
  description: string;
  /** The repository's top-level folder, so reading the change need not ask git again. */
  root?: string;
}

/** Inputs of {@link resolveRange}; refs come straight from `--base` / `--head`. */
export interface ResolveRangeOptions {
  cwd: string;
  base?: string;
  head?: string;
  /** `defaultBranch` from the config; detected when absent. */
  defaultBranch?: string;
  /** The repository root when the caller already found it: saves a `git rev-parse`. */
  root?: string;
}

/**
 * Turn `--base` / `--head` into the range `jig check` verifies.
 * - head defaults to HEAD, and then uncommitted work is included too: the
 *   gate should judge what is about to be committed or pushed, not only history;
 * - base defaults to the merge-base of the default branch and head, so commits
 *   that landed on main since the branch point are not blamed on this change;
 * - a repository with no commits compares the empty tree with the working tree.
 * Bad or option-like refs become a GitError naming the ref.
 *
 * @example
 * const range = await resolveRange({ cwd: repoDir });
 * range.description; // "main...HEAD (merge-base 1a2b3c4..9f8e7d6) + uncommitted changes"
 */
export async function resolveRange(options: ResolveRangeOptions): Promise<ResolvedRange> {
  const { cwd } = options;
  if (options.base !== undefined) assertSafeRef(options.base, "--base");
  if (options.head !== undefined) assertSafeRef(options.head, "--head");
  // Fails first with the not-a-repository line.
  const root = options.root ?? (await findRepoRoot(cwd));

  const workingTree = options.head === undefined;
  const headRef = options.head ?? "HEAD";

  // Both refs and the status at once: each is a git process, and the gate
  // waits on them before the diff starts.
  const [headSha, givenBaseSha, dirty] = await Promise.all([
    verifyCommit(cwd, headRef),
    options.base === undefined || options.base === EMPTY_TREE_SHA
      ? Promise.resolve(options.base)
      : verifyCommit(cwd, options.base),
    workingTree ? hasUncommittedChanges(cwd) : Promise.resolve(false),
  ]);
  // Said only when there are some: "+ uncommitted changes" on a clean tree
  // sends people looking for edits that do not exist.
  const suffix = dirty ? " + uncommitted changes" : "";
  if (headSha === undefined) {
    if (workingTree && (await isUnborn(cwd))) {
      // Verified above; before the first commit a --base normally names nothing.
      if (options.base !== undefined && givenBaseSha === undefined) {
        throw new GitError(unknownRevisionMessage(options.base));
      }
      return {
        base: EMPTY_TREE_SHA,
        head: EMPTY_TREE_SHA,
        baseRef: options.base ?? "(empty tree)",
        headRef,
        workingTree,
        description:
          "no commits yet: every file in the working tree is new (empty tree + uncommitted changes)",
        root,
      };
    }
    throw new GitError(unknownRevisionMessage(headRef));
  }

  if (options.base !== undefined) {
    if (givenBaseSha === undefined) throw new GitError(unknownRevisionMessage(options.base));
    return {
      base: givenBaseSha,
      head: headSha,
      baseRef: options.base,
      headRef,
      workingTree,
      description: `${options.base}..${headRef} (${short(givenBaseSha)}..${short(headSha)})${suffix}`,
      root,
    };
  }

  const defaultBranch = await detectDefaultBranch(cwd, options.defaultBranch);
  const branchSha = await resolveCommit(cwd, defaultBranch);
  const mergeBase = (await tryGit(["merge-base", branchSha, headSha], cwd))?.trim();
  if (mergeBase === undefined || mergeBase.length === 0) {
    throw new GitError(
      `no common ancestor between '${defaultBranch}' and '${headRef}': pass --base REV (in a shallow clone, run git fetch --unshallow first)`,
    );
  }
  const range = `${defaultBranch}...${headRef}`;
  let description: string;
  if (mergeBase === headSha) {
    description = dirty
      ? `${range}: ${headRef} is on ${defaultBranch} (${short(headSha)}), so only the uncommitted changes are checked`
      : `${range}: ${headRef} is already on ${defaultBranch} (${short(headSha)})${workingTree ? " with no uncommitted changes" : ""}, so the change is empty`;
  } else {
    description = `${range} (merge-base ${short(mergeBase)}..${short(headSha)})${suffix}`;
  }
  return {
    base: mergeBase,
    head: headSha,
    baseRef: defaultBranch,
    headRef,
    workingTree,
    description,
    root,
  };
}

/**
 * Whether the working tree differs from HEAD: staged, unstaged or untracked
 * (not ignored) files. An unreadable status counts as changed, so the
 * description never hides edits it could not rule out.
 */
async function hasUncommittedChanges(cwd: string): Promise<boolean> {
  const status = await tryGit(["status", "--porcelain", "--untracked-files=normal"], cwd);
  return status === undefined || status.trim().length > 0;
}

/**
 * Full sha of the commit `ref` names, or `undefined` when it names none.
 * `^{commit}` peels tags and rejects trees and blobs.
 */
export async function verifyCommit(cwd: string, ref: string): Promise<string | undefined> {
  assertSafeRef(ref, "ref");
  const sha = (await tryGit(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], cwd))?.trim();
  return sha === undefined || sha.length === 0 ? undefined : sha;
}

async function resolveCommit(cwd: string, ref: string): Promise<string> {
  const sha = await verifyCommit(cwd, ref);
  if (sha === undefined) throw new GitError(unknownRevisionMessage(ref));
  return sha;
}

/** HEAD points at a branch that has no commit yet (a fresh `git init`). */
async function isUnborn(cwd: string): Promise<boolean> {
  const branch = await tryGit(["symbolic-ref", "--quiet", "HEAD"], cwd);
  return (
    branch !== undefined &&
    (await tryGit(["rev-parse", "--verify", "--quiet", "HEAD"], cwd)) === undefined
  );
}

/** Refs reach git's argv, so one starting with `-` could smuggle in an option. */
function assertSafeRef(ref: string, flag: string): void {
  if (ref.length === 0) throw new GitError(`${flag} is empty: give a branch, tag or commit`);
  if (ref.startsWith("-")) {
    throw new GitError(`invalid ref '${ref}' for ${flag}: a ref cannot start with '-'`);
  }
}

function short(sha: string): string {
  return sha.slice(0, 7);
}
