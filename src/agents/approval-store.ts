import { randomBytes } from "node:crypto";
import type Database from "better-sqlite3";

/** `used`: a granted approval whose count of uses has run out. */
export type ApprovalStatus = "pending" | "approved" | "denied" | "expired" | "used";

/** A request for a human decision, raised by an escalation or a changed MCP tool. */
export interface Approval {
  id: string;
  kind: "call" | "tool-pin";
  agent: string;
  tool: string;
  /** Hash of the canonical call (or the tool definition) the approval covers: it covers nothing else. */
  callKey: string;
  summary: string;
  /** The canonical call as JSON, payload included (for a tool pin, the new definition). */
  input: string;
  reason: string;
  policies: string[];
  status: ApprovalStatus;
  createdAt: string;
  /** When a pending request lapses; once granted, when the grant does. */
  expiresAt: string;
  decidedAt?: string;
  decidedBy?: string;
  decisionReason?: string;
  /** How many calls a grant covers; absent on a grant for a time window only, and before a decision. */
  maxUses?: number;
  /** How many calls the grant has covered so far. */
  uses: number;
}

/**
 * What a human grants with an approval. By default one use within the
 * store's TTL; `uses` allows that many calls, `durationMs` any number of
 * calls (or `uses` of them) until the window closes.
 */
export interface ApprovalGrant {
  uses?: number;
  durationMs?: number;
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
 * approved, denied, expired, used) and every use of a grant is an event row;
 * expiry is applied lazily by reads that may write, with `now` passed in.
 */
export interface ApprovalStore {
  /** The approval in force for a call: approved-and-unexpired, else pending, else a new pending request. */
  request(request: ApprovalRequest, now: Date): Approval;
  /**
   * The newest approval for exactly this call, read only: one whose time is
   * up is reported `expired` and written so by the next call that writes.
   */
  find(agent: string, callKey: string, now: Date): Approval | undefined;
  /**
   * Spend one use of a granted approval, atomically across processes: the
   * approval after the use, or undefined when it is not (or no longer)
   * approved, has lapsed, or has no use left.
   */
  use(id: string, now: Date): Approval | undefined;
  get(id: string, now: Date): Approval | undefined;
  list(now: Date, options?: { status?: ApprovalStatus }): Approval[];
  decide(
    id: string,
    decision: "approved" | "denied",
    now: Date,
    actor: string,
    reason?: string,
    grant?: ApprovalGrant,
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
  max_uses: number | null;
  uses: number;
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
    ...(row.max_uses !== null ? { maxUses: row.max_uses } : {}),
    uses: row.uses,
  };
}

/** Raised when an approval cannot change state (unknown id, already decided, expired). */
export class ApprovalStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ApprovalStateError";
  }
}

/**
 * When a grant lapses and how many calls it covers (null: any number).
 * Without a count or a window, an approval covers one call within the TTL.
 */
function grantTerms(
  grant: ApprovalGrant,
  now: Date,
  ttlMs: number,
): { expiresAt: string; maxUses: number | null } {
  const { uses, durationMs } = grant;
  if (uses !== undefined && !(Number.isSafeInteger(uses) && uses > 0))
    throw new ApprovalStateError(`a grant's uses must be a positive integer, not ${uses}`);
  if (durationMs !== undefined && !(Number.isFinite(durationMs) && durationMs > 0))
    throw new ApprovalStateError(`a grant's window must be a positive duration`);
  return {
    expiresAt: new Date(now.getTime() + (durationMs ?? ttlMs)).toISOString(),
    maxUses: uses ?? (durationMs === undefined ? 1 : null),
  };
}

/**
 * The SQLite approval store, on jig's database (migrations 4 and 5). Every
 * write runs in an IMMEDIATE transaction, so the hook, the daemon and
 * `jig approvals` can share the file and a use is never spent twice.
 *
 * @example
 * const approvals = createApprovalStore(db, { ttlMinutes: 1440 });
 * approvals.decide(id, "approved", new Date(), "alice", "planned", { uses: 3 });
 */
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
    const row = db
      .prepare<[string, string], ApprovalRow>(
        "SELECT * FROM approvals WHERE agent = ? AND call_key = ? ORDER BY created_at DESC, rowid DESC LIMIT 1",
      )
      .get(agent, callKey);
    if (!row) return undefined;
    const approval = fromRow(row);
    const lapsed =
      (approval.status === "pending" || approval.status === "approved") &&
      approval.expiresAt <= now.toISOString();
    return lapsed ? { ...approval, status: "expired" } : approval;
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
      uses: 0,
    };
    db.prepare(
      `INSERT INTO approvals (id, kind, agent, tool, call_key, summary, input, reason, policies, status, created_at, expires_at)
       VALUES (@id, @kind, @agent, @tool, @callKey, @summary, @input, @reason, @policies, @status, @createdAt, @expiresAt)`,
    ).run({
      id: approval.id,
      kind: approval.kind,
      agent: approval.agent,
      tool: approval.tool,
      callKey: approval.callKey,
      summary: approval.summary,
      input: approval.input,
      reason: approval.reason,
      policies: JSON.stringify(approval.policies),
      status: approval.status,
      createdAt: approval.createdAt,
      expiresAt: approval.expiresAt,
    });
    event.run(approval.id, approval.createdAt, null, "pending", request.agent, request.reason);
    return approval;
  });

  const byId = (id: string): Approval | undefined => {
    const row = db.prepare<[string], ApprovalRow>("SELECT * FROM approvals WHERE id = ?").get(id);
    return row ? fromRow(row) : undefined;
  };

  const get = (id: string, now: Date): Approval | undefined => {
    expireDue.immediate(now);
    return byId(id);
  };

  const decideTx = db.transaction(
    (
      id: string,
      decision: "approved" | "denied",
      now: Date,
      actor: string,
      reason?: string,
      grant: ApprovalGrant = {},
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
      const granted = decision === "approved" ? grantTerms(grant, now, ttlMs) : undefined;
      db.prepare(
        "UPDATE approvals SET status = ?, decided_at = ?, decided_by = ?, decision_reason = ?, expires_at = ?, max_uses = ? WHERE id = ?",
      ).run(
        decision,
        at,
        actor,
        reason ?? null,
        granted?.expiresAt ?? current.expires_at,
        granted?.maxUses ?? null,
        id,
      );
      event.run(id, at, "pending", decision, actor, reason ?? null);
      return byId(id) as Approval;
    },
  );

  const useTx = db.transaction((id: string, now: Date): Approval | undefined => {
    const row = db.prepare<[string], ApprovalRow>("SELECT * FROM approvals WHERE id = ?").get(id);
    const at = now.toISOString();
    if (row?.status !== "approved" || row.expires_at <= at) return undefined;
    if (row.max_uses !== null && row.uses >= row.max_uses) return undefined;
    const uses = row.uses + 1;
    const spent = row.max_uses !== null && uses >= row.max_uses;
    const status: ApprovalStatus = spent ? "used" : "approved";
    db.prepare("UPDATE approvals SET uses = ?, status = ? WHERE id = ?").run(uses, status, id);
    const of = row.max_uses === null ? "" : ` of ${row.max_uses}`;
    event.run(id, at, "approved", status, row.agent, `use ${uses}${of}`);
    return byId(id);
  });

  return {
    request(request, now) {
      expireDue.immediate(now);
      return create.immediate(request, now);
    },
    find,
    use: (id, now) => useTx.immediate(id, now),
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
    decide(id, decision, now, actor, reason, grant) {
      expireDue.immediate(now);
      return decideTx.immediate(id, decision, now, actor, reason, grant);
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
