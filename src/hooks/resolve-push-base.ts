import { detectDefaultBranch, tryGit } from "../git/index.js";
import type { PushPlan } from "./plan-push-checks.js";

/**
 * The commit a pushed ref is checked from: the remote's previous tip when
 * this clone has it, else the merge-base with the default branch. A branch
 * with no commits beyond the default branch has nothing to check.
 */
export async function resolvePushBase(
  plan: Extract<PushPlan, { kind: "check" }>,
  repoRoot: string,
  configuredDefaultBranch: string | undefined,
): Promise<{ base: string } | { skip: string }> {
  if (
    "sha" in plan.base &&
    (await tryGit(["cat-file", "-e", `${plan.base.sha}^{commit}`], repoRoot)) !== undefined
  ) {
    return { base: plan.base.sha };
  }
  const defaultBranch = await detectDefaultBranch(repoRoot, configuredDefaultBranch);
  const mergeBase = (await tryGit(["merge-base", defaultBranch, plan.head], repoRoot))?.trim();
  if (!mergeBase || mergeBase === plan.head) return { skip: `no commits beyond ${defaultBranch}` };
  return { base: mergeBase };
}
