import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import {
  type AuditAnchorKeeper,
  type AuditAnchorSource,
  checkAuditAnchors,
} from "./audit-anchor.js";

/** One decision as recorded. `input` is the canonical call, as JSON. */
export interface AuditRecord {
  seq: number;
  at: string;
  agent: string;
  tool: string;
  /** Which enforcement point decided: claude-hook, mcp, bus, run, policy-explain. */
  adapter: string;
  input: string;
  decision: "allow" | "deny" | "ask";
  reason: string;
  policies: string[];
  approvalId?: string;
  /** The autonomy mode that applied (autonomy.yaml), when the call had one. */
  mode?: string;
  /** The decision class's domain the mode came from; set with `mode`. */
  domain?: string;
  prevHash: string;
  hash: string;
}

export type AuditAppend = Omit<AuditRecord, "seq" | "prevHash" | "hash">;

/** A break in the chain, reported by `verifyAudit`. */
export interface AuditProblem {
  seq: number;
  /**
   * `rewritten`: an anchored record is gone or different; `anchor`: the
   * anchor file cannot be read, so truncation cannot be ruled out.
   */
  problem: "edited" | "deleted" | "reordered" | "truncated" | "rewritten" | "anchor";
  message: string;
}

export const GENESIS_HASH = "0".repeat(64);

/** The hash of a record: its content and seq chained to the previous hash. */
export function hashAuditRecord(record: Omit<AuditRecord, "hash">): string {
  const fields: unknown[] = [
    record.seq,
    record.at,
    record.agent,
    record.tool,
    record.adapter,
    record.input,
    record.decision,
    record.reason,
    record.policies,
    record.approvalId ?? null,
  ];
  // Appended only when set, so records written before modes existed keep their hash.
  if (record.mode !== undefined) fields.push(record.mode, record.domain ?? null);
  const content = JSON.stringify(fields);
  return createHash("sha256").update(`${record.prevHash}\n${content}`).digest("hex");
}

interface AuditRow {
  seq: number;
  at: string;
  agent: string;
  tool: string;
  adapter: string;
  input: string;
  decision: string;
  reason: string;
  policies: string;
  approval_id: string | null;
  mode: string | null;
  domain: string | null;
  prev_hash: string;
  hash: string;
}

