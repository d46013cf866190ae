import type Database from "better-sqlite3";
import type { EvidenceEvent } from "../autonomy/autonomy-store.js";
import { actionKindOf } from "./autonomy-guard.js";

interface GuardRow {
  seq: number;
  at: string;
  agent: string;
  tool: string;
  decision: string;
  mode: string;
  domain: string;
}

/**
 * The guard's decisions as `guard` evidence, read from the audit log rather
 * than written twice: every decision made under a mode is already a record
 * there (with its mode and domain), so the hot path pays no second write and
 * `jig autonomy status` counts them here. Oldest first, optionally since an
 * ISO time. The person's answers to asks are separate `answer` events.
 */
export function guardEvidence(db: Database.Database, since?: string): EvidenceEvent[] {
  const rows = db
    .prepare<[string], GuardRow>(
      `SELECT seq, at, agent, tool, decision, mode, domain FROM audit_log
       WHERE mode IS NOT NULL AND at >= ? ORDER BY seq`,
    )
    .all(since ?? "");
  return rows.map((row) => {
    const action = actionKindOf(row);
    return {
      at: row.at,
      agent: row.agent,
      domain: row.domain,
      ...(action ? { action } : {}),
      kind: "guard",
      subject: `audit:${row.seq}`,
      detail: { decision: row.decision, mode: row.mode, tool: row.tool },
    };
  });
}
