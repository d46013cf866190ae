import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuditLog } from "../../src/agents/audit-log.js";
import {
  connectPostgres,
  createSqliteRunStore,
  openJigDatabase,
  openPostgresDatabase,
  POSTGRES_TABLE_KEYS,
} from "../../src/store/index.js";
import { APPROVED_SPEC } from "../../src/test-support/approved-spec.js";
import {
  type PostgresServer,
  postgresSkipReason,
  startPostgres,
} from "../../src/test-support/start-postgres.js";
import { createTempRepo, type TempRepo } from "../../src/test-support/temp-repo.js";
import { sampleRunReport } from "../../src/testing/sample-run-report.js";
import { runJig } from "./run-jig.js";

/** A SQLite store with rows in every table jig has, as a team's history would. */
function seedStore(path: string): Record<string, number> {
  const db = openJigDatabase(path);
  const store = createSqliteRunStore(db);
  for (let i = 0; i < 3; i++)
    store.finishRun(sampleRunReport(`20261125T10150${i}Z-0001`, { findings: 4 }));
  const audit = createAuditLog(db);
  for (let i = 0; i < 7; i++) {
    audit.append({
      at: `2026-11-25T10:15:0${i}.000Z`,
      agent: "coder",
      tool: "Bash",
      adapter: "claude-hook",
      input: JSON.stringify({ command: `ls ${i}` }),
      decision: i % 3 === 0 ? "deny" : "allow",
      reason: "test",
      policies: ["p1"],
    });
  }
  const run = "20261125T101500Z-0001";
  const insert = (sql: string, ...values: unknown[]) => db.prepare(sql).run(...values);
  insert(`INSERT INTO run_audit_anchors (run_id, seq, hash) VALUES (?, 3, 'h')`, run);
  insert(
    `INSERT INTO model_calls (run_id, purpose, model_id, call_key, status, attempt, input_tokens, output_tokens, cost_usd, prompt_bytes, duration_ms, started_at)
     VALUES (?, 'review', 'stub:m', 'k1', 'ok', 1, 100, 20, 0.25, 4000, 1200, '2026-11-25T10:15:00.000Z')`,
    run,
  );
  insert(
    `INSERT INTO escalations (id, created_at, reason, rounds, spec_id, last_run_id, cost_usd, path, detail_json)
     VALUES ('e1', '2026-11-25T10:15:00.000Z', 'budget', 3, NULL, ?, 1.5, '.jig/escalations/e1.md', '{}')`,
    run,
  );
  insert(
    `INSERT INTO eval_runs (id, status, started_at, options_json, suites_json, passed) VALUES ('ev1', 'finished', '2026-11-25T10:15:00.000Z', '{}', '[]', 1)`,
  );
  insert(
    `INSERT INTO eval_results (run_id, suite, scenario, attempt, status, score, latency_ms, cached, assertions_json)
     VALUES ('ev1', 'refunds', 'case-1', 1, 'pass', 0.75, 12.5, 0, '[]')`,
  );
  insert(
    `INSERT INTO eval_model_cache (key, text, created_at) VALUES ('c1', 'cached text', 'now')`,
  );
  insert(
    `INSERT INTO approvals (id, kind, agent, tool, call_key, summary, input, reason, policies, status, created_at, expires_at, max_uses, uses)
     VALUES ('a1', 'call', 'coder', 'Bash', 'ck', 'rm -rf', '{}', 'ask', '[]', 'approved', 'now', 'later', 2, 1)`,
  );
  insert(
    `INSERT INTO approval_events (approval_id, at, from_status, to_status, actor) VALUES ('a1', 'now', 'pending', 'approved', 'alice')`,
  );
  insert(
    `INSERT INTO mcp_tool_pins (server, tool, hash, definition, pinned_at) VALUES ('fs', 'read', 'h', '{}', 'now')`,
  );
  insert(
    `INSERT INTO messages (at, sender, recipient, type, body, chain, status, session, deadline) VALUES ('now', 'a', 'b', 'task', 'hi', '[]', 'unread', 's1', 'later')`,
  );
  insert(
    `INSERT INTO test_runs (run_id, started_at, command, status, exit_code, duration_ms, tests, failed) VALUES (?, 'now', 'npm test', 'passed', 0, 900, 2, 0)`,
    run,
  );
  insert(
    `INSERT INTO test_results (run_id, position, name, status, duration_ms) VALUES (?, 0, 'adds', 'passed', 3), (?, 1, 'subtracts', 'passed', 4)`,
    run,
    run,
  );
  insert(
    `INSERT INTO autonomy_events (at, agent, domain, kind, outcome, subject) VALUES ('now', 'coder', 'src', 'outcome', 'agree', 'abc')`,
  );
  insert(
    `INSERT INTO autonomy_demotions (at, agent, domain, from_mode, to_mode, trigger, reason, basis) VALUES ('now', 'coder', 'src', 'auto', 'review', 'incident', 'broke prod', 'b')`,
  );
  insert(
    `INSERT INTO guard_asks (tool_use_id, at, agent, domain, action, mode, engine, summary) VALUES ('t1', 'now', 'coder', 'src', 'edit', 'ask', 'ask', 'Edit src/a.ts')`,
  );
  insert(
    `INSERT INTO autonomy_reviews (at, agent, domain, action, tool, summary, call_key) VALUES ('now', 'coder', 'src', 'edit', 'Edit', 'Edit src/a.ts', 'ck')`,
  );
  const counts: Record<string, number> = {};
  for (const table of Object.keys(POSTGRES_TABLE_KEYS)) {
    counts[table] = db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  }
  db.close();
  return counts;
}