function fromRow(row: AuditRow): AuditRecord {
  return {
    seq: row.seq,
    at: row.at,
    agent: row.agent,
    tool: row.tool,
    adapter: row.adapter,
    input: row.input,
    decision: row.decision as AuditRecord["decision"],
    reason: row.reason,
    policies: JSON.parse(row.policies) as string[],
    ...(row.approval_id ? { approvalId: row.approval_id } : {}),
    ...(row.mode === null ? {} : { mode: row.mode }),
    ...(row.domain === null ? {} : { domain: row.domain }),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * The tamper-evident decision log. Each record carries the hash of the one
 * before it, and a separate head row remembers the last seq and hash, so an
 * edited, deleted, reordered or truncated record breaks verification.
 */
export interface AuditLog {
  append(entry: AuditAppend): AuditRecord;
  tail(options?: { agent?: string; limit?: number }): AuditRecord[];
  /** Check the chain, its head row and, when given, the anchors kept outside the database. */
  verify(options?: { anchors?: readonly AuditAnchorSource[] }): AuditVerifyResult;
  /** Write the anchor file now if appends left it behind (call before closing the database). */
  flushAnchor(): void;
}

export interface AuditVerifyResult {
  ok: boolean;
  records: number;
  head?: string;
  /** The seq of the last record, 0 for an empty log. */
  headSeq: number;
  problems: AuditProblem[];
}

/**
 * The audit log in `db`. With `anchor`, every append schedules the anchor
 * file's update (see `createAuditAnchorKeeper`), off the decision's path.
 */
export function createAuditLog(
  db: Database.Database,
  options: { anchor?: AuditAnchorKeeper } = {},
): AuditLog {
  const last = db.prepare<[], { seq: number; hash: string }>(
    "SELECT seq, hash FROM audit_head WHERE id = 1",
  );
  const insert = db.prepare(
    `INSERT INTO audit_log (seq, at, agent, tool, adapter, input, decision, reason, policies, approval_id, mode, domain, prev_hash, hash)
     VALUES (@seq, @at, @agent, @tool, @adapter, @input, @decision, @reason, @policies, @approvalId, @mode, @domain, @prevHash, @hash)`,
  );
  const head = db.prepare(
    "INSERT INTO audit_head (id, seq, hash) VALUES (1, @seq, @hash) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
  );
  // IMMEDIATE: concurrent hook processes serialise on the write lock, so two
  // records can never chain to the same predecessor.
  const appendTx = db.transaction((entry: AuditAppend): AuditRecord => {
    const previous = last.get();
    const seq = (previous?.seq ?? 0) + 1;
    const prevHash = previous?.hash ?? GENESIS_HASH;
    const unsigned = { ...entry, seq, prevHash };
    const record: AuditRecord = { ...unsigned, hash: hashAuditRecord(unsigned) };
    insert.run({
      ...record,
      policies: JSON.stringify(record.policies),
      approvalId: record.approvalId ?? null,
      mode: record.mode ?? null,
      domain: record.domain ?? null,
    });
    head.run({ seq, hash: record.hash });
    return record;
  });
  return {
    append(entry) {
      const record = appendTx.immediate(entry);
      options.anchor?.schedule();
      return record;
    },
    flushAnchor: () => options.anchor?.flush(),
    tail({ agent, limit = 20 } = {}) {
      const rows = agent
        ? db
            .prepare<[string, number], AuditRow>(
              "SELECT * FROM audit_log WHERE agent = ? ORDER BY seq DESC LIMIT ?",
            )
            .all(agent, limit)
        : db
            .prepare<[number], AuditRow>("SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?")
            .all(limit);
      return rows.reverse().map(fromRow);
    },
    verify({ anchors = [] } = {}) {
      const rows = db.prepare<[], AuditRow>("SELECT * FROM audit_log ORDER BY rowid").all();
      const records = rows.map(fromRow);
      const problems = [
        ...verifyAuditRecords(records, last.get()),
        ...checkAuditAnchors(records, anchors),
      ];
      const headHash = last.get()?.hash;
      return {
        ok: problems.length === 0,
        records: rows.length,
        ...(headHash ? { head: headHash } : {}),
        headSeq: records.at(-1)?.seq ?? 0,
        problems,
      };
    },
  };
}

/**
 * Check a chain of records in storage order against its head. Pure, so the
 * rules are testable without a database.
 */
export function verifyAuditRecords(
  records: readonly AuditRecord[],
  head: { seq: number; hash: string } | undefined,
): AuditProblem[] {
  const problems: AuditProblem[] = [];
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let previousSeq = 0;
  for (const record of records) {
    if (record.seq < previousSeq) {
      problems.push({
        seq: record.seq,
        problem: "reordered",
        message: `record ${record.seq} is stored after record ${previousSeq}`,
      });
    } else if (record.seq !== expectedSeq) {
      problems.push({
        seq: expectedSeq,
        problem: "deleted",
        message: `record${record.seq - expectedSeq > 1 ? `s ${expectedSeq}..${record.seq - 1} are` : ` ${expectedSeq} is`} missing`,
      });
    }
    if (record.prevHash !== prevHash) {
      problems.push({
        seq: record.seq,
        problem: record.seq === expectedSeq ? "edited" : "reordered",
        message: `record ${record.seq} does not chain to the record before it`,
      });
    }
    const { hash, ...unsigned } = record;
    if (hashAuditRecord(unsigned) !== hash) {
      problems.push({
        seq: record.seq,
        problem: "edited",
        message: `record ${record.seq} was changed after it was written`,
      });
    }
    prevHash = record.hash;
    previousSeq = record.seq;
    expectedSeq = record.seq + 1;
  }
  const lastRecord = records.at(-1);
  if (head && (!lastRecord || lastRecord.seq !== head.seq || lastRecord.hash !== head.hash)) {
    problems.push({
      seq: head.seq,
      problem: "truncated",
      message: `the log ends at record ${lastRecord?.seq ?? 0} but its head says ${head.seq}: records were removed from the end or edited`,
    });
  }
  if (!head && lastRecord) {
    problems.push({
      seq: lastRecord.seq,
      problem: "edited",
      message: "the log's head record is missing",
    });
  }
  return problems;
}
