import type { Approval, ApprovalGrant, ApprovalStore } from "./approval-store.js";
import type { AuditLog } from "./audit-log.js";

/** A person's answer to a pending approval, from whichever surface they used. */
export interface ApprovalDecision {
  id: string;
  decision: "approve" | "deny";
  at: Date;
  /** Who decided: the git identity, JIG_ACTOR, or the dashboard's logged-in name. */
  actor: string;
  reason?: string;
  grant?: ApprovalGrant;
  /** Where the decision was made, recorded as the audit record's adapter: `cli`, `ui`. */
  adapter: string;
}

/**
 * Record a person's decision on an approval and append it to the audit log,
 * so every decision about an agent's call is in the hash chain, whether it was
 * made with `jig approvals` or in `jig ui`.
 *
 * @throws ApprovalStateError when the approval is unknown or already decided.
 */
export function decideApproval(
  stores: { approvals: ApprovalStore; audit: AuditLog },
  decision: ApprovalDecision,
): Approval {
  const approval = stores.approvals.decide(
    decision.id,
    decision.decision === "approve" ? "approved" : "denied",
    decision.at,
    decision.actor,
    decision.reason,
    decision.grant,
  );
  const via = decision.adapter === "ui" ? " in jig ui" : "";
  stores.audit.append({
    at: decision.at.toISOString(),
    agent: approval.agent,
    tool: approval.tool,
    adapter: decision.adapter,
    input: approval.input,
    decision: decision.decision === "approve" ? "allow" : "deny",
    reason: `${approval.id} ${approval.status} by ${decision.actor}${via}${decision.reason ? `: ${decision.reason}` : ""}`,
    policies: approval.policies,
    approvalId: approval.id,
  });
  return approval;
}
