import type { LayerReport, Report } from "../contract/index.js";
import type { Finding } from "../core/finding.js";
import { BUDGET_EXCEEDED_CODE } from "../models/model-errors.js";

/** One round of `jig loop`: the gate's answer and what the coder did about it. */
export interface LoopRound {
  /** 0 is the check before the coder first runs. */
  round: number;
  runId: string;
  outcome: Report["verdict"]["outcome"];
  reasons: string[];
  findings: Array<Pick<Finding, "ruleId" | "severity" | "file" | "line" | "title" | "layer">>;
  /** `git diff --stat` of the change as the gate saw it. */
  diffstat: string;
  /** Exit code of the coder run that followed this check, if one ran. */
  coderExitCode?: number;
  costUsd: number;
}

export type EscalationReason =
  | "max-iterations"
  | "unchanged-findings"
  | "coder-failed"
  | "needs-human"
  | "budget";

/** What `.jig/escalations/<id>.json` holds: everything a human needs to take over. */
export interface Escalation {
  schema: "jig.escalation/v1";
  id: string;
  createdAt: string;
  reason: EscalationReason;
  summary: string;
  coder: string;
  spec?: { id: string; title: string; path: string; criteria: Array<{ id: string; text: string }> };
  remainingFindings: Finding[];
  rounds: LoopRound[];
  totalCostUsd: number;
}

/** A stable fingerprint of a round's findings: same set, same fingerprint. */
export function findingsFingerprint(
  findings: LoopRound["findings"],
  reasons: readonly string[],
): string {
  const items = findings.map(
    (finding) =>
      `${finding.ruleId}|${finding.severity}|${finding.file ?? ""}|${finding.line ?? ""}|${finding.title}`,
  );
  return JSON.stringify([[...items].sort(), [...reasons].sort()]);
}

/**
 * Why the loop must stop and hand over to a human, or undefined to go on.
 * Pure: the policy the issue sets out, in one place.
 *
 * - the gate said `needs-human`;
 * - the coder ran three rounds in a row and the same findings came back
 *   each time (the check before the coder's first round is not a round);
 * - the coder command failed twice;
 * - `maxIterations` coder rounds ran and the gate still fails.
 */
export function escalationReason(
  rounds: readonly LoopRound[],
  maxIterations: number,
): EscalationReason | undefined {
  const last = rounds.at(-1);
  if (!last) return undefined;
  if (last.outcome === "needs-human") return "needs-human";
  if (
    rounds.filter((round) => round.coderExitCode !== undefined && round.coderExitCode !== 0)
      .length >= 2
  )
    return "coder-failed";
  const tail = rounds.filter((round) => round.round >= 1).slice(-3);
  if (
    tail.length === 3 &&
    tail.every(
      (round) =>
        findingsFingerprint(round.findings, round.reasons) ===
        findingsFingerprint(last.findings, last.reasons),
    )
  ) {
    return "unchanged-findings";
  }
  if (last.round >= maxIterations) return "max-iterations";
  return undefined;
}

/**
 * Why the loop stops after a check, or undefined to go on: a model-backed
 * layer stopped at the `--max-cost` budget (told by its typed error code,
 * never by its wording), else {@link escalationReason}. Pure.
 */
export function stopReason(
  layers: readonly Pick<LayerReport, "errorCode">[],
  rounds: readonly LoopRound[],
  maxIterations: number,
): EscalationReason | undefined {
  if (layers.some((layer) => layer.errorCode === BUDGET_EXCEEDED_CODE)) return "budget";
  return escalationReason(rounds, maxIterations);
}
