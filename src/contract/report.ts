import type { Finding } from "../core/finding.js";
import type { Severity } from "../core/severity.js";
import type { CriterionResult, EvidenceKind, LayerStatus, Usage } from "./layer-result.js";

export const REPORT_SCHEMA = "jig.report/v1";

export type Outcome = "pass" | "fail" | "needs-human";

export interface Verdict {
  outcome: Outcome;
  /** Human-readable reasons, most important first. Empty only on a clean pass. */
  reasons: string[];
}

/** How acceptance criteria weigh on the verdict (config `gate.criteria`). */
export type CriteriaMode = "evidence" | "any";

export const DECISION_KINDS = [
  "governance",
  "criterion",
  "escalation",
  "finding",
  "waiver",
] as const;

/** One thing a person must decide before a needs-human change can go in. */
export interface Decision {
  kind: (typeof DECISION_KINDS)[number];
  /** One line: what to decide. */
  summary: string;
  /** Where to look: `src/x.ts:12`, `SPEC-0001/AC-2`, an approval id. */
  location?: string;
}

/** One decision class a change touched, and the mode it runs at. */
export interface MergeClass {
  agent: string;
  domain: string;
  /** The class's mode after the demotions in force (autonomy/'s AutonomyMode, spelled out: contract/ sits below it). */
  mode: "blocked" | "shadow" | "supervised" | "auto-logged" | "full-auto";
  /** `autonomy.yaml classes[2]`, `default (not listed in autonomy.yaml)`, or the demotion. */
  source: string;
}

/**
 * Whether the change may be merged without a person: `auto` only when the
 * verdict is pass and every touched domain is full-auto for every agent
 * whose commits are in it. A CI job turns on auto-merge from `decision`.
 */
export interface Merge {
  decision: "auto" | "human";
  /** Why, in one line: `verdict needs-human; billing is supervised for coder`. */
  reason: string;
  /** The agents the commits are attributed to. */
  agents: string[];
  /** Every agent × touched domain, with its mode. */
  domains: MergeClass[];
}

export interface LayerReport {
  name: string;
  status: LayerStatus;
  skipReason?: string;
  error?: string;
  /** Stable code of `error`, e.g. `models/budget` when `--max-cost` stopped the layer. */
  errorCode?: string;
  durationMs: number;
  findings: number;
  notes: string[];
  usage?: Usage;
  needsHuman?: string[];
}

/**
 * The versioned result of one `jig check`. Reporters are pure functions of
 * this document; the store saves it whole.
 */
export interface Report {
  schema: typeof REPORT_SCHEMA;
  run: {
    id: string;
    startedAt: string;
    finishedAt: string;
    durationMs: number;
    jigVersion: string;
  };
  range: {
    base: string;
    head: string;
    baseRef: string;
    headRef: string;
    workingTree: boolean;
    /** e.g. `main...HEAD (merge-base 1a2b3c4) + uncommitted changes`. */
    description: string;
  };
  change: {
    files: number;
    additions: number;
    deletions: number;
    commits: number;
    /** Changed paths, for anchoring findings without a file. */
    paths: string[];
  };
  spec?: { id: string; title: string; status: string; path: string };
  /**
   * Where the rules this change was judged by came from: the trusted base
   * revision's git objects, or (for a unified diff) the working tree.
   */
  governance?: {
    source: "base" | "working-tree";
    /** Full sha of the trusted revision, with `source: base`. */
    revision?: string;
    /** The config read, e.g. `jig.config.yaml@1a2b3c4`; absent when defaults applied. */
    config?: string;
    /** True when the base has no `jig.config.yaml` (the change that adopts jig). */
    bootstrap: boolean;
    /** Each governance file read from the base, with what it governs. */
    files: Array<{ path: string; kind: string }>;
  };
  policy: {
    failOn: Severity;
    require: string[];
    /** `evidence`: a pass needs every criterion met. Absent in reports from before it existed. */
    criteria?: CriteriaMode;
    /** The kinds of evidence that can meet a criterion. */
    evidence?: EvidenceKind[];
  };
  /** What a person must decide; present when the verdict is needs-human. */
  decisions?: Decision[];
  layers: LayerReport[];
  findings: Finding[];
  criteria: CriterionResult[];
  verdict: Verdict;
  /** Who may merge: set by `jig check` (absent from `jig review` and older reports). */
  merge?: Merge;
}
