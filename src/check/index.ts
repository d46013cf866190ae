/**
 * The `jig check` pipeline, shared by `jig check`, `jig review`,
 * `jig failures check`, `jig loop`, the pre-push hook and the library:
 * resolve the range → load the governance → stream the change to the
 * layers → run them → decide → record. Pure steps (`planCheck`,
 * `decideVerdict`, `createReport`) inside a thin shell (`runCheck`).
 */
export { exitCodeForOutcome } from "./exit-code-for-outcome.js";
export { type Governance, loadGovernance } from "./load-governance.js";
export {
  type ChangeSource,
  type CheckPlan,
  type CheckRequest,
  gateConfigFor,
  layersToPrepare,
  planCheck,
} from "./plan-check.js";
export { changeFromDiff, findCheckRoot, streamChange } from "./read-check-change.js";
export { type RunRecord, startRunRecord } from "./record-run.js";
export { type RunCheckOptions, runCheck } from "./run-check.js";
export {
  type FailuresCheckOptions,
  failuresExitCode,
  runFailuresCheck,
} from "./run-failures-check.js";
