import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApprovalStore } from "../agents/approval-store.js";
import { createAuditLog } from "../agents/audit-log.js";
import { createMessageStore } from "../agents/message-store.js";
import { createAutonomyStore } from "../autonomy/autonomy-store.js";
import { createEvalStore } from "../evals/eval-store.js";
import {
  type PostgresServer,
  postgresSkipReason,
  startPostgres,
} from "../test-support/start-postgres.js";
import { connectPostgres } from "./postgres-connection.js";
import { openPostgresDatabase } from "./postgres-database.js";
import type { JigDatabase } from "./sqlite-database.js";

const NOW = new Date("2026-01-01T00:00:00Z");

// The other stores written for SQLite, unchanged, over the Postgres facade:
// what the dialect translation and the transaction mapping must carry.
describe.skipIf(postgresSkipReason() !== undefined)("jig's other stores on Postgres", () => {
  let server: PostgresServer;
  let db: JigDatabase;
  beforeAll(async () => {
    server = await startPostgres();
    const admin = connectPostgres(server.url());
    admin.exec("CREATE DATABASE jig_stores");
    admin.close();
    db = openPostgresDatabase(server.url("jig_stores"));
  }, 60_000);
  afterAll(() => {
    db?.close();
    server?.stop();
  });

  it("approvals: request, grant one use, spend it once, with every event recorded", () => {
    const store = createApprovalStore(db, { ttlMinutes: 60 });
    const request = {
      kind: "call" as const,
      agent: "payer",
      tool: "Write",
      callKey: "k1",
      summary: "Write (write): src/pay.env",
      input: "{}",
      reason: "payment settings need a human",
      policies: ["payer.escalate.0"],
    };
    const id = store.request(request, NOW).id;
    expect(store.request(request, NOW).id).toBe(id);
    store.decide(id, "approved", NOW, "alice", "fine", { uses: 1 });
    expect(store.use(id, NOW)?.status).toBe("used");
    expect(store.use(id, NOW)).toBeUndefined();
    expect(store.events(id).map((event) => event.to)).toEqual(["pending", "approved", "used"]);
    expect(store.list(NOW).map((approval) => approval.id)).toEqual([id]);
  });

  it("the bus: ids from the identity column, inbox reads, delegation chains", () => {
    const bus = createMessageStore(db);
    const first = bus.send({
      at: NOW.toISOString(),
      from: "ops",
      to: "coder",
      type: "task",
      body: "fix",
      chain: [],
    });
    const second = bus.send({
      at: NOW.toISOString(),
      from: "ops",
      to: "coder",
      type: "task",
      body: "and this",
      chain: [],
    });
    expect([first.id, second.id]).toEqual([1, 2]);
    const inbox = bus.readInbox("coder", { now: NOW, session: "s1" });
    expect(inbox.map((message) => message.body)).toEqual(["fix", "and this"]);
    expect(bus.actingOnBehalfOf("coder", NOW)).toEqual(["ops"]);
    expect(bus.done("coder", first.id, NOW)).toBe(true);
    expect(bus.endSession("s1", NOW)).toBe(2);
  });

  it("the audit log: a chain that verifies, tails newest last, and detects an edit", () => {
    const audit = createAuditLog(db);
    for (let index = 0; index < 5; index++) {
      audit.append({
        at: NOW.toISOString(),
        agent: index % 2 ? "coder" : "ops",
        tool: "Bash",
        adapter: "claude-hook",
        input: JSON.stringify({ index }),
        decision: "allow",
        reason: "ok",
        policies: [],
      });
    }
    expect(audit.verify()).toMatchObject({ ok: true, records: 5, headSeq: 5 });
    expect(audit.tail({ agent: "coder", limit: 5 }).map((record) => record.seq)).toEqual([2, 4]);
    db.prepare("UPDATE audit_log SET reason = 'edited' WHERE seq = 3").run();
    expect(audit.verify().problems.map((problem) => [problem.seq, problem.problem])).toEqual([
      [3, "edited"],
    ]);
  });

  it("autonomy evidence: INSERT OR IGNORE keeps an outcome once", () => {
    const autonomy = createAutonomyStore(db);
    const outcome = {
      at: NOW.toISOString(),
      agent: "coder",
      domain: "src",
      kind: "outcome" as const,
      outcome: "agree" as const,
      subject: "abc123",
    };
    expect(autonomy.record([outcome, { ...outcome, kind: "gate" as const }])).toBe(2);
    expect(autonomy.record([outcome])).toBe(0);
    expect(autonomy.events().length).toBe(2);
  });

  it("eval runs: results replaced per attempt, prefix search, the model cache", () => {
    const evals = createEvalStore(db, { pid: 7 });
    evals.startRun({
      id: "20260101T000000Z-ev_1",
      startedAt: NOW.toISOString(),
      head: "abc",
      options: { suites: ["refunds"] },
      suites: [],
    });
    const result = {
      suite: "refunds",
      scenario: "cap",
      attempt: 0,
      status: "fail" as const,
      score: 0.25,
      latencyMs: 12.5,
      cached: false,
      assertions: [],
    };
    evals.recordResult("20260101T000000Z-ev_1", result);
    evals.recordResult("20260101T000000Z-ev_1", { ...result, status: "pass", score: 1 });
    expect(evals.results("20260101T000000Z-ev_1")).toEqual([
      expect.objectContaining({ status: "pass", score: 1, latencyMs: 12.5, cached: false }),
    ]);
    // `_` is a LIKE wildcard the store escapes: only the literal prefix matches.
    expect(evals.findRuns("20260101T000000Z-ev_").map((run) => run.id)).toEqual([
      "20260101T000000Z-ev_1",
    ]);
    expect(evals.findRuns("20260101T000000Z-evX")).toEqual([]);
    evals.cache.set("key", "text");
    evals.flush();
    expect(evals.cache.get("key")).toBe("text");
  });

  it("nested transactions roll back the inner one alone, as better-sqlite3's savepoints do", () => {
    db.prepare("CREATE TABLE nest (x BIGINT PRIMARY KEY)").run();
    const insert = db.prepare("INSERT INTO nest (x) VALUES (?)");
    const inner = db.transaction((x: number) => {
      insert.run(x);
      throw new Error("inner fails");
    });
    db.transaction(() => {
      insert.run(1);
      expect(() => inner(2)).toThrow("inner fails");
      insert.run(3);
    })();
    expect(db.prepare("SELECT x FROM nest ORDER BY x").pluck().all()).toEqual([1, 3]);
    expect(db.inTransaction).toBe(false);
  });
});
