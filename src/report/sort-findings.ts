import type { Finding } from "../core/index.js";
import { severityRank } from "../core/index.js";

/**
 * Findings worst first, then by file and line, so every format lists them in
 * the same order and the markdown reporter can truncate from the end, dropping
 * the mildest first. Findings about the whole change sort before file ones.
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

function compareFindings(left: Finding, right: Finding): number {
  return (
    severityRank(right.severity) - severityRank(left.severity) ||
    compareText(left.file ?? "", right.file ?? "") ||
    (left.line ?? 0) - (right.line ?? 0) ||
    compareText(left.ruleId, right.ruleId) ||
    compareText(left.id, right.id)
  );
}

// Plain code-unit comparison: localeCompare depends on the machine's ICU data,
// and the order must be the same everywhere.
function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
