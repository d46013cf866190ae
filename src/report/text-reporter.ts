import picocolors from "picocolors";
import type {
  CriterionStatus,
  LayerReport,
  LayerStatus,
  Outcome,
  Report,
} from "../contract/index.js";
import type { Finding, Severity } from "../core/index.js";
import { isWaived, SEVERITIES } from "../core/index.js";
import { formatDuration, formatLocation, plural } from "./format-location.js";
import type { Reporter } from "./reporter.js";
import { rulesSummary } from "./rules-summary.js";
import { sortFindings } from "./sort-findings.js";

type Colors = ReturnType<typeof picocolors.createColors>;
type Paint = (text: string) => string;

const LAYER_SYMBOL: Record<LayerStatus, string> = {
  passed: "✓",
  failed: "✗",
  skipped: "○",
  error: "!",
};

const CRITERION_LABEL: Record<CriterionStatus, { symbol: string; label: string }> = {
  met: { symbol: "✓", label: "met" },
  not_met: { symbol: "✗", label: "not met" },
  unclear: { symbol: "?", label: "unclear" },
  unchecked: { symbol: "○", label: "unchecked" },
};

const OUTCOME_LABEL: Record<Outcome, string> = {
  pass: "PASS",
  fail: "FAIL",
  "needs-human": "NEEDS HUMAN",
};

/**
 * The terminal report. Colour comes from a private picocolors instance built
 * from `options.color`, never from the global one, so rendering is the same
 * whatever terminal the tests or the CI run in.
 */
export const textReporter: Reporter = {
  format: "text",
  render(report, options) {
    const colors = picocolors.createColors(options.color);
    const lines: string[] = [];
    lines.push(
      `${colors.bold(options.title ?? "jig check")} ${colors.dim(`run ${report.run.id} · jig ${report.run.jigVersion} · ${formatDuration(report.run.durationMs)}`)}`,
      "",
      `${label("Range", colors)}${report.range.description}`,
      `${label("Change", colors)}${changeSummary(report)}`,
    );
    if (report.governance !== undefined) {
      lines.push(`${label("Rules", colors)}${rulesSummary(report.governance)}`);
    }
    if (report.spec !== undefined) {
      const { id, title, status } = report.spec;
      lines.push(`${label("Spec", colors)}${id} ${title} (${status})`);
    }
    const decisions = report.decisions ?? [];
    if (decisions.length > 0) {
      // Before the detail: a person's part of the review, one line each.
      lines.push("", colors.bold(colors.yellow("What a person must decide")));
      for (const decision of decisions) {
        const where = decision.location === undefined ? "" : colors.dim(` (${decision.location})`);
        lines.push(`  ${colors.yellow("?")} ${decision.summary}${where}`);
      }
    }
    lines.push("", colors.bold("Layers"), ...renderLayers(report.layers, colors));
    lines.push("", ...renderFindings(report.findings, colors));
    if (report.criteria.length > 0) {
      lines.push("", ...renderCriteria(report, colors));
    }
    lines.push("", ...renderVerdict(report, colors));
    return `${lines.join("\n")}\n`;
  },
};

function label(name: string, colors: Colors): string {
  return colors.dim(`${`${name}:`.padEnd(8)} `);
}

function changeSummary(report: Report): string {
  const { files, additions, deletions, commits } = report.change;
  return `${plural(files, "file")}, +${additions} -${deletions}, ${plural(commits, "commit")}`;
}

function layerPaint(status: LayerStatus, colors: Colors): Paint {
  if (status === "passed") return colors.green;
  if (status === "failed") return colors.red;
  if (status === "error") return colors.magenta;
  return colors.yellow;
}

function renderLayers(layers: readonly LayerReport[], colors: Colors): string[] {
  if (layers.length === 0) return ["  (no layers ran)"];
  const width = Math.max(...layers.map((layer) => layer.name.length));
  const lines: string[] = [];
  for (const layer of layers) {
    const paint = layerPaint(layer.status, colors);
    const head = `  ${paint(LAYER_SYMBOL[layer.status])} ${layer.name.padEnd(width)}  ${paint(layer.status)}`;
    lines.push(`${head}${layerDetail(layer, colors)}`);
    for (const note of layer.notes) lines.push(colors.dim(`      note: ${note}`));
    for (const reason of layer.needsHuman ?? []) {
      lines.push(colors.yellow(`      needs a human: ${reason}`));
    }
  }
  return lines;
}

