import type { FindingDraft } from "../core/finding.js";

export type LayerStatus = "passed" | "failed" | "skipped" | "error";

/** Status of one acceptance criterion. `unchecked`: no layer judged it. */
export type CriterionStatus = "met" | "not_met" | "unclear" | "unchecked";

/** The kinds of evidence that can back a criterion (config `gate.evidence`). */
export const EVIDENCE_KINDS = ["evals", "tests", "review"] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/**
 * One source's judgement of a criterion: an eval run, a traced test, the
 * reviewer. A plug-in layer's judgements carry its own name as the kind, and
 * meet a criterion only if `gate.evidence` lists that name.
 */
export interface CriterionEvidence {
  kind: string;
  status: Exclude<CriterionStatus, "unchecked">;
  /** What backs it, e.g. `3/3 eval runs passed (refunds/partial)`, or the reviewer's quote. */
  detail: string;
  /** The layer that reported it. */
  layer?: string;
}

export interface CriterionResult {
  /** `SPEC-0007/AC-2`. */
  id: string;
  specId: string;
  criterion: string;
  text: string;
  status: CriterionStatus;
  /** The deciding source's evidence, in one line. */
  evidence?: string;
  /** Which layer's judgement decided the status. */
  layer?: string;
  /** Every source that judged it, including those that disagree with the status. */
  sources?: CriterionEvidence[];
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
