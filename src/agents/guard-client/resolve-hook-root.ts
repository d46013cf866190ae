import { realpathSync } from "node:fs";
import { resolve } from "node:path";
// Deep import on purpose: this runs on every Claude Code tool call, before
// anything but Node built-ins loads (see ask-guard-daemon.ts).
import { findWorkTreeRoot } from "../../git/find-work-tree-root.js";

/** The repository whose policy judges a hook event, or why none could be found. */
export type HookRoot = { ok: true; root: string } | { ok: false; reason: string };

/**
 * Where the Claude Code hook finds its repository: `--root` (the installer
 * writes `--root "$CLAUDE_PROJECT_DIR"`), else the `CLAUDE_PROJECT_DIR`
 * Claude Code sets for hooks, else the hook process's own cwd, each walked up
 * to its work tree root and realpath'd (the daemon keys on that). Never the
 * event's `cwd`: the agent steers that, and a folder it wrote with its own
 * `.git`, `jig.config.yaml` and manifests would otherwise supply the policy.
 * An empty value counts as absent, as a shell expands an unset variable.
 *
 * @example
 * resolveHookRoot({ root: "/work/repo", env: {}, cwd: "/" }) // { ok: true, root: "/work/repo" }
 */
export function resolveHookRoot(options: {
  root?: string | undefined;
  env: NodeJS.ProcessEnv;
  cwd: string;
}): HookRoot {
  const { root, env, cwd } = options;
  const [start, source] =
    root !== undefined && root !== ""
      ? [resolve(cwd, root), "--root"]
      : env.CLAUDE_PROJECT_DIR
        ? [resolve(cwd, env.CLAUDE_PROJECT_DIR), "CLAUDE_PROJECT_DIR"]
        : [cwd, "the hook's working directory"];
  let found: string | undefined;
  try {
    found = findWorkTreeRoot(realpathSync(start));
    if (found !== undefined) found = realpathSync(found);
  } catch {
    return { ok: false, reason: `${source} ${start} does not exist` };
  }
  return found === undefined
    ? { ok: false, reason: `${source} ${start} is not inside a git repository` }
    : { ok: true, root: found };
}
