import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { UsageError } from "../core/errors.js";

/**
 * The top of the work tree holding `cwd`: the nearest folder upwards with a
 * `.git` entry (a folder, or a file in linked worktrees and submodules), or
 * undefined outside any repository. Synchronous and without spawning git,
 * because the Claude Code hook runs it on every tool call; `findRepoRoot`
 * asks git itself, for code that is about to run git anyway.
 *
 * @example
 * findWorkTreeRoot("/work/repo/src/api") // "/work/repo"
 */
export function findWorkTreeRoot(cwd: string): string | undefined {
  let current = resolve(cwd);
  for (;;) {
    if (existsSync(join(current, ".git"))) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** {@link findWorkTreeRoot}, where being outside a repository is the user's error (exit 2). */
export function requireWorkTreeRoot(cwd: string): string {
  const root = findWorkTreeRoot(cwd);
  if (root === undefined) {
    throw new UsageError(`${cwd} is not inside a git repository; run jig from your project`);
  }
  return root;
}
