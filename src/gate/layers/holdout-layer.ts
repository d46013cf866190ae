import { isAbsolute, relative, resolve, sep } from "node:path";
import type { LayerResult } from "../../contract/index.js";
import type { FindingDraft } from "../../core/finding.js";
import { compareSeal, hashEvalFiles, readSeal, SEAL_FILE } from "../../evals/index.js";
import type { GateContext, Layer } from "../layer.js";

/**
 * Holdout guarantees: the coding agent must neither edit the eval suites
 * nor the seal, and the suites on disk must be the ones a human sealed.
 * Either breach is critical: a suite the coder can rewrite proves nothing.
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
  const dir = resolve(context.cwd, configured);
  const inRepo = relative(context.cwd, dir);
  const insideRepo = inRepo === "" || (!inRepo.startsWith("..") && !isAbsolute(inRepo));
  const prefix = inRepo.split(sep).join("/");
  const findings: FindingDraft[] = [];
  const notes: string[] = [];

  if (insideRepo) {
    const isEvalPath = (path: string) =>
      prefix === "" || path === prefix || path.startsWith(`${prefix}/`);
    for (const file of context.change.files) {
      const touched = [file.path, file.oldPath].filter(
        (path): path is string => path !== undefined && isEvalPath(path),
      );
      for (const path of touched) {
        const isSeal = path === `${prefix}/${SEAL_FILE}`;
        findings.push({
          severity: "critical",
          ruleId: "JIG-H001",
          file: path,
          title: isSeal
            ? "The change edits the eval seal"
            : "The change touches a holdout eval file",
          message: `${path} is in evals.dir (${configured}). Holdout suites must be out of the coding agent's reach; a change that edits them can make failing code look satisfied.`,
          suggestion:
            "Drop this file from the change. Suites change only by a human, in a separate change, followed by 'jig eval seal'. Better: keep them in a separate repository (evals.dir: ../<name>-evals).",
        });
      }
    }
  } else {
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
        `${fileCount} eval file${fileCount === 1 ? "" : "s"} match the seal by ${sealState.seal.sealedBy} (${sealState.seal.sealedAt})`,
      );
    }
  }
  const failing = findings.some((finding) => finding.severity === "critical");
  return { status: failing ? "failed" : "passed", findings, notes };
}
