import type { JigConfig } from "../config/config-schema.js";
import { REPORT_SCHEMA, type Report } from "../contract/index.js";
import { type Change, changeStats } from "../core/change.js";
import type { Finding } from "../core/finding.js";
import { applyWaivers, type WaiverSet, type WaiverUse } from "../waivers/apply-waivers.js";
import { collectDecisions } from "./collect-decisions.js";
import { decideVerdict, settleLayerStatus } from "./decide-verdict.js";
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
  /** The waivers at the trusted base; `now` decides which are in date. */
  waivers?: WaiverSet;
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
    verdict: { outcome: "pass", reasons: [] },
  };
  let uses: WaiverUse[] = [];
  if (input.waivers && input.waivers.waivers.length > 0) {
    const waived = applyWaivers(input.gate.findings, input.waivers, input.finishedAt);
    report.findings = waived.findings;
    report.layers = resettleWaivedLayers(report.layers, waived.findings, report, gate.failOn);
    uses = waived.uses;
  }
  report.verdict = decideVerdict(report.layers, report.findings, report.criteria, policy);
  if (input.governance) report.governance = input.governance;
  const spec = input.citation.spec;
  if (spec) report.spec = { id: spec.id, title: spec.title, status: spec.status, path: spec.path };
  if (report.verdict.outcome === "needs-human") {
    report.decisions = collectDecisions({
      layers: report.layers,
      findings: report.findings,
      criteria: report.criteria,
      criteriaNeedEvidence: gate.criteria === "evidence",
      waivers: uses,
      ...(spec ? { specPath: spec.path } : {}),
    });
  }
  return report;
}

/**
 * A layer that failed only by findings a person waived shows as passed, as
 * the verdict treats it; a criterion it judged not met still fails it.
 */
function resettleWaivedLayers(
  layers: Report["layers"],
  findings: readonly Finding[],
  report: Pick<Report, "criteria">,
  failOn: JigConfig["gate"]["failOn"],
): Report["layers"] {
  return layers.map((layer) => {
    const own = findings.filter((finding) => finding.layer === layer.name);
    if (layer.status !== "failed" || !own.some((finding) => finding.waiver)) return layer;
    const judged = report.criteria.filter(
      (criterion) =>
        criterion.layer === layer.name ||
        (criterion.sources ?? []).some((source) => source.layer === layer.name),
    );
    return { ...layer, status: settleLayerStatus(layer.status, own, judged, failOn) };
  });
}
