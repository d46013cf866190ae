import { existsSync } from "node:fs";
import { chmod, readFile, rename } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { UsageError, writeFileAtomic } from "../core/index.js";
import { runGit, tryGit } from "../git/index.js";
import { HOOK_MARKER, renderPrePushHook } from "./render-pre-push-hook.js";

/** What `jig hooks install` did. */
export type PrePushInstall =
  | {
      /** Another tool (husky, lefthook) owns the hooks: nothing was written. */
      kind: "managed";
      hooksPath: string;
    }
  | {
      kind: "installed";
      hookPath: string;
      /** Where a pre-push hook that was there before now lives; jig's hook runs it first. */
      chainedPath?: string;
    };

/**
 * Install the pre-push hook that runs `jig hooks pre-push` with the binary
 * at `jigBinPath`. A hook of someone else's is kept and chained (moved to
 * `pre-push.jig-chained`); one of ours is replaced. With `core.hooksPath`
 * set, another tool manages hooks, and nothing is written.
 */
export async function installPrePushHook(
  repoRoot: string,
  jigBinPath: string,
): Promise<PrePushInstall> {
  const hooksPath = (await tryGit(["config", "--get", "core.hooksPath"], repoRoot))?.trim();
  if (hooksPath) return { kind: "managed", hooksPath };
  const gitDir = (await runGit(["rev-parse", "--git-path", "hooks"], repoRoot)).trim();
  const dir = isAbsolute(gitDir) ? gitDir : join(repoRoot, gitDir);
  const hookPath = join(dir, "pre-push");
  const chainedPath = join(dir, "pre-push.jig-chained");
  let chained = false;
  if (existsSync(hookPath)) {
    const existing = await readFile(hookPath, "utf8");
    if (!existing.includes(HOOK_MARKER)) {
      if (existsSync(chainedPath)) {
        throw new UsageError(
          `${hookPath} exists and so does ${chainedPath}; merge them by hand, then rerun jig hooks install`,
          { code: "hooks/conflict" },
        );
      }
      await rename(hookPath, chainedPath);
      chained = true;
    }
  }
  // Atomic: git never runs half a hook, even when an install is interrupted.
  await writeFileAtomic(hookPath, renderPrePushHook(jigBinPath));
  await chmod(hookPath, 0o755);
  return { kind: "installed", hookPath, ...(chained ? { chainedPath } : {}) };
}
