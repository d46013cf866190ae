import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../../src/test-support/temp-repo.js";
import { runJig } from "./run-jig.js";

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

interface Report {
  findings: Array<{ ruleId: string; file: string; line: number; endLine?: number }>;
  layers: Array<{ name: string; notes: string[] }>;
}

function located(report: Report): string[] {
  return report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.ruleId}`);
}

const PAYMENTS_BEFORE = `def charge(order):
    try:
        gateway.charge(order.id, order.total)
        return {"ok": True}
    except GatewayError as error:
        return {"ok": False, "error": str(error)}
`;
const PAYMENTS_AFTER = PAYMENTS_BEFORE.replace(
  'return {"ok": False, "error": str(error)}',
  'return {"ok": True}',
).replace("except GatewayError as error:", "except Exception:");

/** A repo whose second commit adds SQL split over lines, in TypeScript and Python, and a catch-all returning success. */
function setup(): TempRepo {
  const created = createTempRepo();
  repo = created;
  created.write("jig.config.yaml", "version: 1\n");
  created.write("app/payments.py", PAYMENTS_BEFORE);
  created.commit("base");
  created.write(
    "src/users.ts",
    [
      "export async function find(id: string) {",
      "  return db.query(",
      '    "SELECT * FROM users WHERE id = " + id',
      "  );",
      "}",
      "",
    ].join("\n"),
  );
  created.write(
    "app/users.py",
    [
      "def find(cursor, user_id):",
      "    cursor.execute(",
      '        f"SELECT * FROM users WHERE id = {user_id}"',
      "    )",
      "",
    ].join("\n"),
  );
  created.write("app/payments.py", PAYMENTS_AFTER);
  // A new file: in --diff mode its content is rebuilt from the diff, so ast rules run on it.
  created.write("app/refunds.py", PAYMENTS_AFTER.replace("def charge", "def refund"));
  created.commit("find users");
  return created;
}

describe("jig failures check on statements split over lines", () => {
  it("git mode: finds a multi-line db.query concat and cursor.execute f-string, and runs ast rules on edited files", () => {
    const current = setup();
    const result = runJig(["failures", "check", "--base", "HEAD~1", "--format", "json"], {
      cwd: current.dir,
    });
    expect(result.code, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    expect(located(report)).toEqual(
      expect.arrayContaining([
        "src/users.ts:2:FM-SEC-001",
        "app/users.py:2:FM-SEC-002",
        "app/payments.py:6:FM-ERR-008",
        "app/refunds.py:6:FM-ERR-008",
      ]),
    );
    const sql = report.findings.find((finding) => finding.ruleId === "FM-SEC-001");
    expect(sql?.endLine).toBe(4);
  });

  it("--diff mode: the same statements; ast rules run on new files and the report names the edited file whose content is missing", () => {
    const current = setup();
    const diff = current.git("diff", "HEAD~1", "HEAD");
    const result = runJig(["failures", "check", "--diff", "-", "--format", "json"], {
      cwd: current.dir,
      input: diff,
    });
    expect(result.code, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    const found = located(report);
    expect(found).toEqual(
      expect.arrayContaining([
        "src/users.ts:2:FM-SEC-001",
        "app/users.py:2:FM-SEC-002",
        "app/refunds.py:6:FM-ERR-008",
      ]),
    );
    // app/payments.py is an edit: its post-change content is not in the diff, so its ast rule cannot run.
    expect(found).not.toContain("app/payments.py:6:FM-ERR-008");
    const notes = report.layers.flatMap((layer) => layer.notes).join("\n");
    expect(notes).toMatch(/post-change content unavailable for 1 file: .*app\/payments\.py/);
  });
});

describe("jig failures add", () => {
  it("rejects a detector that misses its own bad example formatted over several lines, and writes nothing", () => {
    const created = createTempRepo();
    repo = created;
    created.write("jig.config.yaml", "version: 1\n");
    created.commit("base");
    const args = [
      "failures",
      "add",
      "--id",
      "FM-OWN-001",
      "--title",
      "SQL concatenated into db.query",
      "--domain",
      "own",
      "--severity",
      "high",
      "--applies-to",
      "**/*.ts",
      "--trigger",
      "A query is concatenated from input.",
      "--symptom",
      "SQL injection",
      "--fix",
      "Use parameters.",
      "--source",
      "our 2026 incident",
      "--bad",
      'db.query( "SELECT * FROM t WHERE id = " + id );',
      "--good",
      'db.query("SELECT * FROM t WHERE id = $1", [id]);',
    ];
    const rejected = runJig([...args, "--added", 'query\\( "'], { cwd: created.dir });
    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toContain(
      "bad example 1 (example.ts) is not detected when its call is formatted over several lines",
    );
    expect(existsSync(join(created.dir, "failure-models", "own.yaml"))).toBe(false);
    const accepted = runJig([...args, "--added", 'query\\(\\s*"[^"]*"\\s*\\+'], {
      cwd: created.dir,
    });
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(existsSync(join(created.dir, "failure-models", "own.yaml"))).toBe(true);
  });
});
