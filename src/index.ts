/**
 * jig as a library: the gate, its layers and reporters, for teams that embed
 * the checks in their own tooling. The CLI (`bin/jig.js`) is built on the same
 * exports.
 *
 * @example
 * import { runCheck, getReporter } from "jig";
 * const report = await runCheck({
 *   cwd: process.cwd(),
 *   env: process.env,
 *   version: "0.1.0",
 *   now: () => new Date(),
 * });
 * console.log(getReporter("markdown").render(report, { color: false }));
 */
export {
  exitCodeForOutcome,
  type FailuresCheckOptions,
  failuresExitCode,
  type Governance,
  loadGovernance,
  type RunCheckOptions,
  runCheck,
  runFailuresCheck,
} from "./check/index.js";
export * from "./config/index.js";
export * from "./contract/index.js";
export { reportSchema } from "./contract/report-schema.js";
export * from "./core/index.js";
// What a third-party eval target implements; its conformance suite is in jig/testing.
export { type Target, type TargetCall, TargetError, type TargetOutput } from "./evals/index.js";
export * from "./gate/index.js";
export {
  findRepoRoot,
  parseUnifiedDiff,
  type ResolvedRange,
  readChange,
  resolveRange,
} from "./git/index.js";
export * from "./report/index.js";
export * from "./spec/index.js";
export {
  generateRunId,
  openSqliteRunStore,
  type RunStore,
  type RunStoreOptions,
  type RunSummary,
  type StartRunInput,
} from "./store/index.js";
