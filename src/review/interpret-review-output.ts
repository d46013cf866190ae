import type { CriterionResult } from "../contract/index.js";
import type { Change } from "../core/change.js";
import type { FindingDraft } from "../core/finding.js";
import { severityRank } from "../core/severity.js";
import type { Spec } from "../spec/spec.js";
import type { ReviewOutput } from "./review-output.js";

export interface InterpretedReview {
  /** Findings on lines of the change, deduplicated, above the confidence floor. */
  findings: FindingDraft[];
  /** Findings pointing outside the change: shown separately, never blocking. */
  outside: FindingDraft[];
  criteria: CriterionResult[];
  /** Findings dropped for low confidence. */
  lowConfidence: number;
}

/**
 * Turn the model's answers (one per file group) into jig's findings and
 * criteria. Pure. Findings below `minConfidence` are dropped; duplicates
 * (same file, line and rule, or same file, line and title) merge, keeping the
 * worst severity; a finding must point at a line inside a hunk of the change,
 * otherwise it goes to `outside`. Criteria across groups merge: any
 * `not_met` wins, then any `met`, else `unclear`.
 */
export function interpretReviewOutput(
  outputs: readonly ReviewOutput[],
  change: Change,
  spec: Spec | undefined,
  minConfidence: number,
): InterpretedReview {
  const ranges = new Map<string, Array<[number, number]>>();
  for (const file of change.files) {
    ranges.set(
      file.path,
      file.hunks.map((hunk) => [hunk.newStart, hunk.newStart + Math.max(hunk.newLines, 1) - 1]),
    );
  }
  const merged = new Map<string, FindingDraft>();
  const outside: FindingDraft[] = [];
  let lowConfidence = 0;
  for (const output of outputs) {
    for (const raw of output.findings) {
      if (raw.confidence < minConfidence) {
        lowConfidence += 1;
        continue;
      }
      const file = normalizePath(raw.file);
      const finding: FindingDraft = {
        ruleId: normalizeRuleId(raw.ruleId, spec),
        severity: raw.severity,
        file,
        line: raw.line,
        title: raw.title.trim(),
        message: raw.message.trim(),
        confidence: raw.confidence,
      };
      if (raw.endLine !== undefined && raw.endLine >= raw.line) finding.endLine = raw.endLine;
      if (raw.suggestion?.trim()) finding.suggestion = raw.suggestion.trim();
      if (!pointsAtChange(finding, ranges)) {
        outside.push(finding);
        continue;
      }
      const keys = [
        `${file}:${raw.line}:${finding.ruleId}`,
        `${file}:${raw.line}:${finding.title.toLowerCase()}`,
      ];
      const existingKey = keys.find((key) => merged.has(key));
      const existing = existingKey ? merged.get(existingKey) : undefined;
      if (existing) {
        if (severityRank(finding.severity) > severityRank(existing.severity))
          existing.severity = finding.severity;
        existing.confidence = Math.max(existing.confidence ?? 0, finding.confidence ?? 0);
        continue;
      }
      for (const key of keys) merged.set(key, finding);
    }
  }
  const findings = [...new Set(merged.values())];
  return { findings, outside, criteria: mergeCriteria(outputs, spec), lowConfidence };
}

function pointsAtChange(
  finding: FindingDraft,
  ranges: Map<string, Array<[number, number]>>,
): boolean {
  const fileRanges = finding.file ? ranges.get(finding.file) : undefined;
  if (!fileRanges || finding.line === undefined) return false;
  const start = finding.line;
  const end = finding.endLine ?? finding.line;
  return fileRanges.some(([from, to]) => start <= to && end >= from);
}

function mergeCriteria(
  outputs: readonly ReviewOutput[],
  spec: Spec | undefined,
): CriterionResult[] {
  if (!spec) return [];
  const results: CriterionResult[] = [];
  for (const criterion of spec.criteria) {
    const judged = outputs.flatMap((output) =>
      output.criteria.filter((item) => criterionKey(item.id) === criterion.id),
    );
    if (judged.length === 0) continue;
    const pick =
      judged.find((item) => item.status === "not_met") ??
      judged.find((item) => item.status === "met") ??
      judged[0];
    if (!pick) continue;
    results.push({
      id: `${spec.id}/${criterion.id}`,
      specId: spec.id,
      criterion: criterion.id,
      text: criterion.text,
      status: pick.status,
      evidence: pick.evidence.trim(),
    });
  }
  return results;
}

/** `SPEC-0007/AC-2`, `ac-2`, `AC2` → `AC-2`. */
function criterionKey(id: string): string {
  const match = /AC-?(\d+)\s*$/i.exec(id.trim());
  return match ? `AC-${match[1]}` : id.trim();
}

function normalizeRuleId(ruleId: string, spec: Spec | undefined): string {
  const trimmed = ruleId.trim();
  if (spec && /^AC-?\d+$/i.test(trimmed)) return `${spec.id}/${criterionKey(trimmed)}`;
  return trimmed === "" ? "general" : trimmed;
}

function normalizePath(path: string): string {
  return path
    .trim()
    .replace(/^\.\//, "")
    .replace(/^[ab]\//, "");
}
