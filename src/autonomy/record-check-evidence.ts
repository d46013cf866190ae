import type { Report } from "../contract/index.js";
import { isWaived } from "../core/finding.js";
import { meetsSeverity, type Severity } from "../core/severity.js";
import type { AutonomyStore, EvidenceEvent } from "./autonomy-store.js";
import { type DomainMatcher, touchedDomains } from "./match-domains.js";
import type { CheckModels } from "./model-change-demotions.js";

/** Findings at this severity or worse are evidence about a class. */
const FINDING_FLOOR: Severity = "high";

/** `<suite>: satisfaction 93.3% …`, the evals layer's note per suite it ran. */
const SATISFACTION_NOTE = /^(.+?): satisfaction (\d+(?:\.\d+)?)%/;

export interface CheckEvidenceInput {
  report: Report;
  /** The agents the change's commits are attributed to; none, and the run is no class's evidence. */
  agents: readonly string[];
  match: DomainMatcher;
  models: CheckModels;
}

/** Record what one gate run says about the classes it touched; returns how many events were stored. */
export function recordCheckEvidence(store: AutonomyStore, input: CheckEvidenceInput): number {
  const events = checkEvidence(input);
  return events.length > 0 ? store.record(events) : 0;
}

/**
 * The evidence one gate run leaves about each decision class it touched
 * (every agent × every touched domain): its verdict (`gate`), its findings
 * at high or worse by failure model or rule and the domain of their file
 * (`finding`), and the satisfaction of each eval suite the evals layer ran
 * (`eval`). Each carries the coder and reviewer models the run used, which
 * is what a later model change is compared against. Pure.
 */
export function checkEvidence(input: CheckEvidenceInput): EvidenceEvent[] {
  const { report, agents, match, models } = input;
  if (agents.length === 0) return [];
  const at = report.run.finishedAt;
  const domains = touchedDomains(match, report.change.paths);
  const modelFields = {
    ...(models.coder ? { coderModel: models.coder } : {}),
    ...(models.reviewer ? { reviewerModel: models.reviewer } : {}),
  };
  const events: EvidenceEvent[] = [];
  const each = (classDomains: readonly string[], make: (agent: string, domain: string) => void) => {
    for (const agent of agents) for (const domain of classDomains) make(agent, domain);
  };
  each(domains, (agent, domain) =>
    events.push({
      at,
      agent,
      domain,
      kind: "gate",
      subject: report.run.id,
      ...modelFields,
      detail: {
        verdict: report.verdict.outcome,
        runId: report.run.id,
        head: report.range.head,
      },
    }),
  );
  for (const finding of report.findings) {
    if (!meetsSeverity(finding.severity, FINDING_FLOOR) || isWaived(finding)) continue;
    const findingDomains = finding.file ? match(finding.file) : domains;
    each(findingDomains, (agent, domain) =>
      events.push({
        at,
        agent,
        domain,
        kind: "finding",
        subject: finding.ruleId,
        ...modelFields,
        detail: {
          severity: finding.severity,
          layer: finding.layer,
          runId: report.run.id,
          ...(finding.file ? { file: finding.file } : {}),
        },
      }),
    );
  }
  const evals = report.layers.find((layer) => layer.name === "evals");
  if (evals && (evals.status === "passed" || evals.status === "failed")) {
    for (const note of evals.notes) {
      const parsed = SATISFACTION_NOTE.exec(note);
      if (!parsed) continue;
      const suite = parsed[1] as string;
      const percent = Number(parsed[2]);
      each(domains, (agent, domain) =>
        events.push({
          at,
          agent,
          domain,
          kind: "eval",
          subject: suite,
          ...modelFields,
          detail: { satisfaction: Math.round(percent * 10) / 1000, runId: report.run.id },
        }),
      );
    }
  }
  return events;
}
