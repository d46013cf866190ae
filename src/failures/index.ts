/**
 * Failure models: a catalog of specific ways code and coding agents go
 * wrong, with deterministic detectors matched against every change. Pure
 * parsing, compiling, matching and selection; loading and git reads live in
 * `load-catalog.ts`, `post-change-reader.ts` and `prepare-catalog.ts`.
 */

export { appendEntries } from "./append-entries.js";
export {
  AST_LANGUAGE_NAMES,
  type AstEngine,
  type AstRuleConfig,
  astLanguageForPath,
  loadAstEngine,
  normalizeAstLanguage,
} from "./ast-engine.js";
export {
  buildCandidate,
  type CandidateFields,
  REQUIRED_CANDIDATE_FIELDS,
} from "./build-candidate.js";
export {
  FAILURE_MODEL_ID_PATTERN,
  type FailureCatalogFile,
  failureCatalogFileSchema,
  failureModelSchema,
} from "./catalog-schema.js";
export { type CompiledDetector, compileCatalog } from "./compile-catalog.js";
export {
  type CompiledPattern,
  compilePattern,
  requiredLiteral,
  splitInlineFlags,
} from "./compile-pattern.js";
export {
  computeFailureStats,
  type FailureStats,
  formatFailureStats,
} from "./compute-failure-stats.js";
export {
  createModelIncidentMiner,
  IncidentMiningError,
  resolveMinerModel,
} from "./create-model-incident-miner.js";
export { type BatchDetection, detectInBatches } from "./detect-in-batches.js";
export { type DetectorPlan, planDetectors } from "./detector-plan.js";
export { defaultExamplePath, exampleToChange } from "./example-change.js";
export {
  type CatalogEntry,
  type CatalogOrigin,
  type Detect,
  FAILURE_SEVERITIES,
  type FailureExample,
  type FailureModel,
  type FailureSeverity,
  toFailureModel,
} from "./failure-model.js";
export { formatCatalogEntry } from "./format-catalog-entry.js";
export { type CatalogLint, hasErrors, lintCatalog } from "./lint-catalog.js";
export { loadActiveEntries } from "./load-active-entries.js";
export {
  type LoadedCatalog,
  loadCatalog,
  openVerdictFile,
  SHIPPED_CATALOG_DIR,
  SHIPPED_VERDICTS_FILE,
} from "./load-catalog.js";
export { mergeDetectorRuns } from "./merge-detector-runs.js";
export { type MiningResult, mineFailureModels } from "./mine-failure-models.js";
export { mineIncident } from "./mine-incident.js";
export { type FailuresWorkspace, openFailuresWorkspace } from "./open-failures-workspace.js";
export { parseCatalogFile } from "./parse-catalog-file.js";
export {
  createGitShowReader,
  createHunkReader,
  createRepoReader,
  createWorkingTreeReader,
} from "./post-change-reader.js";
export {
  type PreparedCatalog,
  prepareCatalog,
  runPreparedDetectors,
  VERDICT_CACHE_PATH,
} from "./prepare-catalog.js";
export { readFailureStats } from "./read-failure-stats.js";
export {
  createRecheckChecker,
  type RegexSafetyChecker,
  type RegexVerdict,
  regexVerdictKey,
  withVerdictCache,
} from "./regex-safety.js";
export { renderSafeVerdicts } from "./render-safe-verdicts.js";
export {
  type DetectorRun,
  MAX_FILE_BYTES,
  type PostChangeReader,
  runDetectors,
  type SkippedFile,
} from "./run-detectors.js";
export {
  type SelectedFailureModel,
  type SelectionReason,
  selectFailureModels,
} from "./select-failure-models.js";
export { type CatalogExampleRun, testCatalogExamples } from "./test-catalog-examples.js";
export { type ExampleMismatch, testExamples } from "./test-examples.js";
export { unknownDisabledProblems } from "./unknown-disabled-problems.js";
export { vetAndWrite } from "./vet-and-write.js";
export {
  type CandidateEntry,
  type CandidateVerdict,
  type IncidentMiner,
  vetCandidate,
} from "./vet-candidate.js";
