import { randomBytes } from "node:crypto";
import type Database from "better-sqlite3";

export type ApprovalStatus = "pending" | "approved" | "denied" | "expired";

/** A request for a human decision, raised by an escalation or a changed MCP tool. */
export interface Approval {
  id: string;
  kind: "call" | "tool-pin";
  agent: string;
  tool: string;
  /** Hash of the canonical call (or the tool definition) the approval covers: it covers nothing else. */
  callKey: string;
  summary: string;
  input: string;
  reason: string;
  policies: string[];
  status: ApprovalStatus;
  createdAt: string;
  expiresAt: string;
  decidedAt?: string;
  decidedBy?: string;
  decisionReason?: string;
}

/** One recorded state change. */
export interface ApprovalEvent {
  approvalId: string;
  at: string;
  from?: ApprovalStatus;
  to: ApprovalStatus;
  actor: string;
  reason?: string;
}

export interface ApprovalRequest {
  kind: Approval["kind"];
  agent: string;
  tool: string;
  callKey: string;
  summary: string;
  input: string;
  reason: string;
  policies: string[];
}

/**
 * Approval requests and their history. Every state change (created,
 * approved, denied, expired) is an event row; expiry is applied lazily by
 * any read, with `now` passed in.
 */
export interface ApprovalStore {
  /** The approval in force for a call: approved-and-unexpired, else pending, else a new pending request. */
  request(request: ApprovalRequest, now: Date): Approval;
  /** The newest approval for exactly this call, after expiring what is due. */
  find(agent: string, callKey: string, now: Date): Approval | undefined;
  get(id: string, now: Date): Approval | undefined;
  list(now: Date, options?: { status?: ApprovalStatus }): Approval[];
  decide(
    id: string,
    decision: "approved" | "denied",
    now: Date,
    actor: string,
    reason?: string,
  ): Approval;
  events(id: string): ApprovalEvent[];
}

interface ApprovalRow {
  id: string;
  kind: string;
  agent: string;
  tool: string;
  call_key: string;
  summary: string;
  input: string;
  reason: string;
  policies: string;
  status: string;
  created_at: string;
  expires_at: string;
  decided_at: string | null;
  decided_by: string | null;
  decision_reason: string | null;
}

function fromRow(row: ApprovalRow): Approval {
  return {
    id: row.id,
    kind: row.kind as Approval["kind"],
    agent: row.agent,
    tool: row.tool,
    callKey: row.call_key,
    summary: row.summary,
    input: row.input,
    reason: row.reason,
    policies: JSON.parse(row.policies) as string[],
    status: row.status as ApprovalStatus,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    ...(row.decided_at ? { decidedAt: row.decided_at } : {}),
    ...(row.decided_by ? { decidedBy: row.decided_by } : {}),
    ...(row.decision_reason ? { decisionReason: row.decision_reason } : {}),
  };
}

/** Raised when an approval cannot change state (unknown id, already decided, expired). */
export class ApprovalStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ApprovalStateError";
  }
}

