import { homedir } from "node:os";
import { createAutonomyStore } from "../../autonomy/autonomy-store.js";
import { UsageError } from "../../core/errors.js";
// Deep imports on purpose: core/index.ts and git/index.ts load YAML, zod and
// git's process helpers, which this hot path does not need.
import { resolveStorePath } from "../../core/resolve-store-path.js";
import { requireWorkTreeRoot } from "../../git/require-work-tree-root.js";
import { type JigDatabase, openJigDatabase } from "../../store/index.js";
import { type ApprovalStore, createApprovalStore } from "../approval-store.js";
import { auditAnchorKeeperFor } from "../audit-anchor.js";
import { type AuditLog, createAuditLog } from "../audit-log.js";
import { createGuardAutonomy, type GuardAutonomy } from "../autonomy-guard.js";
import { type AutonomyQueue, createAutonomyQueue } from "../autonomy-queue.js";
import { createBuiltinProtection } from "../builtin-protection.js";
import { realRepoRoot } from "../canonicalize-path.js";
import type { CompiledPolicies } from "../compile-policies.js";
import { createGuard, type Guard, type GuardOptions } from "../guard.js";
import type { AgentManifest } from "../manifest-schema.js";
import { createMessageStore, type MessageStore } from "../message-store.js";
import { createPolicyEngine, type PolicyEngine } from "../policy-engine.js";
import type { GuardSettings } from "../policy-snapshot.js";
import { createScopeIndex, type ScopeIndex } from "../scope-index.js";
import { isSpecApproved } from "./is-spec-approved.js";
import { loadPolicySnapshot } from "./load-policy-snapshot.js";

/** Everything an enforcement point needs, opened once per process. */
export interface GuardEnvironment {
  repoRoot: string;
  settings: GuardSettings;
  manifests: AgentManifest[];
  engine: PolicyEngine;
  /** The Cedar text of every policy, by id, for explaining a decision. */
  compiled: CompiledPolicies;
  scopes: ScopeIndex;
  db: JigDatabase;
  audit: AuditLog;
  approvals: ApprovalStore;
  messages: MessageStore;
  guard: Guard;
  /** autonomy.yaml's modes with the demotions in force; undefined when autonomy is not adopted. */
  autonomy: GuardAutonomy | undefined;
  /** Asks awaiting an answer, and sampled auto-logged calls. */
  queue: AutonomyQueue;
  /** Whether an approved spec is active for the branch, as the hook sees it (before any override). */
  specApproved: boolean;
  close(): void;
}

/**
 * Open the guard for one enforcement point (the Claude Code hook, the MCP
 * gateway, the bus, `jig run`): config, manifests compiled to a pre-parsed
 * Cedar set, the store (audit, approvals, messages) and the guard.
 */
export async function openGuardEnvironment(options: {
  cwd: string;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  adapter: string;
  version: string;
  /** For `jig policy explain`: decide without effects, or as if a spec state held. */
  guard?: Partial<Pick<GuardOptions, "dryRun" | "specApproved">>;
}): Promise<GuardEnvironment> {
  const repoRoot = realRepoRoot(requireWorkTreeRoot(options.cwd));
  const home = options.env.HOME ?? homedir();
  const snapshot = await loadPolicySnapshot(repoRoot, options.version, options.env);
  const { settings, manifests } = snapshot;
  const scopes = createScopeIndex(manifests, { home, specExempt: settings.specExempt });
  const protection = createBuiltinProtection(settings, manifests);
  const engine = await createPolicyEngine(snapshot.compiled, scopes, protection);
  const specApproved = isSpecApproved(repoRoot, settings.specsDir, options.env.JIG_SPEC, {
    defaultBranch: settings.defaultBranch,
  });
  const storePath = resolveStorePath(repoRoot, settings.storePath);
  const db = openJigDatabase(storePath);
  const audit = createAuditLog(db, {
    anchor: auditAnchorKeeperFor(db, storePath, options.env, options.now),
  });
  const approvals = createApprovalStore(db, { ttlMinutes: settings.approvalTtlMinutes });
  const messages = createMessageStore(db);
  const queue = createAutonomyQueue(db);
  // Demotions are read once per process; the daemon re-reads them when the store changes.
  const autonomy = createGuardAutonomy(
    snapshot.autonomy,
    settings.domains,
    snapshot.autonomy ? createAutonomyStore(db).demotions() : [],
  );
  const guard = createGuard({
    engine,
    base: { repoRoot, cwd: repoRoot, home },
    now: options.now,
    adapter: options.adapter,
    audit,
    approvals,
    specApproved,
    delegation: (agent) => messages.actingOnBehalfOf(agent),
    autonomy,
    queue,
    asksInteractively: options.adapter === "claude-hook",
    ...options.guard,
  });
  return {
    repoRoot,
    settings,
    manifests,
    engine,
    compiled: snapshot.compiled,
    scopes,
    db,
    audit,
    approvals,
    messages,
    guard,
    autonomy,
    queue,
    specApproved,
    close: () => {
      audit.flushAnchor();
      db.close();
    },
  };
}

/** Fail early, with the list of agents, when `--agent` names no manifest. */
export function requireAgent(
  environment: Pick<GuardEnvironment, "scopes" | "manifests">,
  agent: string,
): void {
  if (!environment.scopes.has(agent)) {
    const known = environment.manifests.map((manifest) => manifest.name);
    throw new UsageError(
      `no agent '${agent}' in ${known.length === 0 ? "agents/ (it is empty)" : `agents/ (known: ${known.join(", ")})`}; add agents/${agent}.yaml`,
    );
  }
}
