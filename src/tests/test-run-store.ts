import type { JigDatabase } from "../store/index.js";
import type { TestRun } from "./test-run.js";

/**
 * Record the tests layer's run under the check run `runId`, with every
 * test's result, in one transaction. The check run's row must exist.
 */
export function recordTestRun(db: JigDatabase, runId: string, run: TestRun): void {
  const insertRun = db.prepare(
    `INSERT INTO test_runs (run_id, started_at, command, status, exit_code, duration_ms, tests, failed, error)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertCase = db.prepare(
    `INSERT INTO test_results (run_id, position, name, classname, file, line, status, duration_ms, message)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    insertRun.run(
      runId,
      run.startedAt,
      JSON.stringify(run.command),
      run.status,
      run.exitCode,
      Math.round(run.durationMs),
      run.cases.length,
      run.cases.filter((test) => test.status === "failed").length,
      run.error ?? null,
    );
    run.cases.forEach((test, position) => {
      insertCase.run(
        runId,
        position,
        test.name,
        test.classname ?? null,
        test.file ?? null,
        test.line ?? null,
        test.status,
        Math.round(test.durationMs),
        test.message ?? null,
      );
    });
  })();
}

/** A recorded test result, as `readTestResults` returns it. */
export interface StoredTestResult {
  name: string;
  file: string | null;
  line: number | null;
  status: "passed" | "failed" | "skipped";
  durationMs: number;
}

/** The results recorded for one check run, in report order. */
export function readTestResults(db: JigDatabase, runId: string): StoredTestResult[] {
  return db
    .prepare(
      `SELECT name, file, line, status, duration_ms AS durationMs FROM test_results
       WHERE run_id = ? ORDER BY position`,
    )
    .all(runId) as StoredTestResult[];
}
