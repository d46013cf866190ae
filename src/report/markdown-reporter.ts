import type {
  CriterionResult,
  CriterionStatus,
  LayerStatus,
  Outcome,
  Report,
} from "../contract/index.js";
import { type Finding, isWaived, type Severity } from "../core/index.js";
import { formatDuration, formatLocation, plural } from "./format-location.js";
import type { Reporter } from "./reporter.js";
import { rulesSummary } from "./rules-summary.js";
import { sortFindings } from "./sort-findings.js";

/**
 * Upper bound of the markdown output in UTF-8 bytes. GitHub rejects PR
 * comments over 65,536 characters; 60 KiB leaves room for a bot's own header.
 */
export const MARKDOWN_MAX_BYTES = 60 * 1024;

/** Longest text kept in one table cell, so one huge message cannot eat the budget. */
const MAX_CELL_CHARS = 1000;
/** Verdict reasons shown before "and N more". */
const MAX_REASONS = 20;

const OUTCOME_HEADER: Record<Outcome, string> = {
  pass: "✅ jig: pass",
  fail: "❌ jig: fail",
  "needs-human": "🟡 jig: needs a human",
};

const LAYER_STATUS: Record<LayerStatus, string> = {
  passed: "✅ passed",
  failed: "❌ failed",
  skipped: "⏭️ skipped",
  error: "💥 error",
};

const SEVERITY_LABEL: Record<Severity, string> = {
  critical: "🔴 critical",
  high: "🟠 high",
  medium: "🟡 medium",
  low: "🔵 low",
  info: "⚪ info",
};

const CRITERION_STATUS: Record<CriterionStatus, string> = {
  met: "✅ met",
  not_met: "❌ not met",
  unclear: "❔ unclear",
  unchecked: "⏭️ unchecked",
};

/**
 * Markdown for a PR comment or `$GITHUB_STEP_SUMMARY`. Never larger than
 * MARKDOWN_MAX_BYTES: findings are dropped from the end (mildest first) and a
 * line says how many were left out, because a comment the API rejects helps
 * no one, while a truncated one still shows the worst problems.
 */
export const markdownReporter: Reporter = {
  format: "markdown",
  render(report) {
    return renderMarkdown(report, MARKDOWN_MAX_BYTES);
  },
};

/**
 * The markdown reporter with an explicit byte budget; exported so tests and
 * callers with smaller limits (e.g. a chat message) can use it.
 */
export function renderMarkdown(report: Report, maxBytes: number): string {
  const head = renderHead(report);
  const criteria = renderCriteria(report.criteria);
  const footer = `\n<sub>jig ${report.run.jigVersion} · run \`${report.run.id}\` · ${formatDuration(report.run.durationMs)}</sub>\n`;
  const sorted = sortFindings(report.findings);
  const findings = sorted.filter((finding) => !isWaived(finding));
  // Waived findings stay in the report, apart: a person decided they do not count.
  const waived = renderWaived(sorted.filter(isWaived));
  const tail = `${waived}${criteria}`;

  if (findings.length === 0) {
    return fitBytes(`${head}\n### Findings\n\nNone.\n${tail}${footer}`, maxBytes);
  }
  const findingsHead = `\n### Findings (${findings.length})\n\n| Severity | Rule | Location | Finding |\n|---|---|---|---|\n`;
  const rows = findings.map(findingRow);
  const rowBytes = rows.map(byteLength);
  const fixedBytes =
    byteLength(head) + byteLength(findingsHead) + byteLength(tail) + byteLength(footer);

  let kept = rows.length;
  let keptBytes = rowBytes.reduce((sum, bytes) => sum + bytes, 0);
  let notice = "";
  if (fixedBytes + keptBytes > maxBytes) {
    const totalRowBytes = keptBytes;
    // Drop from the end (mildest findings) until the rest and the notice fit.
    // The notice's length depends on the counts, so it is rebuilt each step.
    for (;;) {
      notice = truncationNotice(
        findings.length - kept,
        findings.length,
        totalRowBytes - keptBytes,
        maxBytes,
      );
      if (kept === 0 || fixedBytes + keptBytes + byteLength(notice) <= maxBytes) break;
      kept -= 1;
      keptBytes -= rowBytes[kept] ?? 0;
    }
  }
  const body = `${head}${findingsHead}${rows.slice(0, kept).join("")}${notice}${tail}${footer}`;
  return fitBytes(body, maxBytes);
}

