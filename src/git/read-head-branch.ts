import { readRefFiles } from "./read-ref-files.js";

/**
 * The checked-out branch, read from `.git/HEAD` (linked worktrees included),
 * or undefined when HEAD is detached or unreadable. The synchronous twin of
 * `currentBranch`, for the guard's hot path, which must not spawn git.
 */
export function readHeadBranch(repoRoot: string): string | undefined {
  return readRefFiles(repoRoot)?.head.branch;
}
