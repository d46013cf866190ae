import type { Approval, ApprovalStore } from "./approval-store.js";
import { callKey, recordedCall } from "./call-key.js";
import { type CanonicalCall, describeCall } from "./canonicalize-call.js";
import type { EngineDecision } from "./policy-engine.js";

/** The settled decision: a GuardDecision (declared apart, so guard.ts and this file form no cycle). */
export interface SettledDecision extends EngineDecision {
  approvalId?: string;
  canonical: CanonicalCall;
}

/** What settling an escalation needs besides the call. */
export interface EscalationContext {
  approvals: ApprovalStore | undefined;
  now: Date;
  /** The engine's decision for the call as if a human had approved it. */
  decideApproved: () => EngineDecision;
  /** Report what the approvals say without requesting or using one (`jig policy explain`). */
  dryRun: boolean;
}

/**
 * Settle a call the engine escalated against the approvals for exactly that
 * call (see callKey): a grant with a use left allows it and spends the use;
 * a denial denies it; otherwise it waits on a pending request, raised if
 * there is none. A grant that runs out is never reused: the next identical
 * call asks again.
 *
 * @example
 * resolveEscalation(call, asked, { approvals, now, decideApproved, dryRun: false })
 * // { decision: "ask", approvalId: "apr-1a2b3c4d5e", reason: "...; approval apr-1a2b3c4d5e is pending ..." }
 */
export function resolveEscalation(
  call: CanonicalCall,
  asked: EngineDecision,
  context: EscalationContext,
): SettledDecision {
  const { approvals, now, dryRun } = context;
  const asking: SettledDecision = { ...asked, canonical: call };
  if (!approvals) return asking;
  const key = callKey(call);
  const existing = approvals.find(call.agent, key, now);
  if (existing?.status === "denied") {
    return {
      ...asking,
      decision: "deny",
      approvalId: existing.id,
      reason: `a human denied this call in ${existing.id}${existing.decisionReason ? `: ${existing.decisionReason}` : ""}`,
    };
  }
  if (existing?.status === "approved") {
    const allowed = context.decideApproved();
    if (allowed.decision !== "allow") return { ...allowed, canonical: call };
    const used = dryRun ? existing : approvals.use(existing.id, now);
    if (used) {
      return {
        ...allowed,
        canonical: call,
        approvalId: used.id,
        reason: `${allowed.reason} (approved in ${used.id}: ${describeUse(used, dryRun)})`,
      };
    }
    // Spent or lapsed since `find` (another call used it): ask again below.
  }
  if (dryRun) {
    return existing?.status === "pending"
      ? {
          ...asking,
          approvalId: existing.id,
          reason: `${asked.reason}; approval ${existing.id} is pending`,
        }
      : { ...asking, reason: `${asked.reason}; no approval covers this exact call yet` };
  }
  const approval = approvals.request(
    {
      kind: "call",
      agent: call.agent,
      tool: call.tool,
      callKey: key,
      summary: describeCall(call),
      input: JSON.stringify(recordedCall(call, "whole")),
      reason: asked.reason,
      policies: asked.policies,
    },
    now,
  );
  return {
    ...asking,
    approvalId: approval.id,
    reason: `${asked.reason}; approval ${approval.id} is ${approval.status} (jig approvals show ${approval.id}, then approve or deny it)`,
  };
}

/** "use 1 of 1", or "use 3 of any number until <time>" for a window; dry runs name the next use. */
function describeUse(approval: Approval, dryRun: boolean): string {
  const use = approval.uses + (dryRun ? 1 : 0);
  const of =
    approval.maxUses === undefined ? `any number until ${approval.expiresAt}` : approval.maxUses;
  return `${dryRun ? "would be " : ""}use ${use} of ${of}`;
}
