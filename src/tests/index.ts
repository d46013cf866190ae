/**
 * The project's own tests: run the configured command, read the JUnit
 * reports it wrote, place each test in the repository and trace it to the
 * acceptance criteria it names. The gate's tests layer and `jig check`'s
 * run record build on it.
 */
export {
  freshReports,
  type JunitReading,
  listReportFiles,
  readJunitReports,
  repoPath,
  type TestCaseResult,
} from "./read-junit-reports.js";
export {
  type ProjectTestsInput,
  type ProjectTestsResult,
  runProjectTests,
  scanTestMarks,
} from "./run-project-tests.js";
export { runTestCommand, type TestCommandOutcome } from "./run-test-command.js";
export type { TestRun } from "./test-run.js";
export { readTestResults, recordTestRun, type StoredTestResult } from "./test-run-store.js";
export { criteriaFromTests, type LocatedTestCase, locateTestCases } from "./trace-test-cases.js";