export function createApprovalStore(
  db: Database.Database,
  options: { ttlMinutes: number; randomId?: () => string },
): ApprovalStore {
  const ttlMs = options.ttlMinutes * 60_000;
  const randomId = options.randomId ?? (() => `apr-${randomBytes(5).toString("hex")}`);
  const event = db.prepare(
    "INSERT INTO approval_events (approval_id, at, from_status, to_status, actor, reason) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const setStatus = db.prepare("UPDATE approvals SET status = ? WHERE id = ?");

  const expireDue = db.transaction((now: Date) => {
    const due = db
      .prepare<[string], { id: string; status: string }>(
        "SELECT id, status FROM approvals WHERE status IN ('pending', 'approved') AND expires_at <= ?",
      )
      .all(now.toISOString());
    for (const row of due) {
      setStatus.run("expired", row.id);
      event.run(row.id, now.toISOString(), row.status, "expired", "jig", "expired");
    }
  });

  const find = (agent: string, callKey: string, now: Date): Approval | undefined => {
    expireDue.immediate(now);
    const row = db
      .prepare<[string, string], ApprovalRow>(
        "SELECT * FROM approvals WHERE agent = ? AND call_key = ? ORDER BY created_at DESC, rowid DESC LIMIT 1",
      )
      .get(agent, callKey);
    return row ? fromRow(row) : undefined;
  };

  const create = db.transaction((request: ApprovalRequest, now: Date): Approval => {
    const existing = db
      .prepare<[string, string], ApprovalRow>(
        "SELECT * FROM approvals WHERE agent = ? AND call_key = ? AND status IN ('pending', 'approved') ORDER BY created_at DESC LIMIT 1",
      )
      .get(request.agent, request.callKey);
    if (existing) return fromRow(existing);
    const approval: Approval = {
      ...request,
      id: randomId(),
      status: "pending",
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
    };
    db.prepare(
      `INSERT INTO approvals (id, kind, agent, tool, call_key, summary, input, reason, policies, status, created_at, expires_at)
       VALUES (@id, @kind, @agent, @tool, @callKey, @summary, @input, @reason, @policies, @status, @createdAt, @expiresAt)`,
    ).run({ ...approval, policies: JSON.stringify(approval.policies) });
    event.run(approval.id, approval.createdAt, null, "pending", request.agent, request.reason);
    return approval;
  });

  const get = (id: string, now: Date): Approval | undefined => {
    expireDue.immediate(now);
    const row = db.prepare<[string], ApprovalRow>("SELECT * FROM approvals WHERE id = ?").get(id);
    return row ? fromRow(row) : undefined;
  };

  const decideTx = db.transaction(
    (
      id: string,
      decision: "approved" | "denied",
      now: Date,
      actor: string,
      reason?: string,
    ): Approval => {
      const current = db
        .prepare<[string], ApprovalRow>("SELECT * FROM approvals WHERE id = ?")
        .get(id);
      if (!current)
        throw new ApprovalStateError(`no approval request ${id}; run 'jig approvals list'`);
      if (current.status !== "pending") {
        throw new ApprovalStateError(
          `approval ${id} is ${current.status}, not pending; it cannot be ${decision}`,
        );
      }
      const at = now.toISOString();
      // An approval stays valid for one TTL from the moment it is granted.
      const expiresAt =
        decision === "approved"
          ? new Date(now.getTime() + ttlMs).toISOString()
          : current.expires_at;
      db.prepare(
        "UPDATE approvals SET status = ?, decided_at = ?, decided_by = ?, decision_reason = ?, expires_at = ? WHERE id = ?",
      ).run(decision, at, actor, reason ?? null, expiresAt, id);
      event.run(id, at, "pending", decision, actor, reason ?? null);
      const updated = db
        .prepare<[string], ApprovalRow>("SELECT * FROM approvals WHERE id = ?")
        .get(id) as ApprovalRow;
      return fromRow(updated);
    },
  );

  return {
    request(request, now) {
      const current = find(request.agent, request.callKey, now);
      if (current && (current.status === "approved" || current.status === "pending"))
        return current;
      return create.immediate(request, now);
    },
    find,
    get,
    list(now, { status } = {}) {
      expireDue.immediate(now);
      const rows = status
        ? db
            .prepare<[string], ApprovalRow>(
              "SELECT * FROM approvals WHERE status = ? ORDER BY created_at DESC",
            )
            .all(status)
        : db.prepare<[], ApprovalRow>("SELECT * FROM approvals ORDER BY created_at DESC").all();
      return rows.map(fromRow);
    },
    decide(id, decision, now, actor, reason) {
      expireDue.immediate(now);
      return decideTx.immediate(id, decision, now, actor, reason);
    },
    events(id) {
      return db
        .prepare<
          [string],
          {
            approval_id: string;
            at: string;
            from_status: string | null;
            to_status: string;
            actor: string;
            reason: string | null;
          }
        >("SELECT * FROM approval_events WHERE approval_id = ? ORDER BY seq")
        .all(id)
        .map((row) => ({
          approvalId: row.approval_id,
          at: row.at,
          ...(row.from_status ? { from: row.from_status as ApprovalStatus } : {}),
          to: row.to_status as ApprovalStatus,
          actor: row.actor,
          ...(row.reason ? { reason: row.reason } : {}),
        }));
    },
  };
}