function layerDetail(layer: LayerReport, colors: Colors): string {
  // A skipped or errored layer says why instead of counts: the reason is what
  // the reader needs to act on, and counts of a layer that did not run mislead.
  if (layer.status === "skipped") return ` — ${layer.skipReason ?? "no reason given"}`;
  if (layer.status === "error") return ` — ${layer.error ?? "unknown error"}`;
  const parts = [plural(layer.findings, "finding"), formatDuration(layer.durationMs)];
  if (layer.usage !== undefined) {
    const tokens = layer.usage.inputTokens + layer.usage.outputTokens;
    parts.push(`${tokens} tokens`, `$${layer.usage.costUsd.toFixed(4)}`);
  }
  return colors.dim(`  ${parts.join(", ")}`);
}

function severityPaint(severity: Severity, colors: Colors): Paint {
  if (severity === "critical") return (text) => colors.bold(colors.red(text));
  if (severity === "high") return colors.red;
  if (severity === "medium") return colors.yellow;
  if (severity === "low") return colors.cyan;
  return colors.dim;
}

function renderFindings(findings: readonly Finding[], colors: Colors): string[] {
  if (findings.length === 0) return [`${colors.bold("Findings")} none`];
  const waived = findings.filter(isWaived).length;
  const lines = [
    colors.bold(`Findings (${findings.length}${waived > 0 ? `, ${waived} waived` : ""})`),
  ];
  const sorted = sortFindings(findings);
  for (const severity of SEVERITIES) {
    const group = sorted.filter((finding) => finding.severity === severity);
    if (group.length === 0) continue;
    const paint = severityPaint(severity, colors);
    lines.push(`  ${paint(`${severity} (${group.length})`)}`);
    for (const finding of group) {
      const id = finding.fingerprint === undefined ? "" : `  ${colors.dim(finding.fingerprint)}`;
      lines.push(
        `    ${colors.bold(formatLocation(finding))}  ${colors.dim(finding.ruleId)}  ${finding.title}${id}`,
      );
      const waiver = waiverLine(finding);
      if (waiver !== undefined) {
        lines.push(`      ${isWaived(finding) ? colors.yellow(waiver) : colors.red(waiver)}`);
      }
      lines.push(...indentBlock(finding.message, "      "));
      if (finding.suggestion !== undefined) {
        lines.push(...indentBlock(`→ ${finding.suggestion}`, "      ").map(colors.green));
      }
    }
  }
  return lines;
}

/** `WAIVED until …` for a waiver in date; an expired one says the finding counts again. */
function waiverLine(finding: Finding): string | undefined {
  const waiver = finding.waiver;
  if (waiver === undefined) return undefined;
  const owner = waiver.owner === undefined ? "" : ` (owner ${waiver.owner})`;
  const reason = waiver.reason.replace(/\s+/g, " ").trim();
  return waiver.expired === true
    ? `waiver EXPIRED on ${waiver.expires}${owner}, the finding counts again: ${reason}`
    : `WAIVED until ${waiver.expires}${owner}: ${reason}`;
}

function indentBlock(text: string, indent: string): string[] {
  return text.split(/\r?\n/).map((line) => `${indent}${line}`);
}

function renderCriteria(report: Report, colors: Colors): string[] {
  const specIds = [...new Set(report.criteria.map((criterion) => criterion.specId))];
  const lines = [colors.bold(`Acceptance criteria (${specIds.join(", ")})`)];
  const width = Math.max(...report.criteria.map((criterion) => criterion.criterion.length));
  for (const criterion of report.criteria) {
    const { symbol, label: statusLabel } = CRITERION_LABEL[criterion.status];
    const paint =
      criterion.status === "met"
        ? colors.green
        : criterion.status === "not_met"
          ? colors.red
          : colors.yellow;
    lines.push(
      `  ${paint(symbol)} ${criterion.criterion.padEnd(width)}  ${paint(statusLabel.padEnd(9))} ${criterion.text}`,
    );
    const sources = criterion.sources ?? [];
    if (sources.length > 0) {
      for (const source of sources) {
        const mark = CRITERION_LABEL[source.status].label;
        lines.push(
          colors.dim(`      ${source.kind}: ${mark}${source.detail ? `, ${source.detail}` : ""}`),
        );
      }
    } else if (criterion.evidence !== undefined) {
      lines.push(colors.dim(`      ${criterion.evidence}`));
    }
  }
  return lines;
}

function renderVerdict(report: Report, colors: Colors): string[] {
  const { outcome, reasons } = report.verdict;
  const paint = outcome === "pass" ? colors.green : outcome === "fail" ? colors.red : colors.yellow;
  const lines = [`${colors.bold("Verdict:")} ${colors.bold(paint(OUTCOME_LABEL[outcome]))}`];
  for (const reason of reasons) lines.push(`  - ${reason}`);
  const { merge } = report;
  if (merge) {
    const paint = merge.decision === "auto" ? colors.green : colors.yellow;
    lines.push(
      `${colors.bold("Merge:")} ${paint(merge.decision)} ${colors.dim(`— ${merge.reason}`)}`,
    );
  }
  return lines;
}
