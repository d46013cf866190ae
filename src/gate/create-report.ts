import type { JigConfig } from "../config/config-schema.js";
import { REPORT_SCHEMA, type Report } from "../contract/index.js";
import { type Change, changeStats } from "../core/change.js";
import { collectDecisions } from "./collect-decisions.js";
import { decideVerdict } from "./decide-verdict.js";
import type { SpecCitation } from "./layer.js";
import type { GateRun } from "./run-gate.js";

export interface CreateReportInput {
  runId: string;
  startedAt: Date;
  finishedAt: Date;
  jigVersion: string;
  range: Report["range"];
  change: Change;
  config: JigConfig;
  citation: SpecCitation;
  gate: GateRun;
  /** Where the rules came from (`jig check` always says). */
  governance?: Report["governance"];
}

/** Assemble the versioned report and compute its verdict. Pure. */
export function createReport(input: CreateReportInput): Report {
  const stats = changeStats(input.change);
  const { gate } = input.config;
  const policy = {
    failOn: gate.failOn,
    require: [...gate.require],
    criteria: gate.criteria,
    evidence: [...gate.evidence],
  };
  const report: Report = {
    schema: REPORT_SCHEMA,
    run: {
      id: input.runId,
      startedAt: input.startedAt.toISOString(),
      finishedAt: input.finishedAt.toISOString(),
      durationMs: input.finishedAt.getTime() - input.startedAt.getTime(),
      jigVersion: input.jigVersion,
    },
    range: input.range,
    change: {
      ...stats,
      commits: input.change.commits.length,
      paths: input.change.files.map((file) => file.path),
    },
    policy,
    layers: input.gate.layers,
    findings: input.gate.findings,
    criteria: input.gate.criteria,
    verdict: decideVerdict(input.gate.layers, input.gate.findings, input.gate.criteria, policy),
  };
  if (input.governance) report.governance = input.governance;
  const spec = input.citation.spec;
  if (spec) report.spec = { id: spec.id, title: spec.title, status: spec.status, path: spec.path };
  if (report.verdict.outcome === "needs-human") {
    report.decisions = collectDecisions({
      layers: report.layers,
      findings: report.findings,
      criteria: report.criteria,
      criteriaNeedEvidence: gate.criteria === "evidence",
      ...(spec ? { specPath: spec.path } : {}),
    });
  }
  return report;
}
