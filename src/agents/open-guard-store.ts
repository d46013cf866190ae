import { loadConfig } from "../config/index.js";
import { resolveStorePath } from "../core/index.js";
import { requireWorkTreeRoot } from "../git/index.js";
import { type JigDatabase, openJigDatabase } from "../store/index.js";
import { type ApprovalStore, createApprovalStore } from "./approval-store.js";
import { type AuditLog, createAuditLog } from "./audit-log.js";
import { type AutonomyQueue, createAutonomyQueue } from "./autonomy-queue.js";

/** The guard's records in the run store: approval requests and the audit log. */
export interface GuardStore {
  repoRoot: string;
  /** The store file, which the audit log's anchor file is keyed on. */
  storePath: string;
  db: JigDatabase;
  approvals: ApprovalStore;
  audit: AuditLog;
  /** Auto-logged calls sampled for review, and asks awaiting an answer. */
  queue: AutonomyQueue;
  close(): void;
}

/**
 * Open the guard's records for the repository holding `cwd`, where the
 * config's `store.path` says, for the people who read and decide them
 * (`jig approvals`, `jig audit`). The caller closes it.
 */
export async function openGuardStore(cwd: string): Promise<GuardStore> {
  const repoRoot = requireWorkTreeRoot(cwd);
  const { config } = await loadConfig(repoRoot);
  const storePath = resolveStorePath(repoRoot, config.store.path);
  const db = openJigDatabase(storePath);
  return {
    repoRoot,
    storePath,
    db,
    approvals: createApprovalStore(db, { ttlMinutes: config.agents.approvalTtlMinutes }),
    audit: createAuditLog(db),
    queue: createAutonomyQueue(db),
    close: () => db.close(),
  };
}
