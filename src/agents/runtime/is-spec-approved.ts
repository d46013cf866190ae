import { readdirSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
// Deep imports on purpose: spec/index.ts and git/index.ts load the spec
// parser (zod, YAML) and git's process helpers, which the hook cannot afford
// on every tool call. These files are small and import neither.
import { findBranchBase } from "../../git/find-branch-base.js";
import { readBlobsSync } from "../../git/read-blobs-sync.js";
import { readRefFiles, readRefsWithGit } from "../../git/read-ref-files.js";
import { ACTIVE_SPEC_FILE, resolveActiveSpec } from "../../spec/active-spec.js";
import { verifySpecApproval } from "../../spec/verify-spec-approval.js";

/** Options of {@link isSpecApproved}. */
export interface SpecApprovalOptions {
  /** `defaultBranch` from the config; detected like `jig check` does when absent. */
  defaultBranch?: string | undefined;
  /**
   * Answers already computed, keyed by the spec, its file names, HEAD's
   * commit and the default branch's: a long-lived process (the guard daemon)
   * keeps one so a tool call on an unchanged branch runs no git at all.
   */
  cache?: Map<string, boolean>;
}

/** Enough for every branch a daemon sees in a session; cleared when full. */
const CACHE_LIMIT = 256;

/**
 * Whether an approved (or implemented) spec is active for the branch: from
 * JIG_SPEC, `jig spec start`, or the branch name, in the spec concept's own
 * order (resolveActiveSpec), and approved *on the branch's base*: the spec
 * file is read from git at the merge-base of HEAD and the default branch
 * (HEAD itself on the default branch), and its approval record must match
 * its content there (verifySpecApproval). A spec approved or edited only in
 * the working tree or on the branch does not count until it is merged, where
 * a person reviewed it; an agent writing `status: approved` gains nothing.
 *
 * Light on purpose: no spec parser, refs read from files, and at most two
 * git processes (merge-base, cat-file), none on a cache hit. The spec is
 * looked up in git under the file name it has in the working tree.
 */
export function isSpecApproved(
  repoRoot: string,
  specsDir: string,
  envSpec: string | undefined,
  options: SpecApprovalOptions = {},
): boolean {
  // Refs from .git's files; only a reftable repository costs git processes here.
  const refs = readRefFiles(repoRoot) ?? readRefsWithGit(repoRoot);
  const branch = refs?.head.branch;
  const active = resolveActiveSpec({
    env: envSpec,
    stored: branch === undefined ? undefined : storedActiveSpec(repoRoot, branch),
    branch,
  });
  if (!active) return false;
  const { id } = active;
  const paths = specPaths(repoRoot, specsDir, id);
  if (paths.length === 0) return false;
  const base = findBranchBase(repoRoot, { defaultBranch: options.defaultBranch, refs });
  if (!base) return false;
  const key = [id, base.key, ...paths].join("\0");
  const cached = options.cache?.get(key);
  if (cached !== undefined) return cached;
  const commit = base.commit();
  const approved =
    commit !== undefined &&
    readBlobsSync(
      repoRoot,
      paths.map((path) => `${commit}:${path}`),
    ).some((text) => {
      if (text === undefined) return false;
      const state = verifySpecApproval(text);
      return state.id === id && state.approved;
    });
  if (options.cache) {
    if (options.cache.size >= CACHE_LIMIT) options.cache.clear();
    options.cache.set(key, approved);
  }
  return approved;
}

/** Repo-relative POSIX paths of the working tree's files for spec `id` (`specs/SPEC-0007-*.md`). */
function specPaths(repoRoot: string, specsDir: string, id: string): string[] {
  const dir = posix.normalize(specsDir.replaceAll("\\", "/")).replace(/\/+$/, "");
  // A specs folder outside the repository has no history to read approvals from.
  if (dir === ".." || dir.startsWith("../") || dir.startsWith("/")) return [];
  let names: string[];
  try {
    names = readdirSync(join(repoRoot, dir));
  } catch {
    return [];
  }
  const prefix = dir === "." ? "" : `${dir.replace(/^\.\//, "")}/`;
  return names
    .filter((name) => name.toUpperCase().startsWith(`${id}-`) && name.endsWith(".md"))
    .sort()
    .map((name) => `${prefix}${name}`);
}

/** The spec `jig spec start` recorded for `branch`; a missing or corrupt file records none. */
function storedActiveSpec(repoRoot: string, branch: string): string | undefined {
  try {
    const map = JSON.parse(readFileSync(join(repoRoot, ACTIVE_SPEC_FILE), "utf8")) as Record<
      string,
      unknown
    >;
    const value = map[branch];
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}
