import type { Report } from "../contract/index.js";
import type { Spec } from "../spec/index.js";

export interface CitedFailureModel {
  id: string;
  title: string;
  trigger: string;
  symptoms: string[];
  fix: string;
}

export interface LoopPromptInput {
  round: number;
  maxIterations: number;
  report: Report;
  spec?: Spec | undefined;
  failureModels: CitedFailureModel[];
  /** The agent's boundaries: project instructions and anything else it must respect. */
  boundaries: Array<{ path: string; text: string }>;
}

/**
 * The prompt a coding agent gets between two gate runs: what to build (the
 * spec), what is wrong (findings and unmet criteria), how such code goes
 * wrong (the failure models the findings cite) and what it must not do.
 * Pure; the loop writes it to a file and pipes it to the coder.
 */
export function renderLoopPrompt(input: LoopPromptInput): string {
  const { report, spec } = input;
  const lines = [
    `# jig loop: round ${input.round} of ${input.maxIterations}`,
    "",
    `The verification gate (jig) failed on the change ${report.range.description}. Fix the problems below in the working tree. Do not weaken tests, skip checks, or edit the gate's configuration to make it pass: jig detects that, and a human reviews every escalation.`,
    "",
    "## Why the gate failed",
    "",
    ...report.verdict.reasons.map((reason) => `- ${reason}`),
    "",
  ];
  if (spec) {
    lines.push(
      `## The spec: ${spec.id} ${spec.title}`,
      "",
      spec.problem.trim(),
      "",
      "Acceptance criteria:",
    );
    for (const criterion of spec.criteria) {
      const judged = report.criteria.find((item) => item.id === `${spec.id}/${criterion.id}`);
      lines.push(
        `- ${criterion.id}: ${criterion.text}${judged && judged.status !== "unchecked" ? ` [${judged.status}${judged.evidence ? `: ${judged.evidence}` : ""}]` : ""}`,
      );
    }
    if (spec.constraints.length > 0) {
      lines.push(
        "",
        "Constraints:",
        ...spec.constraints.map((item) => `- ${item.id}: ${item.text}`),
      );
    }
    lines.push("");
  }
  lines.push("## Findings to fix", "");
  if (report.findings.length === 0) lines.push("No individual findings; see the reasons above.");
  for (const finding of report.findings) {
    const where = finding.file
      ? `${finding.file}${finding.line ? `:${finding.line}` : ""}`
      : "the change as a whole";
    lines.push(
      `- [${finding.severity}] ${finding.ruleId} at ${where}: ${finding.title}`,
      `  ${finding.message.replace(/\n/g, " ")}`,
    );
    if (finding.suggestion)
      lines.push(`  Suggested fix: ${finding.suggestion.replace(/\n/g, " ")}`);
  }
  if (input.failureModels.length > 0) {
    lines.push("", "## Failure models cited by the findings", "");
    for (const model of input.failureModels) {
      lines.push(
        `### ${model.id}: ${model.title}`,
        `Trigger: ${model.trigger.trim()}`,
        `Symptoms: ${model.symptoms.join("; ")}`,
        `Fix: ${model.fix.trim()}`,
        "",
      );
    }
  }
  if (input.boundaries.length > 0) {
    lines.push("", "## Your boundaries", "");
    for (const boundary of input.boundaries)
      lines.push(`From ${boundary.path}:`, "", boundary.text.trim(), "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
