import type { Severity } from "./severity.js";

/**
 * One problem found by one layer. Every layer speaks this shape so reporters,
 * the store and the verdict never need to know which layer produced it.
 *
 * `ruleId` is stable across runs (`JIG-G001`, `FM-SQL-001`, `SPEC-0007/AC-2`):
 * SARIF fingerprints and statistics key on it.
 */
export interface Finding {
  /** Unique within one report, e.g. `spec-1`. */
  id: string;
  layer: string;
  ruleId: string;
  severity: Severity;
  /** Repo-relative POSIX path. Absent for findings about the change as a whole. */
  file?: string;
  line?: number;
  endLine?: number;
  title: string;
  message: string;
  suggestion?: string;
  /** 0..1, set by model-backed layers. */
  confidence?: number;
  /**
   * The finding asks a person to decide rather than failing by its
   * severity: it makes the verdict needs-human at worst, whatever `failOn`
   * says (a person's change to the rules, JIG-T001).
   */
  needsHuman?: boolean;
  /**
   * Stable id of the finding across runs and unrelated edits: a hash of the
   * rule, the path and the text the finding points at, never its line
   * number. `jig waive` takes it. Set by the gate once the layers ran.
   */
  fingerprint?: string;
  /** The person's waiver that matched this finding (from `jig.waivers.yaml` at the trusted base). */
  waiver?: FindingWaiver;
}

/** A waiver as a report shows it beside the finding it matched. */
export interface FindingWaiver {
  reason: string;
  owner?: string;
  /** `YYYY-MM-DD`, the last day the waiver applies. */
  expires: string;
  /** Where the waiver was read: `jig.waivers.yaml@1a2b3c4`. */
  by?: string;
  /** Past its date: the finding counts again, and the report says why. */
  expired?: boolean;
}

/** Whether a person's waiver, still in date, takes the finding out of the verdict. */
export function isWaived(finding: Pick<Finding, "waiver">): boolean {
  return finding.waiver !== undefined && finding.waiver.expired !== true;
}

/** A finding before the gate has assigned its report-wide `id` and `layer`. */
export type FindingDraft = Omit<Finding, "id" | "layer">;
