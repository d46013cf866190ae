import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type JigDatabase, openJigDatabase } from "../store/index.js";
import { type AuditLog, createAuditLog } from "./audit-log.js";

describe("audit log", () => {
  let dir: string;
  let db: JigDatabase;
  let log: AuditLog;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "jig-audit-"));
    db = openJigDatabase(join(dir, "jig.db"));
    log = createAuditLog(db);
    for (let index = 0; index < 5; index++) {
      log.append({
        at: `2026-01-01T00:00:0${index}Z`,
        agent: index % 2 === 0 ? "coder" : "reviewer",
        tool: "Bash",
        adapter: "test",
        input: JSON.stringify({ argv: ["npm", "test", String(index)] }),
        decision: index === 3 ? "deny" : "allow",
        reason: "r",
        policies: ["coder.commands"],
      });
    }
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("chains records and verifies an untouched log", () => {
    const result = log.verify();
    expect(result).toMatchObject({ ok: true, records: 5, problems: [] });
    const records = log.tail({ limit: 10 });
    expect(records.map((record) => record.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(records[1]?.prevHash).toBe(records[0]?.hash);
    expect(log.tail({ agent: "reviewer" }).map((record) => record.seq)).toEqual([2, 4]);
  });

  it("detects an edited record", () => {
    db.prepare("UPDATE audit_log SET decision = 'allow' WHERE seq = 4").run();
    const result = log.verify();
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(expect.objectContaining({ seq: 4, problem: "edited" }));
  });

  it("detects a deleted record", () => {
    db.prepare("DELETE FROM audit_log WHERE seq = 2").run();
    const result = log.verify();
    expect(result.ok).toBe(false);
    expect(result.problems.map((problem) => problem.problem)).toContain("deleted");
  });

  it("detects a truncated tail", () => {
    db.prepare("DELETE FROM audit_log WHERE seq = 5").run();
    expect(log.verify().problems.map((problem) => problem.problem)).toContain("truncated");
  });

  it("detects reordered records", () => {
    const rows = db.prepare("SELECT * FROM audit_log ORDER BY seq").all() as Array<
      Record<string, unknown>
    >;
    db.prepare("DELETE FROM audit_log").run();
    const insert = db.prepare(
      "INSERT INTO audit_log (seq, at, agent, tool, adapter, input, decision, reason, policies, approval_id, prev_hash, hash) VALUES (@seq, @at, @agent, @tool, @adapter, @input, @decision, @reason, @policies, @approval_id, @prev_hash, @hash)",
    );
    // Swap the contents of records 2 and 3 while keeping their seq numbers.
    const [a, b, c, d, e] = rows as [
      Record<string, unknown>,
      Record<string, unknown>,
      Record<string, unknown>,
      Record<string, unknown>,
      Record<string, unknown>,
    ];
    for (const row of [a, { ...c, seq: 2 }, { ...b, seq: 3 }, d, e]) insert.run(row);
    const result = log.verify();
    expect(result.ok).toBe(false);
    expect(result.problems.length).toBeGreaterThan(0);
  });
});
