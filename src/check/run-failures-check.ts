import type { Report } from "../contract/index.js";
import { meetsSeverity } from "../core/severity.js";
import { createFailureModelsLayer } from "../gate/layers/failure-models-layer.js";
import type { ModelEnv } from "../models/model-roles.js";
import { runCheck } from "./run-check.js";

export interface FailuresCheckOptions {
  cwd: string;
  base?: string | undefined;
  head?: string | undefined;
  /** A unified diff to check instead of a git range; `label` names it (`stdin`, a path). */
  diff?: { text: string; label: string } | undefined;
  env: ModelEnv;
  version: string;
  now: () => Date;
}

/**
 * `jig failures check`: the check pipeline with the failure-models layer
 * alone, on a git range or a unified diff. Returns a full `jig.report/v1`
 * so every reporter renders it, with a verdict from `gate.failOn` and no
 * required layers. The catalog is this command's input: one with lint
 * errors is a ValidationError listing every problem (exit 2), not a layer
 * error. Nothing is recorded.
 */
export async function runFailuresCheck(options: FailuresCheckOptions): Promise<Report> {
  const startedAt = options.now();
  const layer = createFailureModelsLayer({
    brokenCatalog: "throw",
    cwd: options.cwd,
    // Only files the diff adds whole can be rebuilt from it; there is no repository to read.
    ...(options.diff ? { readFile: (await import("../failures/index.js")).createHunkReader } : {}),
  });
  return runCheck({
    ...options,
    scope: "layers",
    layers: [layer],
    // The layer sees every line as git writes it; the report needs only the file list.
    keepHunks: false,
    runId: `failures-${startedAt.getTime().toString(36)}`,
  });
}

/** Exit code of a failures check: 1 when a finding meets `gate.failOn` or the layer errored, else 0. */
export function failuresExitCode(report: Report): number {
  if (report.layers.some((layer) => layer.status === "error")) return 1;
  return report.findings.some((finding) => meetsSeverity(finding.severity, report.policy.failOn))
    ? 1
    : 0;
}
