import type { RunComparison } from "./compare-runs.js";
import type { EvalResult } from "./eval-result.js";
import type { EvalSummary, SuiteScore } from "./score-results.js";

/** The `jig.eval-run/v1` document: what `--format json` prints and reporters render. */
export interface EvalRunReport {
  schema: "jig.eval-run/v1";
  run: {
    id: string;
    startedAt: string;
    finishedAt: string;
    durationMs: number;
    head?: string;
    headRef?: string;
    shard?: string;
    /** Ids of the shard runs a merged report joins. */
    mergedFrom?: string[];
  };
  summary: EvalSummary;
  results: EvalResult[];
  /** Against `--baseline REF`, when given. */
  baseline?: { runId: string; ref: string; comparison: RunComparison };
}

export const EVAL_FORMATS = ["text", "json", "junit", "markdown"] as const;
export type EvalFormat = (typeof EVAL_FORMATS)[number];

const MAX_FAILURES_SHOWN = 10;

/** Render a report. Pure. */
export function renderEvalReport(report: EvalRunReport, format: EvalFormat): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(report, null, 2)}\n`;
    case "junit":
      return renderJunit(report);
    case "markdown":
      return renderMarkdown(report);
    default:
      return renderText(report);
  }
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function describeSatisfaction(suite: SuiteScore): string {
  const interval = suite.interval
    ? ` [95% ${percent(suite.interval.low)}–${percent(suite.interval.high)}]`
    : "";
  return `${percent(suite.satisfaction)}${interval}, ${passK(suite)}, threshold ${percent(suite.threshold)}`;
}

/** pass^k beside satisfaction: users watch both, and they differ exactly when a scenario flakes. */
export function passK(suite: Pick<SuiteScore, "passAll" | "repeat">): string {
  return `pass^${suite.repeat} ${percent(suite.passAll)}`;
}

function firstReason(result: EvalResult): string {
  if (result.status === "error") {
    return `error: ${result.error ?? "unknown"}${result.stderrTail ? `\n      stderr: ${result.stderrTail.replace(/\n/g, "\n              ")}` : ""}`;
  }
  const failed = result.assertions.filter((assertion) => !assertion.pass && assertion.weight > 0);
  // A reason may span lines (the stderr tail of a non-zero exit): indent them under the run.
  return (
    failed
      .map((assertion) => `${assertion.type}: ${assertion.reason ?? "failed"}`)
      .join("; ")
      .replace(/\n/g, "\n      ") || "failed"
  );
}

function notPassing(report: EvalRunReport, suite: string): EvalResult[] {
  return report.results.filter((result) => result.suite === suite && result.status !== "pass");
}

function renderText(report: EvalRunReport): string {
  const lines: string[] = [];
  for (const suite of report.summary.suites) {
    const mark = suite.passed ? "✓" : "✗";
    const errors =
      suite.errors > 0 ? `, ${suite.errors} error${suite.errors === 1 ? "" : "s"}` : "";
    lines.push(
      `${mark} ${suite.suite}: satisfaction ${describeSatisfaction(suite)} (${suite.passes}/${suite.runs} runs passed${errors})`,
    );
    const bad = notPassing(report, suite.suite);
    for (const result of bad.slice(0, MAX_FAILURES_SHOWN)) {
      lines.push(
        `    ${result.status === "error" ? "!" : "✗"} ${result.scenario}#${result.attempt + 1}: ${firstReason(result)}`,
      );
    }
    if (bad.length > MAX_FAILURES_SHOWN)
      lines.push(`    … ${bad.length - MAX_FAILURES_SHOWN} more (see --format json)`);
  }
  const { summary } = report;
  const below = summary.suites.filter((suite) => !suite.passed).length;
  if (report.baseline)
    lines.push(
      ...renderComparisonLines(
        report.baseline.comparison,
        `baseline ${report.baseline.ref} (${report.baseline.runId})`,
      ),
    );
  lines.push(
    summary.suites.length === 0
      ? `no scenarios ran (run ${report.run.id})`
      : `${summary.suites.length} suite${summary.suites.length === 1 ? "" : "s"}: ${summary.suites.length - below} passed, ${below} below threshold; ${summary.runs} runs, ${summary.errors} errors, ${(report.run.durationMs / 1000).toFixed(2)} s (run ${report.run.id})`,
  );
  return `${lines.join("\n")}\n`;
}

