import type { LocatedTestCase } from "./trace-test-cases.js";

/** One run of the project's tests by the tests layer, as the store keeps it. */
export interface TestRun {
  startedAt: string;
  command: readonly string[];
  /** `error`: the runner crashed, timed out or wrote no readable report. */
  status: "passed" | "failed" | "error";
  exitCode: number | null;
  /** The child's wall time. */
  durationMs: number;
  cases: LocatedTestCase[];
  error?: string;
}
