/**
 * Holdout behavioral evals: the suite format, targets (command, http, model,
 * module), assertions, the runner, satisfaction scoring with Wilson
 * intervals, the seal, and eval runs in the SQLite store.
 */

export { type Interval, wilsonInterval } from "../core/wilson-interval.js";
export { compareRuns, type RunComparison, type ScenarioChange } from "./compare-runs.js";
export {
  type AssertionInput,
  type AssertionResult,
  type CompiledAssertion,
  compileAssertion,
  type Judge,
  jsonOf,
  type SchemaCompiler,
} from "./compile-assertions.js";
export { createEvalProgress, type ProgressOptions } from "./create-eval-progress.js";
export {
  EVAL_FORMATS,
  type EvalFormat,
  type EvalRunReport,
  passK,
  renderComparisonLines,
  renderEvalReport,
} from "./eval-report.js";
export { type EvalResult, type RunStatus, resultKey, type SuiteMeta } from "./eval-result.js";
export {
  createEvalStore,
  type EvalRunOptions,
  type EvalRunRecord,
  type EvalStore,
} from "./eval-store.js";
export {
  type ExecuteEvalRunOptions,
  executeEvalRun,
  sortResults,
  withBaseline,
} from "./execute-eval-run.js";
export { findEvalRun } from "./find-eval-run.js";
export { type JsonPathSegment, parseJsonPath, selectJsonPath } from "./json-path.js";
export { type LoadedRun, loadEvalRun } from "./load-eval-run.js";
export {
  isSuiteFile,
  listEvalFiles,
  loadSuites,
  SEAL_FILE,
  type TextCache,
} from "./load-suites.js";
export { buildMergedReport, mergeRuns, shardSetProblem } from "./merge-eval-runs.js";
export { createModelJudge, parseJudgeAnswer } from "./model-judge.js";
export {
  type EvalWorkspace,
  newEvalRunId,
  openEvalStore,
  openEvalWorkspace,
} from "./open-eval-workspace.js";
export {
  type EvalSuite,
  parseSuite,
  TARGET_KINDS,
  type TargetKind,
  targetKind,
} from "./parse-suite.js";
export {
  type EvalCase,
  type PlanOptions,
  parseShard,
  planCases,
  type Shard,
  suiteMetas,
} from "./plan-cases.js";
export { renderTemplate, stringifyValue, templateNames } from "./render-template.js";
export {
  type EvalSuitesOutcome,
  type RunEvalSuitesOptions,
  runEvalSuites,
} from "./run-eval-suites.js";
export {
  type EvalEvent,
  type PreparedSuite,
  prepareSuite,
  type RunEvalsOptions,
  runEvals,
} from "./run-evals.js";
export {
  type EvalSummary,
  type ScenarioScore,
  type SuiteScore,
  scoreResults,
} from "./score-results.js";
export {
  compareSeal,
  createSeal,
  describeSealDrift,
  hashEvalFiles,
  parseSeal,
  readSeal,
  type Seal,
  type SealDiff,
  type SealState,
  sha256,
  writeSeal,
} from "./seal.js";
export { selectSuitesByName, selectSuitesForChange } from "./select-suites.js";
export {
  detectLanguage,
  isEmptySuiteProblem,
  renderStarterSuite,
  type StarterLanguage,
  SUITE_FORMAT_REFERENCE,
  writeStarterSuite,
} from "./starter-suite.js";
export {
  ASSERTION_TYPES,
  type AssertionData,
  type AssertionType,
  type EvalSuiteData,
  type EvalSuiteInput,
  evalSuiteSchema,
  type ScenarioData,
  type TargetData,
} from "./suite-schema.js";
export {
  type ChatClient,
  type ChatRequest,
  type CompletionCache,
  createChatClient,
  type ProviderSettings,
} from "./targets/chat-client.js";
export { createCommandTarget, killRunningCommands } from "./targets/command-target.js";
export { createTarget, type TargetEnvironment } from "./targets/create-target.js";
export { createHttpAgents, type HttpAgents } from "./targets/http-request.js";
export { createHttpTarget } from "./targets/http-target.js";
export { createModelTarget } from "./targets/model-target.js";
export { createModuleTarget } from "./targets/module-target.js";
export {
  type Target,
  type TargetCall,
  TargetError,
  type TargetOutput,
  varEnvName,
} from "./targets/target.js";
