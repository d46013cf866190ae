/**
 * The independent AI reviewer: context assembly (spec, relevant failure
 * models, instructions, widened diff), prompt-injection defences (sanitising,
 * per-run delimiters, a deterministic detector), file-group planning under a
 * token budget, and interpretation of the model's structured findings.
 */
export {
  assembleReviewContext,
  fileTokens,
  type ReviewContext,
  type ReviewContextInput,
  type ReviewFailureModel,
  type ReviewFileContext,
} from "./assemble-review-context.js";
export {
  buildReviewPrompt,
  REVIEW_PROMPT_VERSION,
  type ReviewPrompt,
} from "./build-review-prompt.js";
export { clarifySpecDraft, type SpecDraftClarification } from "./clarify-spec-draft.js";
export {
  detectInjection,
  INJECTION_RULES,
  type InjectionScanOptions,
  matchInjection,
  normalizeForDetection,
} from "./detect-injection.js";
export { gatherReviewInput, readPostChangeFiles } from "./gather-review-input.js";
export { BENIGN_SAMPLES, INJECTION_CORPUS, type InjectionAttempt } from "./injection-corpus.js";
export { type InterpretedReview, interpretReviewOutput } from "./interpret-review-output.js";
export {
  type Clarification,
  createModelInterviewer,
  MAX_CLARIFYING_QUESTIONS,
  type ModelInterviewer,
} from "./model-interviewer.js";
export { planReviewGroups, type ReviewPlan, type UnreviewedFile } from "./plan-review-groups.js";
export { type ExcerptSegment, renderFileExcerpt, widen } from "./render-file-excerpt.js";
export { type ReviewForGateOptions, reviewForGate } from "./review-for-gate.js";
export {
  type ReviewCriterion,
  type ReviewFinding,
  type ReviewOutput,
  reviewFindingSchema,
  reviewOutputSchema,
} from "./review-output.js";
export {
  describeCoverage,
  type ReviewCoverage,
  type ReviewResult,
  type RunReviewOptions,
  runReview,
} from "./run-review.js";
export {
  hasInvisibleCharacters,
  type SanitizedText,
  sanitizeUntrusted,
} from "./sanitize-untrusted.js";