/** Lines describing a comparison, for text output and `jig eval compare`. */
export function renderComparisonLines(comparison: RunComparison, against: string): string[] {
  const lines = [
    `compared with ${against}: ${comparison.regressions.length} regressions, ${comparison.improvements.length} improvements, ${comparison.unchanged} unchanged`,
  ];
  for (const change of comparison.regressions) {
    lines.push(
      `  ↓ ${change.suite}/${change.scenario}: ${percent(change.before)} → ${percent(change.after)}`,
    );
  }
  for (const change of comparison.improvements) {
    lines.push(
      `  ↑ ${change.suite}/${change.scenario}: ${percent(change.before)} → ${percent(change.after)}`,
    );
  }
  if (comparison.added.length > 0) lines.push(`  + new: ${comparison.added.join(", ")}`);
  if (comparison.removed.length > 0) lines.push(`  - gone: ${comparison.removed.join(", ")}`);
  return lines;
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");
}

function renderJunit(report: EvalRunReport): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const { summary } = report;
  out.push(
    `<testsuites name="jig eval" tests="${summary.runs}" failures="${summary.failures}" errors="${summary.errors}" time="${(report.run.durationMs / 1000).toFixed(3)}">`,
  );
  for (const suite of summary.suites) {
    const results = report.results.filter((result) => result.suite === suite.suite);
    const failures = results.filter((result) => result.status === "fail").length;
    const errors = results.filter((result) => result.status === "error").length;
    out.push(
      `  <testsuite name="${escapeXml(suite.suite)}" tests="${results.length}" failures="${failures}" errors="${errors}">`,
      `    <properties><property name="satisfaction" value="${suite.satisfaction}"/><property name="threshold" value="${suite.threshold}"/><property name="passed" value="${suite.passed}"/></properties>`,
    );
    for (const result of results) {
      const name = escapeXml(`${result.scenario}#${result.attempt + 1}`);
      const time = (result.latencyMs / 1000).toFixed(3);
      if (result.status === "pass") {
        out.push(
          `    <testcase classname="${escapeXml(suite.suite)}" name="${name}" time="${time}"/>`,
        );
      } else {
        const tag = result.status === "error" ? "error" : "failure";
        const reason = escapeXml(firstReason(result));
        out.push(
          `    <testcase classname="${escapeXml(suite.suite)}" name="${name}" time="${time}">`,
          `      <${tag} message="${reason.split("\n")[0] ?? ""}">${reason}</${tag}>`,
          "    </testcase>",
        );
      }
    }
    out.push("  </testsuite>");
  }
  out.push("</testsuites>");
  return `${out.join("\n")}\n`;
}

function renderMarkdown(report: EvalRunReport): string {
  const { summary } = report;
  const below = summary.suites.filter((suite) => !suite.passed).length;
  const lines = [
    `## jig eval: ${below === 0 ? "✅ all suites pass" : `❌ ${below} suite${below === 1 ? "" : "s"} below threshold`}`,
    "",
    "| suite | satisfaction | pass^k | threshold | runs | errors |",
    "|---|---|---|---|---|---|",
  ];
  for (const suite of summary.suites) {
    const interval = suite.interval
      ? ` (95% ${percent(suite.interval.low)}–${percent(suite.interval.high)})`
      : "";
    lines.push(
      `| ${suite.passed ? "✅" : "❌"} ${suite.suite} | ${percent(suite.satisfaction)}${interval} | ${percent(suite.passAll)} (k=${suite.repeat}) | ${percent(suite.threshold)} | ${suite.passes}/${suite.runs} | ${suite.errors} |`,
    );
  }
  const failing = report.results.filter((result) => result.status !== "pass");
  if (failing.length > 0) {
    lines.push("", "<details><summary>Failed and errored runs</summary>", "");
    for (const result of failing.slice(0, 50)) {
      lines.push(
        `- \`${result.suite}/${result.scenario}#${result.attempt + 1}\`: ${firstReason(result).replace(/\n/g, " ")}`,
      );
    }
    if (failing.length > 50) lines.push(`- … ${failing.length - 50} more`);
    lines.push("", "</details>");
  }
  if (report.baseline)
    lines.push(
      "",
      "```",
      ...renderComparisonLines(report.baseline.comparison, report.baseline.ref),
      "```",
    );
  lines.push(
    "",
    `Run \`${report.run.id}\`, ${summary.runs} runs in ${(report.run.durationMs / 1000).toFixed(2)} s.`,
  );
  return `${lines.join("\n")}\n`;
}
