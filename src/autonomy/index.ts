/**
 * Boundary sensing: autonomy per agent and domain, earned from recorded
 * evidence, enforced by the guard and the gate, and lost automatically.
 * The I/O edges (open-autonomy, read-history, sync-autonomy) are imported
 * by path from the commands, so the guard's import of this file never loads
 * the config loader or git's process helpers.
 */

export { type AgreementInterval, agreementInterval, formatInterval } from "./agreement-interval.js";
export {
  agreementsToReach,
  assessNextStep,
  type ClassEvidence,
  describeRule,
  type NextStep,
  promotionRule,
  summarizeEvidence,
} from "./assess-class.js";
export {
  type ActionKind,
  AUTONOMY_MODES,
  type AutonomyMode,
  DEFAULT_MODE,
  isAutonomyMode,
  modeRank,
  stepDown,
  stepUp,
  strictestMode,
} from "./autonomy-mode.js";
export {
  AUTONOMY_FILE,
  type AutonomyClass,
  type AutonomyFile,
  autonomySchema,
  type PromoteRule,
} from "./autonomy-schema.js";
export {
  type AutonomyStatus,
  buildAutonomyStatus,
  type ClassStatus,
  nextText,
  renderExplainText,
  renderStatusMarkdown,
  renderStatusText,
  type StatusInput,
} from "./autonomy-status.js";
export {
  type AutonomyStore,
  activeDemotions,
  classBasis,
  createAutonomyStore,
  DEMOTION_TRIGGERS,
  type Demotion,
  type DemotionTrigger,
  EVIDENCE_EVENT_KINDS,
  type EvidenceEvent,
  type EvidenceEventKind,
} from "./autonomy-store.js";
export {
  type HistoryCommit,
  type JudgedRun,
  judgeOutcomes,
  type LineRange,
} from "./judge-outcomes.js";
export {
  ANY_DOMAIN,
  createDomainMatcher,
  type DomainMatcher,
  touchedDomains,
} from "./match-domains.js";
export {
  type ActiveDemotion,
  createModeTable,
  type ModeTable,
  type ResolvedMode,
} from "./mode-table.js";
export { type CheckModels, modelChangeDemotions } from "./model-change-demotions.js";
export { emptyAutonomy, parseAutonomy } from "./parse-autonomy.js";
export {
  agreementDrop,
  type ClassState,
  findClassEntry,
  MIN_WINDOW_DECISIONS,
  planDemotions,
} from "./plan-demotions.js";
export {
  type EarnedWith,
  findProposals,
  type Proposal,
  type ProposedChange,
  proposeChanges,
} from "./propose-changes.js";
export {
  type CheckEvidenceInput,
  checkEvidence,
  recordCheckEvidence,
} from "./record-check-evidence.js";
export { unifiedDiff } from "./unified-diff.js";
