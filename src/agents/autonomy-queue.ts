import type Database from "better-sqlite3";
import { createAutonomyStore, type EvidenceEvent } from "../autonomy/autonomy-store.js";
import { describeCall } from "./canonicalize-call.js";
import type { GuardDecision } from "./guard.js";
import { markPendingAsk } from "./pending-ask-marker.js";

/** How long an ask may wait for its PostToolUse before it counts as denied. */
export const ASK_TIMEOUT_MS = 30 * 60 * 1000;

/** An `ask` the guard gave Claude Code, waiting for the person's answer. */
export interface PendingAsk {
  toolUseId: string;
  at: string;
  agent: string;
  domain: string;
  action: string;
  mode: string;
  /** What the manifests alone decided: the person's answer is compared with it. */
  engine: "allow" | "ask" | "deny";
  summary: string;
}

/** An allowed auto-logged call sampled for a person to look at. */
export interface SampledCall {
  id: number;
  at: string;
  agent: string;
  domain: string;
  action: string;
  tool: string;
  summary: string;
  callKey: string;
  reviewedAt?: string;
  verdict?: "agree" | "disagree";
}

export interface AutonomyQueue {
  /** Remember an ask until PostToolUse answers it (or it times out). */
  ask(entry: PendingAsk): void;
  /** The person allowed the call (a PostToolUse for it arrived); records the answer. False when no ask was pending. */
  allowed(toolUseId: string, now: Date): boolean;
  /** Asks older than `timeoutMs` with no PostToolUse: the person did not allow them. Returns how many. */
  expire(now: Date, timeoutMs?: number): number;
  sample(entry: Omit<SampledCall, "id" | "reviewedAt" | "verdict">): void;
  /** Sampled calls, oldest first; only those nobody reviewed unless `all`. */
  sampled(options?: { all?: boolean }): SampledCall[];
  /** A person's verdict on a sampled call, recorded as evidence. False when there is no such unreviewed call. */
  review(id: number, verdict: "agree" | "disagree", now: Date): boolean;
}

interface AskRow {
  tool_use_id: string;
  at: string;
  agent: string;
  domain: string;
  action: string;
  mode: string;
  engine: PendingAsk["engine"];
  summary: string;
}

/**
 * The asks awaiting an answer and the review queue (migration 10). Answers
 * and reviews become `answer` evidence in the autonomy store: agree when the
 * person decided as the manifests alone would have.
 */
export function createAutonomyQueue(db: Database.Database): AutonomyQueue {
  const evidence = createAutonomyStore(db);
  const answerEvent = (row: AskRow, answer: "allowed" | "denied", at: string): EvidenceEvent => ({
    at,
    agent: row.agent,
    domain: row.domain,
    action: row.action,
    kind: "answer",
    outcome: (answer === "allowed") === (row.engine === "allow") ? "agree" : "disagree",
    subject: row.tool_use_id,
    detail: { answer, mode: row.mode, manifests: row.engine, call: row.summary },
  });
  const pending = db.prepare<[string], AskRow>(
    "SELECT * FROM guard_asks WHERE tool_use_id = ? AND answer IS NULL",
  );
  const settle = db.prepare(
    "UPDATE guard_asks SET answer = @answer, answered_at = @at WHERE tool_use_id = @id AND answer IS NULL",
  );
  const answerTx = db.transaction((rows: AskRow[], answer: "allowed" | "denied", at: string) => {
    let settled = 0;
    for (const row of rows) {
      settled += settle.run({ answer, at, id: row.tool_use_id }).changes;
    }
    evidence.record(rows.map((row) => answerEvent(row, answer, at)));
    return settled;
  });
  return {
    ask(entry) {
      db.prepare(
        `INSERT OR IGNORE INTO guard_asks (tool_use_id, at, agent, domain, action, mode, engine, summary)
         VALUES (@toolUseId, @at, @agent, @domain, @action, @mode, @engine, @summary)`,
      ).run(entry);
    },
    allowed(toolUseId, now) {
      const row = pending.get(toolUseId);
      if (!row) return false;
      return answerTx([row], "allowed", now.toISOString()) > 0;
    },
    expire(now, timeoutMs = ASK_TIMEOUT_MS) {
      const before = new Date(now.getTime() - timeoutMs).toISOString();
      const rows = db
        .prepare<[string], AskRow>("SELECT * FROM guard_asks WHERE answer IS NULL AND at < ?")
        .all(before);
      return rows.length === 0 ? 0 : answerTx(rows, "denied", now.toISOString());
    },
    sample(entry) {
      db.prepare(
        `INSERT INTO autonomy_reviews (at, agent, domain, action, tool, summary, call_key)
         VALUES (@at, @agent, @domain, @action, @tool, @summary, @callKey)`,
      ).run(entry);
    },
    sampled({ all = false } = {}) {
      const rows = db
        .prepare(
          `SELECT * FROM autonomy_reviews ${all ? "" : "WHERE verdict IS NULL"} ORDER BY at, id`,
        )
        .all() as Array<Record<string, string | number | null>>;
      return rows.map((row) => ({
        id: Number(row.id),
        at: String(row.at),
        agent: String(row.agent),
        domain: String(row.domain),
        action: String(row.action),
        tool: String(row.tool),
        summary: String(row.summary),
        callKey: String(row.call_key),
        ...(row.reviewed_at === null ? {} : { reviewedAt: String(row.reviewed_at) }),
        ...(row.verdict === null ? {} : { verdict: row.verdict as "agree" | "disagree" }),
      }));
    },
    review(id, verdict, now) {
      const at = now.toISOString();
      return db.transaction(() => {
        const row = db
          .prepare("SELECT * FROM autonomy_reviews WHERE id = ? AND verdict IS NULL")
          .get(id) as Record<string, string> | undefined;
        if (!row) return false;
        db.prepare("UPDATE autonomy_reviews SET verdict = ?, reviewed_at = ? WHERE id = ?").run(
          verdict,
          at,
          id,
        );
        evidence.record([
          {
            at,
            agent: row.agent as string,
            domain: row.domain as string,
            action: row.action as string,
            kind: "answer",
            outcome: verdict,
            subject: `review:${id}`,
            detail: { review: verdict, call: row.summary },
          },
        ]);
        return true;
      })();
    },
  };
}

/**
 * After a hook answered `ask` under a mode: remember it by Claude Code's
 * tool_use_id, so the PostToolUse that follows an allowed call records the
 * person's answer; asks left unanswered too long are settled as denied here,
 * lazily, instead of by a timer.
 */
export function rememberAsk(
  repoRoot: string,
  queue: AutonomyQueue,
  decision: GuardDecision,
  toolUseId: string | undefined,
  now: Date,
): void {
  const applied = decision.autonomy;
  if (decision.decision !== "ask" || !applied || !toolUseId || !decision.canonical) return;
  queue.expire(now);
  queue.ask({
    toolUseId,
    at: now.toISOString(),
    agent: decision.canonical.agent,
    domain: applied.domain,
    action: applied.action,
    mode: applied.mode,
    engine: applied.engine,
    summary: describeCall(decision.canonical),
  });
  markPendingAsk(repoRoot, toolUseId);
}
