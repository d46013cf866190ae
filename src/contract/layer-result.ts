import type { FindingDraft } from "../core/finding.js";

export type LayerStatus = "passed" | "failed" | "skipped" | "error";

/** Status of one acceptance criterion. `unchecked`: no layer judged it. */
export type CriterionStatus = "met" | "not_met" | "unclear" | "unchecked";

export interface CriterionResult {
  /** `SPEC-0007/AC-2`. */
  id: string;
  specId: string;
  criterion: string;
  text: string;
  status: CriterionStatus;
  evidence?: string;
  /** Which layer judged it. */
  layer?: string;
}

/** Tokens and money spent by a model-backed layer. */
export interface Usage {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** What a layer hands back to the gate. */
export interface LayerResult {
  status: LayerStatus;
  findings: FindingDraft[];
  notes: string[];
  /** Required when `status` is `skipped`: why, and how to make it run. */
  skipReason?: string;
  /** Required when `status` is `error`: what went wrong. */
  error?: string;
  /**
   * The stable code of that error (a `JigError` code such as `models/budget`),
   * so a caller can act on the kind of error without reading its text.
   */
  errorCode?: string;
  criteria?: CriterionResult[];
  usage?: Usage;
  /** Reasons a human must decide, e.g. an escalation trigger fired. */
  needsHuman?: string[];
}
