import type { Report } from "../contract/index.js";
import type { Finding } from "../core/index.js";
import { renderMarkdown } from "../report/index.js";

/** Hidden at the top of jig's one PR comment, so a rerun finds and edits it. */
export const REPORT_MARKER = "<!-- jig:report -->";
/** GitHub rejects an issue comment body longer than this many characters. */
export const GITHUB_COMMENT_MAX_CHARS = 65_536;

/**
 * The body of jig's PR comment: the marker, the markdown report (verdict,
 * what a person must decide, layers, findings, criteria) and the findings
 * that could not be commented inline. Never over GitHub's limit: the
 * markdown reporter drops the mildest findings first and says so, within a
 * byte budget, and bytes are never fewer than characters. Pure.
 *
 * @example
 * renderPullRequestComment(report, plan.outsideDiff).length <= GITHUB_COMMENT_MAX_CHARS; // true
 */
export function renderPullRequestComment(report: Report, outsideDiff: readonly Finding[]): string {
  const head = `${REPORT_MARKER}\n`;
  const outside = renderOutsideDiff(outsideDiff);
  const budget = GITHUB_COMMENT_MAX_CHARS - head.length - outside.length;
  if (budget < 4096) {
    // Thousands of out-of-diff findings: the report itself matters more than that list.
    return `${head}${renderMarkdown(report, GITHUB_COMMENT_MAX_CHARS - head.length)}`;
  }
  return `${head}${renderMarkdown(report, budget)}${outside}`;
}

const MAX_LISTED = 50;

function renderOutsideDiff(findings: readonly Finding[]): string {
  if (findings.length === 0) return "";
  const lines = [
    "",
    `### Not on a changed line (${findings.length})`,
    "",
    "These findings point outside this pull request's diff, where GitHub allows no review comment:",
    "",
  ];
  for (const finding of findings.slice(0, MAX_LISTED)) {
    const where =
      finding.file === undefined
        ? "whole change"
        : `${finding.file}${finding.line === undefined ? "" : `:${finding.line}`}`;
    lines.push(
      `- **${finding.severity}** \`${finding.ruleId}\` ${inlineText(finding.title)} — \`${where}\``,
    );
  }
  if (findings.length > MAX_LISTED) lines.push(`- …and ${findings.length - MAX_LISTED} more`);
  return `${lines.join("\n")}\n`;
}

function inlineText(text: string): string {
  return text.replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r?\n/g, " ");
}
