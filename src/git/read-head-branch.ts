import { readFileSync, statSync } from "node:fs";
import { isAbsolute, join } from "node:path";

/**
 * The checked-out branch, read from `.git/HEAD` (linked worktrees included),
 * or undefined when HEAD is detached or unreadable. The synchronous twin of
 * `currentBranch`, for the guard's hot path, which must not spawn git.
 */
export function readHeadBranch(repoRoot: string): string | undefined {
  try {
    let gitDir = join(repoRoot, ".git");
    if (statSync(gitDir).isFile()) {
      const pointer = /gitdir:\s*(.+)/.exec(readFileSync(gitDir, "utf8"))?.[1]?.trim();
      if (!pointer) return undefined;
      gitDir = isAbsolute(pointer) ? pointer : join(repoRoot, pointer);
    }
    const head = readFileSync(join(gitDir, "HEAD"), "utf8").trim();
    return head.startsWith("ref: refs/heads/") ? head.slice("ref: refs/heads/".length) : undefined;
  } catch {
    return undefined;
  }
}
