import type { CriteriaMode, CriterionResult, LayerReport, Verdict } from "../contract/index.js";
import { type Finding, isWaived } from "../core/finding.js";
import { meetsSeverity, SEVERITIES, type Severity } from "../core/severity.js";

export interface GatePolicy {
  failOn: Severity;
  require: readonly string[];
  /** `evidence`: an unclear or unchecked criterion needs a human. Absent means `any`. */
  criteria?: CriteriaMode;
  /** The kinds of evidence that can meet a criterion, named in the advice. */
  evidence?: readonly string[];
}

/**
 * The gate's rule, as a pure function of the layers' results. No model is
 * ever asked to approve: models only contribute findings and criteria.
 *
 * 1. A layer in error fails the gate.
 * 2. A required layer that was skipped fails the gate.
 * 3. A finding at or above `failOn` fails the gate, unless it asks for a
 *    human (`needsHuman`), which it then does whatever its severity, or a
 *    person waived it (`jig.waivers.yaml`, in date): it stays in the report
 *    and counts for nothing.
 * 4. An acceptance criterion judged `not_met` fails the gate.
 * 5. Otherwise, any layer asking for a human makes the verdict `needs-human`,
 *    and so, with `criteria: evidence`, does a criterion that is not `met`:
 *    a pass means every criterion has evidence.
 * 6. Otherwise the change passes. Skipped layers are listed in the reasons so
 *    a pass never hides what did not run.
 */
export function decideVerdict(
  layers: readonly LayerReport[],
  findings: readonly Finding[],
  criteria: readonly CriterionResult[],
  policy: GatePolicy,
): Verdict {
  const failures: string[] = [];
  for (const layer of layers) {
    if (layer.status === "error") {
      failures.push(`layer ${layer.name} errored: ${layer.error ?? "unknown error"}`);
    }
  }
  for (const layer of layers) {
    if (layer.status === "skipped" && policy.require.includes(layer.name)) {
      failures.push(
        `required layer ${layer.name} was skipped: ${layer.skipReason ?? "no reason given"}`,
      );
    }
  }
  const blocking = findings.filter((finding) => isBlocking(finding, policy.failOn));
  if (blocking.length > 0) {
    failures.push(
      `${blocking.length} finding${blocking.length === 1 ? "" : "s"} at or above ${policy.failOn} (${countBySeverity(blocking)})`,
    );
  }
  const expired = blocking.filter((finding) => finding.waiver?.expired === true);
  if (expired.length > 0) {
    failures.push(
      `waiver expired for ${expired.map((finding) => `${finding.ruleId} (${finding.fingerprint ?? finding.id}, ${finding.waiver?.expires})`).join(", ")}: the finding counts again`,
    );
  }
  const unmet = criteria.filter((criterion) => criterion.status === "not_met");
  if (unmet.length > 0) {
    failures.push(
      `acceptance criteria not met: ${unmet.map((criterion) => criterion.id).join(", ")}`,
    );
  }
  const skipped = layers.filter((layer) => layer.status === "skipped").map((layer) => layer.name);
  const skippedNote = skipped.length > 0 ? [`skipped (not checked): ${skipped.join(", ")}`] : [];
  if (failures.length > 0) return { outcome: "fail", reasons: [...failures, ...skippedNote] };

  const human = layers.flatMap((layer) =>
    (layer.needsHuman ?? []).map((reason) => `${layer.name}: ${reason}`),
  );
  const asking = findings.filter((finding) => finding.needsHuman);
  if (asking.length > 0 && human.length === 0) {
    human.push(
      `${asking.length} finding${asking.length === 1 ? "" : "s"} need${asking.length === 1 ? "s" : ""} a person: ${[...new Set(asking.map((finding) => finding.ruleId))].join(", ")}`,
    );
  }
  if (policy.criteria === "evidence")
    human.push(...criteriaWithoutEvidence(criteria, layers, policy));
  if (human.length > 0) return { outcome: "needs-human", reasons: [...human, ...skippedNote] };
  return { outcome: "pass", reasons: skippedNote };
}

/**
 * A layer's shown status: `passed`/`failed` follow its findings against the
 * policy, so `failOn` means the same thing for every layer. Skips and errors
 * are kept exactly as the layer reported them.
 */
export function settleLayerStatus(
  reported: LayerReport["status"],
  findings: readonly Finding[],
  criteria: readonly CriterionResult[],
  failOn: Severity,
): LayerReport["status"] {
  if (reported === "skipped" || reported === "error") return reported;
  const blocking =
    findings.some((finding) => isBlocking(finding, failOn)) ||
    criteria.some((criterion) => criterion.status === "not_met");
  return blocking ? "failed" : "passed";
}

/**
 * The reasons criteria without evidence need a person: the unclear ones (a
 * source judged them and could not tell) and the unchecked ones (none did),
 * with what would check them.
 */
function criteriaWithoutEvidence(
  criteria: readonly CriterionResult[],
  layers: readonly LayerReport[],
  policy: GatePolicy,
): string[] {
  const reasons: string[] = [];
  const ids = (status: CriterionResult["status"]) =>
    criteria.filter((criterion) => criterion.status === status).map((criterion) => criterion.id);
  const unclear = ids("unclear");
  if (unclear.length > 0)
    reasons.push(`criteria unclear, a person must judge: ${unclear.join(", ")}`);
  const unchecked = ids("unchecked");
  if (unchecked.length > 0) {
    reasons.push(
      `criteria without evidence: ${unchecked.join(", ")} (${evidenceAdvice(layers, policy.evidence ?? ["evals", "tests", "review"])})`,
    );
  }
  return reasons;
}

/** What would give a criterion evidence, in the order `gate.evidence` lists the kinds. */
export function evidenceAdvice(layers: readonly LayerReport[], kinds: readonly string[]): string {
  const skipped = (name: string) =>
    layers.find((layer) => layer.name === name)?.status === "skipped"
      ? " (skipped in this run)"
      : "";
  const ways = kinds.map((kind) => {
    if (kind === "evals") return `an eval scenario with covers: [<id>]${skipped("evals")}`;
    if (kind === "tests") return `a test named with the criterion's AC id${skipped("tests")}`;
    if (kind === "review") return `a reviewer model (models.reviewer)${skipped("review")}`;
    return `the ${kind} layer${skipped(kind)}`;
  });
  return `give each one evidence: ${ways.join(", or ")}`;
}

function isBlocking(finding: Finding, failOn: Severity): boolean {
  return (
    finding.needsHuman !== true && !isWaived(finding) && meetsSeverity(finding.severity, failOn)
  );
}

function countBySeverity(findings: readonly Finding[]): string {
  return SEVERITIES.map((severity) => {
    const count = findings.filter((finding) => finding.severity === severity).length;
    return count > 0 ? `${count} ${severity}` : "";
  })
    .filter(Boolean)
    .join(", ");
}
