import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * The top of the work tree holding `cwd`: the nearest folder upwards with a
 * `.git` entry (a folder, or a file in linked worktrees and submodules), or
 * undefined outside any repository. Synchronous and without spawning git,
 * because the Claude Code hook runs it on every tool call; `findRepoRoot`
 * asks git itself, for code that is about to run git anyway. It imports
 * nothing but Node built-ins: the hook's client loads it before anything else.
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
