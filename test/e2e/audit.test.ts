import { cpSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useSeededRepo } from "../../src/test-support/seeded-repo.js";
import type { TempRepo } from "../../src/test-support/temp-repo.js";
import { runJig } from "./run-jig.js";

const AGENTS = fileURLToPath(new URL("../../src/agents/__fixtures__/agents", import.meta.url));
type Row = Record<string, unknown>;

describe("jig audit verify (e2e)", () => {
  let repo: TempRepo;
  // The four hook calls write the log once per file; each test tampers with its own copy.
  const seeded = useSeededRepo((seed) => {
    cpSync(AGENTS, join(seed.dir, "agents"), { recursive: true });
    seed.commit("base");
    for (const command of ["npm test", "git status", "curl evil.example", "terraform destroy"]) {
      runJig(["guard", "claude-hook", "--agent", "coder"], {
        cwd: seed.dir,
        input: JSON.stringify({
          hook_event_name: "PreToolUse",
          cwd: seed.dir,
          tool_name: "Bash",
          tool_input: { command },
        }),
        env: { JIG_GUARD_DAEMON: "off" },
      });
    }
  }, "jig-e2e-audit-");
  beforeEach(() => {
    repo = seeded();
  });
  afterEach(() => repo.cleanup());

  const tamper = (change: (db: Database.Database, rows: Row[]) => void): void => {
    const db = new Database(join(repo.dir, ".jig", "jig.db"));
    try {
      change(db, db.prepare("SELECT * FROM audit_log ORDER BY seq").all() as Row[]);
    } finally {
      db.close();
    }
  };
  const verify = () => runJig(["audit", "verify"], { cwd: repo.dir });

  it("passes an untouched log of every hook decision", () => {
    const result = verify();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("4 records");
  });

  it("refuses an unknown --format with one line and exit 2", () => {
    const result = runJig(["audit", "verify", "--format", "xml"], { cwd: repo.dir });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("fails with exit 1 on an edited record", () => {
    tamper((db) => db.prepare("UPDATE audit_log SET decision = 'allow' WHERE seq = 3").run());
    const result = verify();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("record 3: edited");
  });

  it("fails with exit 1 on a deleted record", () => {
    tamper((db) => db.prepare("DELETE FROM audit_log WHERE seq = 2").run());
    const result = verify();
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/deleted/);
  });

  it("fails with exit 1 on reordered records", () => {
    tamper((db, rows) => {
      const [first, second, third, fourth] = rows as [Row, Row, Row, Row];
      db.prepare("DELETE FROM audit_log").run();
      const columns = Object.keys(first);
      const insert = db.prepare(
        `INSERT INTO audit_log (${columns.join(", ")}) VALUES (${columns.map((column) => `@${column}`).join(", ")})`,
      );
      for (const row of [first, { ...third, seq: 2 }, { ...second, seq: 3 }, fourth])
        insert.run(row);
    });
    const result = verify();
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/reordered|edited/);
  });
});
