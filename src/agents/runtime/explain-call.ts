// Deep import, as in is-spec-approved.ts: git/index.ts loads git's process helpers.
import { readHeadBranch } from "../../git/read-head-branch.js";
import type { Approval } from "../approval-store.js";
import { callKey } from "../call-key.js";
import type { ToolCall } from "../canonicalize-call.js";
import type { GuardDecision } from "../guard.js";
import { openGuardEnvironment } from "./open-guard-environment.js";

/** What `jig policy explain` learns about one call: the hook's decision and the state it rests on. */
export interface CallExplanation {
  decision: GuardDecision;
  /** The newest approval for exactly this call, read without using it. */
  approval: Approval | undefined;
  /** Whether the hook sees an approved spec for the branch (whatever was assumed). */
  hookSeesSpec: boolean;
  requireSpec: boolean;
  branch: string | undefined;
  /** Cedar text of every policy, by id. */
  policies: Record<string, string>;
}

/**
 * Decide `call` exactly as the Claude Code hook would in this repository
 * (its policy snapshot, spec check, approval store and guard, built-in
 * protections included), but as a dry run: no approval is requested or
 * used, and nothing is audited. `specApproved` replaces the hook's spec
 * check when given.
 *
 * @example
 * const { decision } = await explainCall({ cwd, env, now, version, call });
 */
export async function explainCall(options: {
  cwd: string;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  version: string;
  call: ToolCall;
  specApproved?: boolean;
}): Promise<CallExplanation> {
  const { specApproved } = options;
  const environment = await openGuardEnvironment({
    cwd: options.cwd,
    env: options.env,
    now: options.now,
    adapter: "policy-explain",
    version: options.version,
    guard: { dryRun: true, ...(specApproved === undefined ? {} : { specApproved }) },
  });
  try {
    const decision = environment.guard.check(options.call);
    const approval = decision.canonical
      ? environment.approvals.find(options.call.agent, callKey(decision.canonical), options.now())
      : undefined;
    return {
      decision,
      approval,
      hookSeesSpec: environment.specApproved,
      requireSpec: environment.settings.requireSpec,
      branch: readHeadBranch(environment.repoRoot),
      policies: environment.compiled.policies,
    };
  } finally {
    environment.close();
  }
}
