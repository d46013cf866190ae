import { createHash } from "node:crypto";
import type { ApprovalStore } from "./approval-store.js";
import type { AuditLog } from "./audit-log.js";
import {
  type CanonicalCall,
  canonicalizeCall,
  describeCall,
  type ToolCall,
} from "./canonicalize-call.js";
import type { PathBase } from "./canonicalize-path.js";
import type { EngineDecision, PolicyEngine } from "./policy-engine.js";

/** The guard's answer to one tool call: what every adapter translates into its own protocol. */
export interface GuardDecision extends EngineDecision {
  /** Set when a human approval is pending for (or granted) this exact call. */
  approvalId?: string;
  /** The canonical call, absent when the call could not be canonicalised. */
  canonical?: CanonicalCall;
  /** Stable refusal code when canonicalisation refused the call. */
  code?: string;
}

export interface GuardOptions {
  engine: PolicyEngine;
  base: PathBase;
  now: () => Date;
  /** Which enforcement point this guard serves, recorded in the audit log. */
  adapter: string;
  audit?: AuditLog;
  approvals?: ApprovalStore;
  /** Whether an approved spec is active for the branch. */
  specApproved: boolean;
  /** Agents whose messages `agent` is acting on (see the message bus). */
  delegation?: (agent: string) => string[];
}

export interface Guard {
  check(call: ToolCall): GuardDecision;
  /** Decide a call already in canonical form (the message bus builds its own). */
  checkCanonical(call: CanonicalCall): GuardDecision;
}

/** The hash an approval is bound to: it approves this canonical call and no other. */
export function callKey(call: CanonicalCall): string {
  return createHash("sha256")
    .update(
      JSON.stringify([
        call.agent,
        call.tool,
        call.action,
        call.resource,
        call.input,
        call.messageType ?? "",
      ]),
    )
    .digest("hex");
}

/**
 * The guard path: canonicalise → decide → approvals → audit. Adapters call
 * `check` and only translate the answer; they never decide.
 *
 * @example
 * const guard = createGuard({ engine, base, now: () => new Date(), adapter: "claude-hook", specApproved: true });
 * guard.check({ agent: "coder", tool: "Bash", input: { command: "npm test" } }).decision // "allow"
 */
export function createGuard(options: GuardOptions): Guard {
  const record = (
    agent: string,
    tool: string,
    input: string,
    decision: GuardDecision,
  ): GuardDecision => {
    options.audit?.append({
      at: options.now().toISOString(),
      agent,
      tool,
      adapter: options.adapter,
      input,
      decision: decision.decision,
      reason: decision.reason,
      policies: decision.policies,
      ...(decision.approvalId ? { approvalId: decision.approvalId } : {}),
    });
    return decision;
  };

  function checkCanonical(call: CanonicalCall): GuardDecision {
    // Built-in protections first: governance inputs and holdout suites are
    // denied whatever the manifest says, and no approval is looked up or
    // requested, so a human approval can never lift them.
    const builtin = options.engine.protection.check(call, {
      base: options.base,
      onBehalfOf: () => options.delegation?.(call.agent) ?? [],
    });
    if (builtin) {
      const denied = { ...builtin, canonical: call };
      return record(call.agent, call.tool, JSON.stringify(canonicalInput(call)), denied);
    }
    const key = callKey(call);
    const now = options.now();
    const existing = options.approvals?.find(call.agent, key, now);
    const approved = existing?.status === "approved";
    const onBehalfOf = options.delegation?.(call.agent) ?? [];
    const decided = options.engine.decide(call, {
      approved,
      specApproved: options.specApproved,
      onBehalfOf,
    });
    let result: GuardDecision = { ...decided, canonical: call };
    if (decided.decision === "allow" && approved && existing) {
      result = {
        ...result,
        approvalId: existing.id,
        reason: `${decided.reason} (approved in ${existing.id})`,
      };
    } else if (decided.decision === "ask") {
      if (existing?.status === "denied") {
        result = {
          ...result,
          decision: "deny",
          approvalId: existing.id,
          reason: `a human denied this call in ${existing.id}${existing.decisionReason ? `: ${existing.decisionReason}` : ""}`,
        };
      } else if (options.approvals) {
        const approval = options.approvals.request(
          {
            kind: "call",
            agent: call.agent,
            tool: call.tool,
            callKey: key,
            summary: describeCall(call),
            input: JSON.stringify(canonicalInput(call)),
            reason: decided.reason,
            policies: decided.policies,
          },
          now,
        );
        result = {
          ...result,
          approvalId: approval.id,
          reason: `${decided.reason}; approval ${approval.id} is pending (jig approvals approve ${approval.id})`,
        };
      }
    }
    return record(call.agent, call.tool, JSON.stringify(canonicalInput(call)), result);
  }

  return {
    checkCanonical,
    check(call) {
      const canonical = canonicalizeCall(call, options.base);
      if (!canonical.ok) {
        const raw = safeJson(call.input);
        return record(String(call.agent), String(call.tool), raw, {
          decision: "deny",
          reason: canonical.reason,
          policies: [],
          code: canonical.code,
        });
      }
      return checkCanonical(canonical.call);
    },
  };
}

function canonicalInput(call: CanonicalCall): Record<string, unknown> {
  return {
    action: call.action,
    resource: call.resource,
    ...(call.argv ? { argv: call.argv } : {}),
    ...(call.messageType ? { messageType: call.messageType } : {}),
    input: call.input,
  };
}

function safeJson(value: unknown): string {
  try {
    const text = JSON.stringify(value) ?? "null";
    return text.length > 4096 ? `${text.slice(0, 4096)}…` : text;
  } catch {
    return '"<unserialisable input>"';
  }
}
