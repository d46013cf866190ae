import type { Report } from "../../contract/index.js";
import type { Finding } from "../../core/finding.js";

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

const REASON_TEXT: Record<EscalationReason, string> = {
  "max-iterations": "the gate still fails after the maximum number of rounds",
  "unchanged-findings": "the same findings came back unchanged three rounds in a row",
  "coder-failed": "the coder command failed twice",
  "needs-human": "the gate asked for a human decision",
  budget: "the loop reached its --max-cost budget",
};

/** The one-line summary of an escalation. */
export function describeEscalation(reason: EscalationReason, rounds: number): string {
  return `escalated after ${rounds} round${rounds === 1 ? "" : "s"}: ${REASON_TEXT[reason]}`;
}

/** The Markdown a human reads first. */
export function renderEscalationMarkdown(escalation: Escalation): string {
  const lines = [
    `# jig loop escalation ${escalation.id}`,
    "",
    `**${escalation.summary}.** Coder: \`${escalation.coder}\`. Total model cost: $${escalation.totalCostUsd.toFixed(4)}.`,
    "",
  ];
  if (escalation.spec) {
    lines.push(
      `## Spec ${escalation.spec.id}: ${escalation.spec.title}`,
      "",
      `File: ${escalation.spec.path}`,
      "",
    );
    for (const criterion of escalation.spec.criteria)
      lines.push(`- ${criterion.id}: ${criterion.text}`);
    lines.push("");
  } else {
    lines.push("## Spec", "", "The change cites no spec.", "");
  }
  lines.push("## Remaining findings", "");
  if (escalation.remainingFindings.length === 0)
    lines.push("None (see the verdict reasons of the last round).");
  for (const finding of escalation.remainingFindings) {
    const where = finding.file ? ` ${finding.file}${finding.line ? `:${finding.line}` : ""}` : "";
    lines.push(`- **${finding.severity}** ${finding.ruleId}${where}: ${finding.title}`);
    lines.push(`  ${finding.message.replace(/\n/g, " ")}`);
  }
  lines.push(
    "",
    "## Rounds",
    "",
    "| round | run | outcome | findings | coder exit | cost |",
    "|---|---|---|---|---|---|",
  );
  for (const round of escalation.rounds) {
    lines.push(
      `| ${round.round} | ${round.runId} | ${round.outcome} | ${round.findings.length} | ${round.coderExitCode ?? "-"} | $${round.costUsd.toFixed(4)} |`,
    );
  }
  for (const round of escalation.rounds) {
    lines.push("", `### Round ${round.round}`, "");
    for (const reason of round.reasons) lines.push(`- ${reason}`);
    for (const finding of round.findings) {
      lines.push(
        `- ${finding.severity} ${finding.ruleId} ${finding.file ?? ""}${finding.line ? `:${finding.line}` : ""} ${finding.title}`,
      );
    }
    if (round.diffstat.trim()) lines.push("", "```", round.diffstat.trimEnd(), "```");
  }
  return `${lines.join("\n")}\n`;
}