function truncationNotice(
  omitted: number,
  total: number,
  omittedBytes: number,
  maxBytes: number,
): string {
  const size = `${(omittedBytes / 1024).toFixed(1)} KB`;
  return `\n> ⚠️ **Truncated:** ${omitted} of ${total} findings (${size}) were left out to keep this report under ${Math.floor(maxBytes / 1024)} KB, mildest first. Run \`jig check --format json\` for all of them.\n`;
}

function renderHead(report: Report): string {
  const lines = [`## ${OUTCOME_HEADER[report.verdict.outcome]}`, ""];
  const decisions = report.decisions ?? [];
  if (decisions.length > 0) {
    // First, so the person opening the comment sees their part before the detail.
    lines.push("### What a person must decide", "");
    for (const decision of decisions.slice(0, MAX_REASONS)) {
      const where = decision.location === undefined ? "" : ` — ${code(decision.location)}`;
      lines.push(`- [ ] ${cell(decision.summary)}${where}`);
    }
    if (decisions.length > MAX_REASONS) lines.push(`- …and ${decisions.length - MAX_REASONS} more`);
    lines.push("");
  }
  const { files, additions, deletions, commits } = report.change;
  lines.push(`**Range:** ${cell(report.range.description)}  `);
  lines.push(
    `**Change:** ${plural(files, "file")}, +${additions} −${deletions}, ${plural(commits, "commit")}  `,
  );
  if (report.governance !== undefined) {
    lines.push(`**Rules:** ${cell(rulesSummary(report.governance))}  `);
  }
  if (report.spec !== undefined) {
    const { id, title, status } = report.spec;
    lines.push(`**Spec:** ${cell(`${id} — ${title}`)} (${status})  `);
  }
  const policy = `**Policy:** fail on ${report.policy.failOn} or worse${requireText(report)}`;
  if (report.merge === undefined) lines.push(policy, "");
  else {
    // One line a reviewer acts on (a CI job reads the JSON's merge.decision): may this merge alone?
    lines.push(
      `${policy}  `,
      `**Merge:** ${report.merge.decision} — ${cell(report.merge.reason)}`,
      "",
    );
  }
  const reasons = report.verdict.reasons;
  if (reasons.length > 0) {
    lines.push("**Why:**", "");
    for (const reason of reasons.slice(0, MAX_REASONS)) lines.push(`- ${cell(reason)}`);
    if (reasons.length > MAX_REASONS) lines.push(`- …and ${reasons.length - MAX_REASONS} more`);
    lines.push("");
  }
  lines.push(
    "### Layers",
    "",
    "| Layer | Status | Findings | Time | Details |",
    "|---|---|---|---|---|",
  );
  for (const layer of report.layers) {
    // Skipped and errored layers show a dash for findings: they did not look.
    const ran = layer.status === "passed" || layer.status === "failed";
    const details =
      layer.status === "skipped"
        ? `skipped: ${layer.skipReason ?? "no reason given"}`
        : layer.status === "error"
          ? `error: ${layer.error ?? "unknown error"}`
          : [
              ...layer.notes,
              ...(layer.needsHuman ?? []).map((reason) => `needs a human: ${reason}`),
            ].join("; ");
    lines.push(
      `| ${cell(layer.name)} | ${LAYER_STATUS[layer.status]} | ${ran ? layer.findings : "—"} | ${formatDuration(layer.durationMs)} | ${cell(details)} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}

function requireText(report: Report): string {
  const required = report.policy.require;
  return required.length === 0 ? "" : `; required layers: ${required.map(code).join(", ")}`;
}

function findingRow(finding: Finding): string {
  let text = `**${cell(finding.title)}** — ${cell(finding.message)}`;
  if (finding.suggestion !== undefined) text += `<br>💡 ${cell(finding.suggestion)}`;
  if (finding.waiver?.expired === true) {
    text += `<br>⚠️ waiver expired on ${cell(finding.waiver.expires)}, so it counts again: ${cell(finding.waiver.reason)}`;
  }
  return `| ${SEVERITY_LABEL[finding.severity]} | ${code(finding.ruleId)} | ${findingLocation(finding)} | ${text} |\n`;
}

/** Where the finding is, and its fingerprint: what `jig waive` takes. */
function findingLocation(finding: Finding): string {
  const location = finding.file === undefined ? "_whole change_" : code(formatLocation(finding));
  return finding.fingerprint === undefined
    ? location
    : `${location}<br>${code(finding.fingerprint)}`;
}

function renderWaived(findings: readonly Finding[]): string {
  if (findings.length === 0) return "";
  const lines = [
    "",
    `### Waived findings (${findings.length})`,
    "",
    "Waived by a person in `jig.waivers.yaml`: shown, not counted toward the verdict.",
    "",
    "| Severity | Rule | Location | Finding | Waiver |",
    "|---|---|---|---|---|",
  ];
  for (const finding of findings) {
    const waiver = finding.waiver;
    const who = waiver?.owner === undefined ? "" : `, owner ${cell(waiver.owner)}`;
    const why =
      waiver === undefined ? "" : `${cell(waiver.reason)} (until ${waiver.expires}${who})`;
    lines.push(
      `| ${SEVERITY_LABEL[finding.severity]} | ${code(finding.ruleId)} | ${findingLocation(finding)} | **${cell(finding.title)}** | ${why} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}

function renderCriteria(criteria: readonly CriterionResult[]): string {
  if (criteria.length === 0) return "";
  const lines = [
    "",
    "### Acceptance criteria",
    "",
    "| Criterion | Status | Text | Evidence |",
    "|---|---|---|---|",
  ];
  for (const criterion of criteria) {
    lines.push(
      `| ${code(criterion.id)} | ${CRITERION_STATUS[criterion.status]} | ${cell(criterion.text)} | ${cell(criterionEvidence(criterion))} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Each source's judgement on its own line, so disagreement shows; else the one-line evidence. */
function criterionEvidence(criterion: CriterionResult): string {
  const sources = criterion.sources ?? [];
  if (sources.length === 0) return criterion.evidence ?? "";
  return sources
    .map((source) => `${source.kind}: ${CRITERION_STATUS[source.status]} ${source.detail}`.trim())
    .join("\n");
}

/**
 * Text safe inside a GFM table cell: pipes escaped, newlines as `<br>`, and
 * `<`/`>` as entities so user text cannot open HTML tags that GitHub strips.
 */
function cell(text: string): string {
  const clipped = text.length > MAX_CELL_CHARS ? `${text.slice(0, MAX_CELL_CHARS)}…` : text;
  return clipped
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, "<br>");
}

/** An inline code span that survives backticks and pipes in the text. */
function code(text: string): string {
  const clipped = text.length > MAX_CELL_CHARS ? `${text.slice(0, MAX_CELL_CHARS)}…` : text;
  const body = clipped.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
  const longestRun = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = body.startsWith("`") || body.endsWith("`") ? " " : "";
  return `${fence}${pad}${body}${pad}${fence}`;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/**
 * Last resort when even the report without findings is over budget (say,
 * thousands of criteria): cut at a character boundary and say so.
 */
function fitBytes(text: string, maxBytes: number): string {
  if (byteLength(text) <= maxBytes) return text;
  const notice =
    "\n\n> ⚠️ **Truncated:** this report was cut to stay under the size limit. Run `jig check --format json` for all of it.\n";
  const budget = maxBytes - byteLength(notice);
  const bytes = Buffer.from(text, "utf8").subarray(0, Math.max(0, budget));
  // Decoding a cut multi-byte sequence yields U+FFFD; drop it.
  const cut = bytes.toString("utf8").replace(/\uFFFD+$/, "");
  return `${cut}${notice}`;
}