describe("jig store migrate", () => {
  it("rejects a URL that is not postgres:// with one line and exit 2", () => {
    const repo = createTempRepo();
    try {
      const result = runJig(["store", "migrate", "--to", "mysql://jig:secret@db/jig"], {
        cwd: repo.dir,
      });
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toContain("is not a Postgres URL");
      expect(result.stderr).not.toContain("secret");
    } finally {
      repo.cleanup();
    }
  });

  describe.skipIf(postgresSkipReason() !== undefined)("against a real server", () => {
    let server: PostgresServer;
    let repo: TempRepo;
    let counts: Record<string, number>;
    let databases = 0;
    beforeAll(async () => {
      server = await startPostgres();
      repo = createTempRepo();
      counts = seedStore(join(repo.dir, ".jig", "jig.db"));
    }, 60_000);
    afterAll(() => {
      server?.stop();
      repo?.cleanup();
    });
    const freshDatabase = (): string => {
      const name = `jig_migrate_${++databases}`;
      const admin = connectPostgres(server.url());
      admin.exec(`CREATE DATABASE ${name}`);
      admin.close();
      return server.url(name);
    };

    it("copies every table, checks counts and the audit chain, and jig then reads from Postgres", () => {
      const url = freshDatabase();
      const result = runJig(["store", "migrate", "--to", url], { cwd: repo.dir });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(
        /migrated \d+ rows in 21 tables .* audit chain intact \(7 records\)/,
      );
      for (const table of Object.keys(POSTGRES_TABLE_KEYS))
        expect(counts[table]).toBeGreaterThan(0);

      const db = openPostgresDatabase(url);
      try {
        for (const [table, count] of Object.entries(counts)) {
          expect([table, db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()]).toEqual([
            table,
            count,
          ]);
        }
        expect(createAuditLog(db).verify()).toMatchObject({ ok: true, records: 7, headSeq: 7 });
        // Values come back as SQLite gave them: numbers stay numbers.
        expect(db.prepare("SELECT score, latency_ms, cached FROM eval_results").get()).toEqual({
          score: 0.75,
          latency_ms: 12.5,
          cached: 0,
        });
        // Identities moved past the copied ids: the next insert gets a new one.
        const next = db
          .prepare(
            `INSERT INTO messages (at, sender, recipient, type, body, chain, status) VALUES ('now', 'a', 'b', 't', 'x', '[]', 'unread')`,
          )
          .run();
        expect(next.lastInsertRowid).toBe(2);
      } finally {
        db.close();
      }

      const listed = runJig(["runs", "list", "--format", "json"], {
        cwd: repo.dir,
        env: { JIG_STORE_URL: url },
      });
      expect(listed.code).toBe(0);
      expect(JSON.parse(listed.stdout)).toHaveLength(3);
      const shown = runJig(["runs", "show", "20261125T101502Z", "--format", "json"], {
        cwd: repo.dir,
        env: { JIG_STORE_URL: url },
      });
      expect(JSON.parse(shown.stdout)).toEqual(
        sampleRunReport("20261125T101502Z-0001", { findings: 4 }),
      );

      // A second migrate into the same store would duplicate history: refused.
      const again = runJig(["store", "migrate", "--to", url], { cwd: repo.dir });
      expect(again.code).toBe(2);
      expect(again.stderr).toContain("already holds records");
    });

    it("exits 1 naming the table when a count differs, and keeps nothing", () => {
      const url = freshDatabase();
      // A trigger that silently drops one finding: the copy must notice.
      const db = openPostgresDatabase(url);
      db.exec(`
        CREATE FUNCTION drop_one() RETURNS trigger AS $$
        BEGIN IF NEW.id = 'spec-2' AND NEW.run_id = '20261125T101501Z-0001' THEN RETURN NULL; END IF; RETURN NEW; END;
        $$ LANGUAGE plpgsql;
        CREATE TRIGGER drop_one BEFORE INSERT ON findings FOR EACH ROW EXECUTE FUNCTION drop_one();
      `);
      db.close();
      const result = runJig(["store", "migrate", "--to", url], { cwd: repo.dir });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `mismatch: findings: ${counts.findings} rows in SQLite, ${counts.findings! - 1} in Postgres`,
      );
      expect(result.stdout).toContain("rolled back");
      const after = openPostgresDatabase(url);
      try {
        expect(after.prepare("SELECT count(*) FROM runs").pluck().get()).toBe(0);
      } finally {
        after.close();
      }
    });

    it("exits 1 when the copied audit chain does not verify", () => {
      const url = freshDatabase();
      const db = openPostgresDatabase(url);
      // A trigger that rewrites one record's reason in flight: the chain breaks.
      db.exec(`
        CREATE FUNCTION edit_one() RETURNS trigger AS $$
        BEGIN IF NEW.seq = 4 THEN NEW.reason := 'edited'; END IF; RETURN NEW; END;
        $$ LANGUAGE plpgsql;
        CREATE TRIGGER edit_one BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION edit_one();
      `);
      db.close();
      const result = runJig(["store", "migrate", "--to", url], { cwd: repo.dir });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/mismatch: audit log: .*4/);
    });

    it("jig check records its run, layers and findings in Postgres when store.url is set", () => {
      const url = freshDatabase();
      const project = createTempRepo();
      try {
        project.write("jig.config.yaml", `version: 1\nstore:\n  url: ${url}\n`);
        project.write("src/refunds.js", "export const cap = 0;\n");
        project.write("specs/SPEC-0001-refund-cap.md", APPROVED_SPEC);
        project.commit("base");
        project.git("checkout", "-q", "-b", "feature");
        project.write("src/refunds.js", "export const cap = 50000;\n");
        project.commit("raise the cap");
        const result = runJig(["check", "--format", "json", "--no-ai"], { cwd: project.dir });
        expect([1, 3]).toContain(result.code);
        const report = JSON.parse(result.stdout) as { run: { id: string }; findings: unknown[] };
        const db = openPostgresDatabase(url);
        try {
          expect(db.prepare("SELECT id, status FROM runs").all()).toEqual([
            { id: report.run.id, status: "finished" },
          ]);
          expect(db.prepare("SELECT count(*) FROM findings").pluck().get()).toBe(
            report.findings.length,
          );
          expect(db.prepare("SELECT count(*) FROM layer_results").pluck().get()).toBeGreaterThan(0);
        } finally {
          db.close();
        }
        // Nothing went to the SQLite file.
        expect(existsSync(join(project.dir, ".jig", "jig.db"))).toBe(false);
        const listed = runJig(["runs", "list", "--format", "json"], { cwd: project.dir });
        expect(JSON.parse(listed.stdout)).toMatchObject([{ id: report.run.id }]);
      } finally {
        project.cleanup();
      }
    });

    it("jig eval run records its run and results in Postgres with JIG_STORE_URL", () => {
      const url = freshDatabase();
      const project = createTempRepo();
      try {
        project.write("run.mjs", 'console.log(JSON.stringify({ decision: "approved" }));\n');
        project.write(
          "evals/refunds.yaml",
          'suite: refunds\ntarget: { command: ["node", "run.mjs"] }\nscenarios:\n  - id: small\n    assert: [{ type: json-path, path: "$.decision", value: approved }]\n  - id: large\n    assert: [{ type: json-path, path: "$.decision", value: escalated }]\n',
        );
        project.commit("evals");
        const env = { JIG_STORE_URL: url };
        const run = runJig(["eval", "run"], { cwd: project.dir, env });
        expect(run.code).toBe(1);
        const db = openPostgresDatabase(url);
        try {
          expect(db.prepare("SELECT status FROM eval_runs").pluck().all()).toEqual(["finished"]);
          expect(
            db.prepare("SELECT scenario, status FROM eval_results ORDER BY scenario").all(),
          ).toEqual([
            { scenario: "large", status: "fail" },
            { scenario: "small", status: "pass" },
          ]);
        } finally {
          db.close();
        }
        expect(existsSync(join(project.dir, ".jig", "jig.db"))).toBe(false);
        const listed = runJig(["eval", "list"], { cwd: project.dir, env });
        expect(listed.code).toBe(0);
        expect(listed.stdout).toMatch(/^\S+ +fail +1\/2 runs passed/);
      } finally {
        project.cleanup();
      }
    });

    it("says in one line, exit 2, when the server cannot be reached", () => {
      const result = runJig(
        ["store", "migrate", "--to", `postgres://jig:secret@127.0.0.1:${server.port}/no_such_db`],
        { cwd: repo.dir },
      );
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toContain("cannot reach the Postgres store at jig@127.0.0.1");
      expect(result.stderr).not.toContain("secret");
    });
  });
});
