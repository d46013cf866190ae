import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { latestSchemaVersion, MIGRATIONS, openJigDatabase } from "../store/index.js";
import { readTestResults, recordTestRun } from "./test-run-store.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function database(migrations = MIGRATIONS) {
  const dir = mkdtempSync(join(tmpdir(), "jig-test-runs-"));
  dirs.push(dir);
  return { path: join(dir, "jig.db"), db: openJigDatabase(join(dir, "jig.db"), { migrations }) };
}

function insertCheckRun(db: ReturnType<typeof openJigDatabase>, id: string) {
  db.prepare(
    "INSERT INTO runs (id, status, started_at, base, head, base_ref, head_ref) VALUES (?, 'running', ?, 'b', 'h', 'main', 'feature')",
  ).run(id, "2026-01-01T00:00:00Z");
}

describe("test run store", () => {
  it("migrates a database from before the tests layer and keeps its runs", () => {
    const { path, db } = database(MIGRATIONS.slice(0, 7));
    insertCheckRun(db, "old-run");
    db.close();
    const migrated = openJigDatabase(path);
    try {
      expect(migrated.pragma("user_version", { simple: true })).toBe(latestSchemaVersion());
      expect(migrated.prepare("SELECT id FROM runs").all()).toEqual([{ id: "old-run" }]);
      expect(migrated.prepare("SELECT COUNT(*) AS n FROM test_results").get()).toEqual({ n: 0 });
    } finally {
      migrated.close();
    }
  });

  it("records each test's name, file, status and duration under the check run", () => {
    const { db } = database();
    try {
      insertCheckRun(db, "run-1");
      recordTestRun(db, "run-1", {
        startedAt: "2026-01-01T00:00:01Z",
        command: ["node", "--test"],
        status: "failed",
        exitCode: 1,
        durationMs: 412.6,
        cases: [
          {
            name: "AC-1 ok",
            file: "test/a.test.js",
            line: 2,
            status: "passed",
            durationMs: 3,
            traces: ["AC-1"],
          },
          {
            name: "AC-2 no",
            status: "failed",
            durationMs: 7,
            message: "1 !== 2",
            traces: ["AC-2"],
          },
        ],
      });
      expect(readTestResults(db, "run-1")).toEqual([
        { name: "AC-1 ok", file: "test/a.test.js", line: 2, status: "passed", durationMs: 3 },
        { name: "AC-2 no", file: null, line: null, status: "failed", durationMs: 7 },
      ]);
      expect(
        db.prepare("SELECT status, exit_code, duration_ms, tests, failed FROM test_runs").get(),
      ).toEqual({ status: "failed", exit_code: 1, duration_ms: 413, tests: 2, failed: 1 });
      // Deleting the check run takes its tests with it.
      db.prepare("DELETE FROM runs WHERE id = 'run-1'").run();
      expect(readTestResults(db, "run-1")).toEqual([]);
    } finally {
      db.close();
    }
  });
});
