import { type Finding, isWaived, meetsSeverity, type Severity } from "../core/index.js";

/** Hidden in every inline comment jig writes: the finding's fingerprint. */
const FINGERPRINT_MARKER = /<!-- jig:finding ([0-9a-f]+) -->/;
const RESOLVED_MARKER = "<!-- jig:resolved -->";

/** A review comment already on the pull request (`pulls.listReviewComments`). */
export interface ExistingReviewComment {
  id: number;
  body: string;
}

export interface NewReviewComment {
  fingerprint: string;
  path: string;
  line: number;
  body: string;
}

/** What to do on the pull request's diff, and what cannot go there. */
export interface ReviewCommentPlan {
  create: NewReviewComment[];
  /** Comments whose finding is gone (now resolved) or back again. */
  update: Array<{ id: number; fingerprint: string; body: string }>;
  /** At or above the threshold but not on a line of the diff: these go in the PR comment. */
  outsideDiff: Finding[];
}

export interface PlanReviewCommentsInput {
  findings: readonly Finding[];
  /** Inline comments for findings at or above this; `off` for none. */
  threshold: Severity | "off";
  /** Commentable lines per path ({@link commentableLines}). */
  diffLines: ReadonlyMap<string, ReadonlySet<number>>;
  existing: readonly ExistingReviewComment[];
  /** The commit this run judged, named in a "resolved" note. */
  headSha: string;
}

/**
 * Decide the inline review comments of one run. Pure: one comment per
 * finding fingerprint, found again by the hidden marker in its body, so a
 * rerun never posts a second one; a finding no longer reported gets its
 * comment rewritten as resolved (once); one that comes back is reopened.
 * Waived findings are not commented on.
 *
 * @example
 * planReviewComments({ findings, threshold: "high", diffLines, existing: [], headSha });
 */
export function planReviewComments(input: PlanReviewCommentsInput): ReviewCommentPlan {
  const byFingerprint = new Map<string, ExistingReviewComment>();
  for (const comment of input.existing) {
    const fingerprint = reviewCommentFingerprint(comment.body);
    // The oldest wins: a duplicate someone else made is left alone.
    if (fingerprint !== undefined && !byFingerprint.has(fingerprint)) {
      byFingerprint.set(fingerprint, comment);
    }
  }
  const plan: ReviewCommentPlan = { create: [], update: [], outsideDiff: [] };
  const current = new Set<string>();
  if (input.threshold !== "off") {
    for (const finding of input.findings) {
      if (isWaived(finding) || !meetsSeverity(finding.severity, input.threshold)) continue;
      const fingerprint = finding.fingerprint;
      const { file, line } = finding;
      const onDiff =
        fingerprint !== undefined &&
        file !== undefined &&
        line !== undefined &&
        input.diffLines.get(file)?.has(line) === true;
      if (!onDiff || fingerprint === undefined || file === undefined || line === undefined) {
        plan.outsideDiff.push(finding);
        continue;
      }
      if (current.has(fingerprint)) continue;
      current.add(fingerprint);
      const body = findingCommentBody(finding, fingerprint);
      const existing = byFingerprint.get(fingerprint);
      if (existing === undefined) plan.create.push({ fingerprint, path: file, line, body });
      else if (existing.body.includes(RESOLVED_MARKER)) {
        plan.update.push({ id: existing.id, fingerprint, body });
      }
    }
  }
  for (const [fingerprint, comment] of byFingerprint) {
    if (current.has(fingerprint) || comment.body.includes(RESOLVED_MARKER)) continue;
    plan.update.push({
      id: comment.id,
      fingerprint,
      body: resolvedCommentBody(comment.body, fingerprint, input.headSha),
    });
  }
  return plan;
}

/** The fingerprint hidden in a comment jig wrote; undefined for anyone else's. */
export function reviewCommentFingerprint(body: string): string | undefined {
  return FINGERPRINT_MARKER.exec(body)?.[1];
}

const SEVERITY_ICON: Record<Severity, string> = {
  critical: "🔴",
  high: "🟠",
  medium: "🟡",
  low: "🔵",
  info: "⚪",
};

function findingCommentBody(finding: Finding, fingerprint: string): string {
  const lines = [
    `<!-- jig:finding ${fingerprint} -->`,
    `${SEVERITY_ICON[finding.severity]} **${finding.severity}** \`${finding.ruleId}\` — **${finding.title}**`,
    "",
    finding.message,
  ];
  if (finding.suggestion !== undefined) lines.push("", `💡 ${finding.suggestion}`);
  lines.push(
    "",
    `<sub>jig · fingerprint \`${fingerprint}\` · waive with \`jig waive ${fingerprint}\`</sub>`,
  );
  return lines.join("\n");
}

function resolvedCommentBody(previous: string, fingerprint: string, headSha: string): string {
  // Keep what the finding said, struck through, so the thread still makes sense.
  const said = previous
    .replace(FINGERPRINT_MARKER, "")
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("<sub>"))
    .map((line) => `> ~~${line}~~`)
    .join("\n");
  return [
    `<!-- jig:finding ${fingerprint} -->`,
    RESOLVED_MARKER,
    `✅ **Resolved:** jig no longer reports this finding at ${headSha.slice(0, 12)}.`,
    "",
    said,
  ].join("\n");
}
