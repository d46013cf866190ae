/**
 * Specs before code: the spec file format, its parser and lint rules, the
 * interview that writes new specs, the active spec of a branch, and the
 * traceability matrix from criteria to tests and evals.
 */
export {
  ACTIVE_SPEC_FILE,
  type ActiveSpecSource,
  readActiveSpec,
  resolveActiveSpec,
  specIdFromBranch,
  writeActiveSpec,
} from "./active-spec.js";
export {
  type AnswersFile,
  answersFileSchema,
  parseAnswersFile,
  readAnswersFile,
} from "./answers-file.js";
export { ANSWERS_TEMPLATE } from "./answers-template.js";
export { type ApproveSpecOptions, approveSpec, type SpecApproval } from "./approve-spec.js";
export type { OutcomeVerdict } from "./assess-outcome.js";
export {
  type CriterionIssues,
  checkCriterion,
  findVagueWords,
  hasObservableOutcome,
  outcomeVerdict,
  VAGUE_WORDS,
  type VagueWord,
} from "./criterion-checks.js";
export { findSpecById, requireSpecId } from "./find-spec-by-id.js";
export {
  type Answer,
  type Choice,
  createAnswersInterviewer,
  type Interviewer,
  lookupAnswer,
  type Question,
  type QuestionKind,
} from "./interviewer.js";
export {
  citedFailureModels,
  hasErrors,
  type LintSpecOptions,
  lintSpec,
  lintSpecCollection,
  SPEC_RULE_DESCRIPTIONS,
  SPEC_RULES,
} from "./lint-spec.js";
export {
  type KnownFailureModels,
  knownFailureModelsFor,
  lintSpecFiles,
  readLintTargets,
  sortProblems,
} from "./lint-spec-files.js";
export {
  PARSE_CODES,
  parseSpec,
  SPEC_ID_PATTERN,
  type SpecFrontmatter,
  specFrontmatterSchema,
} from "./parse-spec.js";
export {
  nextSpecId,
  normalizeSpecId,
  renderSpec,
  type SpecDraft,
  setSpecStatus,
  slugify,
} from "./render-spec.js";
export { type InterviewOptions, pushback, runInterview } from "./run-interview.js";
export { isEvalFile, isTestFile, scanCoverage } from "./scan-coverage.js";
export { setSpecApproval } from "./set-spec-approval.js";
export * from "./spec.js";
export { specContentHash, specHashedText } from "./spec-content-hash.js";
export {
  findSpecPath,
  listSpecFiles,
  loadSpecs,
  readSpecFile,
  type SpecFile,
  toRepoPath,
} from "./spec-files.js";
export {
  type CoverageReference,
  criterionIdsIn,
  findEvalReferences,
  findTestMarks,
  findTestReferences,
  type TestMark,
  type TraceCriterion,
  type TraceMatrix,
  traceSpecs,
} from "./trace-spec.js";
export { createTtyInterviewer } from "./tty-interviewer.js";
export { type SpecApprovalState, verifySpecApproval } from "./verify-spec-approval.js";
export { writeNewSpec } from "./write-new-spec.js";
