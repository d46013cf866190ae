import type { Escalation, EscalationReason } from "./escalation-reason.js";

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
