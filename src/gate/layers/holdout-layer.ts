import type { LayerResult } from "../../contract/index.js";
import type { FindingDraft } from "../../core/finding.js";
import { compareSeal, hashEvalFiles, readSeal, SEAL_FILE } from "../../evals/index.js";
import { repoRelativeDir } from "../../governance/governance-inputs.js";
import { type GateContext, governedDir, type Layer } from "../layer.js";

/**
 * Holdout guarantees: the suites the gate runs (the trusted base's) must be
 * the ones a human sealed. A broken or drifted seal is critical: a suite
 * nobody vouches for proves nothing. Edits to suites within the change are
 * governance changes, judged by the integrity layer.
 */
export function createHoldoutLayer(): Layer {
  return {
    name: "holdout",
    description: "Holdout eval suites are untouched and match their seal",
    run: evaluateHoldout,
  };
}

async function evaluateHoldout(context: GateContext): Promise<LayerResult> {
  const configured = context.config.evals.dir;
  // The suites and seal as the trusted base has them: a change that edits
  // either is the integrity layer's (JIG-T001), which tells an agent's
  // edit (fail) from a person's (needs a human).
  const dir = governedDir(context, configured);
  const findings: FindingDraft[] = [];
  const notes: string[] = [];
  if (repoRelativeDir(configured) === undefined) {
    notes.push(`evals.dir ${configured} is outside the repository: the change cannot touch it`);
  }

  const [sealState, actual] = await Promise.all([readSeal(dir), hashEvalFiles(dir)]);
  const fileCount = Object.keys(actual).length;
  if (sealState.state === "missing") {
    if (fileCount === 0 && findings.length === 0) {
      return {
        status: "skipped",
        findings: [],
        notes,
        skipReason: `no eval suites in ${configured} and no seal; write suites there and run 'jig eval seal'`,
      };
    }
    if (fileCount > 0) {
      findings.push({
        severity: "medium",
        ruleId: "JIG-H003",
        title: "The eval suites are not sealed",
        message: `${fileCount} file${fileCount === 1 ? "" : "s"} in ${configured} but no ${SEAL_FILE}: tampering cannot be detected.`,
        suggestion:
          "Run 'jig eval seal' (a human, not the coding agent) and keep the seal with the suites.",
      });
    }
  } else if (sealState.state === "invalid") {
    findings.push({
      severity: "critical",
      ruleId: "JIG-H002",
      title: "The eval seal is unreadable",
      message: `${configured}/${SEAL_FILE} is not a jig seal (jig.eval-seal/v1).`,
      suggestion:
        "Restore the seal from a trusted copy, or have a human re-seal with 'jig eval seal'.",
    });
  } else {
    const diff = compareSeal(sealState.seal, actual);
    const drift = [
      ...diff.changed.map((path) => `changed: ${path}`),
      ...diff.added.map((path) => `added: ${path}`),
      ...diff.removed.map((path) => `removed: ${path}`),
    ];
    if (drift.length > 0) {
      findings.push({
        severity: "critical",
        ruleId: "JIG-H002",
        title: "The eval suites do not match their seal",
        message: `Since ${sealState.seal.sealedBy} sealed them at ${sealState.seal.sealedAt}:\n${drift.join("\n")}`,
        suggestion:
          "Find out who changed the suites. If a human made the change on purpose, re-seal with 'jig eval seal'.",
      });
    } else {
      notes.push(
        `${fileCount} eval file${fileCount === 1 ? " matches" : "s match"} the seal by ${sealState.seal.sealedBy} (${sealState.seal.sealedAt})`,
      );
    }
  }
  const failing = findings.some((finding) => finding.severity === "critical");
  return { status: failing ? "failed" : "passed", findings, notes };
}
