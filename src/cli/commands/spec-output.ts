import { formatProblem, type Problem } from "../../core/problem.js";
import type { Spec, TraceMatrix } from "../../spec/index.js";

/** `file:line[:col]: [warning: ]message [CODE]`; warnings are labelled so they read as non-fatal. */
export function formatSpecProblem(problem: Problem): string {
  return formatProblem(
    problem.severity === "warning"
      ? { ...problem, message: `warning: ${problem.message}` }
      : problem,
  );
}

/** Aligned `id  status  title  path` rows for `jig spec list`. */
export function formatSpecList(specs: readonly Spec[]): string {
  if (specs.length === 0) return "No specs yet. Write one with: jig spec new\n";
  const statusWidth = Math.max(...specs.map((spec) => spec.status.length));
  const titleWidth = Math.min(60, Math.max(...specs.map((spec) => spec.title.length)));
  return specs
    .map(
      (spec) =>
        `${spec.id}  ${spec.status.padEnd(statusWidth)}  ${truncate(spec.title, 60).padEnd(titleWidth)}  ${spec.path}\n`,
    )
    .join("");
}

/** The parsed structure of one spec, with file line numbers, for `jig spec show`. */
export function formatSpecShow(spec: Spec): string {
  const lines = [
    `${spec.id}: ${spec.title}`,
    `  path:           ${spec.path}`,
    `  status:         ${spec.status}`,
    `  owner:          ${spec.owner}`,
    `  domains:        ${spec.domains.join(", ") || "(none)"}`,
    `  failure models: ${spec.failureModels.join(", ") || "(none)"}`,
    "",
    "Sections:",
    ...spec.sections.map((section) => `  ${pad(section.line)}  ## ${section.name}`),
  ];
  const items = (name: string, list: Spec["criteria"]): void => {
    lines.push("", `${name}:`);
    if (list.length === 0) lines.push("  (none)");
    for (const item of list)
      lines.push(`  ${pad(item.line)}  ${item.id || "(no id)"}: ${item.text}`);
  };
  items("Acceptance criteria", spec.criteria);
  items("Constraints", spec.constraints);
  items("Risks", spec.risks);
  if (spec.clarificationMarkers.length > 0) {
    lines.push("", "Needs clarification:");
    for (const marker of spec.clarificationMarkers) {
      lines.push(`  ${pad(marker.line)}  ${marker.question}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** The traceability matrix as text: each criterion, what covers it, then the gaps. */
export function formatTrace(matrix: TraceMatrix): string {
  const lines: string[] = [];
  for (const spec of matrix.specs) {
    lines.push(`${spec.id}: ${spec.title} [${spec.status}]  (${spec.path})`);
    if (spec.criteria.length === 0) lines.push("  (no acceptance criteria)");
    for (const criterion of spec.criteria) {
      if (criterion.coveredBy.length === 0) {
        lines.push(`  ${criterion.id.padEnd(5)} UNCOVERED  ${truncate(criterion.text, 70)}`);
        continue;
      }
      lines.push(`  ${criterion.id.padEnd(5)} covered    ${truncate(criterion.text, 70)}`);
      for (const reference of criterion.coveredBy) {
        lines.push(
          `          ${reference.kind.padEnd(4)}  ${reference.file}:${reference.line}  ${reference.title}`,
        );
      }
    }
    lines.push("");
  }
  const total = matrix.specs.reduce((sum, spec) => sum + spec.criteria.length, 0);
  if (matrix.specs.length === 0) lines.push("No specs to trace.");
  else if (matrix.uncovered.length === 0) lines.push(`All ${total} criteria are covered.`);
  else {
    lines.push(`Uncovered (${matrix.uncovered.length} of ${total}):`);
    for (const ref of matrix.uncovered) lines.push(`  ${ref}`);
  }
  if (matrix.unknownReferences.length > 0) {
    lines.push("", "References to criteria no spec defines:");
    for (const reference of matrix.unknownReferences) {
      lines.push(`  ${reference.file}:${reference.line}  ${reference.criterion}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

function pad(line: number): string {
  return `line ${String(line).padStart(3)}`;
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
