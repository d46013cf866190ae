import type { CriterionResult, Decision, LayerReport } from "../contract/index.js";
import type { Finding } from "../core/finding.js";
import type { WaiverUse } from "../waivers/apply-waivers.js";
import { EXPIRY_NOTICE_DAYS, WAIVERS_FILE } from "../waivers/waivers-file.js";

/** Layers whose requests for a person are about the rules themselves. */
const GOVERNANCE_LAYERS = new Set(["integrity", "spec"]);

export interface CollectDecisionsInput {
  layers: readonly LayerReport[];
  findings: readonly Finding[];
  criteria: readonly CriterionResult[];
  /** Whether criteria without evidence need a person (`gate.criteria: evidence`). */
  criteriaNeedEvidence: boolean;
  /** The cited spec's path, where a criterion is looked up. */
  specPath?: string;
  /** What each waiver at the base did in this run. */
  waivers?: readonly WaiverUse[];
}

/**
 * What a person must decide, one line each with where to look: the findings
 * that asked for a person, the layers' other requests (an escalation, a
 * review cut short), and the criteria nobody could vouch for. Pure; the
 * reporters open a needs-human report with it.
 */
export function collectDecisions(input: CollectDecisionsInput): Decision[] {
  const decisions: Decision[] = [];
  for (const layer of input.layers) {
    const asking = input.findings.filter(
      (finding) => finding.layer === layer.name && finding.needsHuman === true,
    );
    const kind = GOVERNANCE_LAYERS.has(layer.name) ? "governance" : "escalation";
    // A layer's findings locate what its summary reasons say, so they stand for them.
    if (asking.length > 0) {
      for (const finding of asking) {
        const location = findingLocation(finding);
        decisions.push({
          kind: GOVERNANCE_LAYERS.has(layer.name) ? "governance" : "finding",
          summary: `${finding.ruleId}: ${finding.title}`,
          ...(location ? { location } : {}),
        });
      }
    } else {
      for (const reason of layer.needsHuman ?? []) {
        decisions.push({ kind, summary: `${layer.name}: ${reason}` });
      }
    }
  }
  if (input.criteriaNeedEvidence) {
    for (const criterion of input.criteria) {
      if (criterion.status !== "unclear" && criterion.status !== "unchecked") continue;
      const location = input.specPath ? `${input.specPath} ${criterion.criterion}` : criterion.id;
      const summary =
        criterion.status === "unclear"
          ? `${criterion.id} is unclear: ${criterion.evidence ?? criterion.text}`
          : `${criterion.id} has no evidence: ${criterion.text}`;
      decisions.push({ kind: "criterion", summary: oneLine(summary), location });
    }
  }
  for (const use of input.waivers ?? []) {
    // A waiver about to lapse is a decision due: renew it, or fix the finding.
    if (use.matched === 0 || use.expired || use.daysLeft > EXPIRY_NOTICE_DAYS) continue;
    const { waiver } = use;
    const when =
      use.daysLeft === 0 ? "today" : `in ${use.daysLeft} day${use.daysLeft === 1 ? "" : "s"}`;
    decisions.push({
      kind: "waiver",
      summary: oneLine(
        `waiver ${waiver.fingerprint}${waiver.rule ? ` (${waiver.rule})` : ""} expires ${when}, on ${waiver.expires}: renew it or fix the finding`,
      ),
      location: WAIVERS_FILE,
    });
  }
  return decisions;
}

function findingLocation(finding: Finding): string | undefined {
  if (finding.file === undefined) return undefined;
  return finding.line === undefined ? finding.file : `${finding.file}:${finding.line}`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 240 ? `${flat.slice(0, 239)}…` : flat;
}
