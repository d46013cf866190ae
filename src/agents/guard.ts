import type { ApprovalStore } from "./approval-store.js";
import type { AuditLog } from "./audit-log.js";
import {
  type AppliedMode,
  type GuardAutonomy,
  mapMode,
  resolveCallMode,
} from "./autonomy-guard.js";
import type { AutonomyQueue } from "./autonomy-queue.js";
import { callKey, recordedCall } from "./call-key.js";
import {
  type CanonicalCall,
  canonicalizeCall,
  describeCall,
  type ToolCall,
} from "./canonicalize-call.js";
import type { PathBase } from "./canonicalize-path.js";
import type { EngineDecision, PolicyEngine } from "./policy-engine.js";
import { resolveEscalation } from "./resolve-escalation.js";

export { callKey } from "./call-key.js";

/** The guard's answer to one tool call: what every adapter translates into its own protocol. */
export interface GuardDecision extends EngineDecision {
  /** Set when a human approval is pending for (or granted) this exact call. */
  approvalId?: string;
  /** The canonical call, absent when the call could not be canonicalised. */
  canonical?: CanonicalCall;
  /** Stable refusal code when canonicalisation refused the call. */
  code?: string;
  /** The autonomy mode that applied, when autonomy.yaml exists and governs the call. */
  autonomy?: AppliedMode;
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
  /**
   * autonomy.yaml's modes, the config's domains and the demotions in force;
   * absent when the repository has no autonomy.yaml, and then every decision
   * is the manifests' alone.
   */
  autonomy?: GuardAutonomy | undefined;
  /** Where sampled auto-logged calls are queued for review. */
  queue?: AutonomyQueue | undefined;
  /**
   * Whether an `ask` reaches a person at once (Claude Code prompts). Other
   * adapters turn a mode's ask into an approval request, which a person
   * grants with `jig approvals approve`.
   */
  asksInteractively?: boolean;
  /**
   * Decide without effects: request no approval, use none, audit nothing.
   * `jig policy explain` runs the hook's own guard this way.
   */
  dryRun?: boolean;
}

export interface Guard {
  check(call: ToolCall): GuardDecision;
  /** Decide a call already in canonical form (the message bus builds its own). */
  checkCanonical(call: CanonicalCall): GuardDecision;
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
    if (options.dryRun) return decision;
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
      ...(decision.autonomy
        ? { mode: decision.autonomy.mode, domain: decision.autonomy.domain }
        : {}),
    });
    if (decision.autonomy?.sampled && decision.canonical)
      queueSample(decision.canonical, decision.autonomy);
    return decision;
  };

  const queueSample = (call: CanonicalCall, applied: AppliedMode): void => {
    options.queue?.sample({
      at: options.now().toISOString(),
      agent: call.agent,
      domain: applied.domain,
      action: applied.action,
      tool: call.tool,
      summary: describeCall(call),
      callKey: callKey(call),
    });
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
      return record(call.agent, call.tool, JSON.stringify(recordedCall(call, "digest")), denied);
    }
    const onBehalfOf = options.delegation?.(call.agent) ?? [];
    const decide = (approved: boolean) =>
      options.engine.decide(call, { approved, specApproved: options.specApproved, onBehalfOf });
    const decided = decide(false);
    // Manifests first, then the mode, which only narrows. A blocked class is
    // denied before any approval is looked up or requested: none could lift it.
    const mode = options.autonomy ? resolveCallMode(call, options.autonomy) : undefined;
    if (mode?.mode === "blocked") {
      const blocked = mapMode(call, { ...decided, canonical: call }, mode, 0);
      return audited(call, { ...blocked.decision, autonomy: blocked.applied });
    }
    // Approvals only ever settle an `ask`: the engine asks exactly when a
    // human's approval would turn its deny into an allow.
    const result: GuardDecision =
      decided.decision === "ask"
        ? resolveEscalation(call, decided, {
            approvals: options.approvals,
            now: options.now(),
            decideApproved: () => decide(true),
            dryRun: options.dryRun ?? false,
          })
        : { ...decided, canonical: call };
    if (!mode || !options.autonomy) return audited(call, result);
    // A call a person approved through an approval already had their yes.
    if (result.approvalId && result.decision === "allow")
      return audited(call, { ...result, autonomy: { ...mode, engine: decided.decision } });
    const moded = mapMode(call, result, mode, options.autonomy.sample);
    const applied = { ...moded.decision, autonomy: moded.applied };
    if (applied.decision === "ask" && result.decision === "allow" && !options.asksInteractively) {
      // No person is watching this adapter: the mode's ask becomes an approval request.
      return audited(call, {
        ...resolveEscalation(call, applied, {
          approvals: options.approvals,
          now: options.now(),
          decideApproved: () => result,
          dryRun: options.dryRun ?? false,
        }),
        autonomy: moded.applied,
      });
    }
    return audited(call, applied);
  }

  function audited(call: CanonicalCall, decision: GuardDecision): GuardDecision {
    return record(call.agent, call.tool, JSON.stringify(recordedCall(call, "digest")), decision);
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

function safeJson(value: unknown): string {
  try {
    const text = JSON.stringify(value) ?? "null";
    return text.length > 4096 ? `${text.slice(0, 4096)}…` : text;
  } catch {
    return '"<unserialisable input>"';
  }
}
