/**
 * Boundary sensing: autonomy per agent and domain, earned from recorded
 * evidence, enforced by the guard and the gate, and lost automatically.
 */
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
  type CheckEvidenceInput,
  checkEvidence,
  recordCheckEvidence,
} from "./record-check-evidence.js";
export { type AgreementInterval, formatInterval, wilsonInterval } from "./wilson-interval.js";
