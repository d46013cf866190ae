import type { CriterionResult, LayerReport, LayerResult } from "../contract/index.js";
import { JigError } from "../core/errors.js";
import type { Finding } from "../core/finding.js";
import { settleLayerStatus } from "./decide-verdict.js";
import { fingerprintChangeFindings } from "./fingerprint-findings.js";
import type { GateContext, Layer, LayerPreparation } from "./layer.js";
import { foldCriteria } from "./settle-criterion.js";

/** Progress events, noun-verb, for reporters that show live progress. */
export type GateEvent =
  | { type: "layer-start"; layer: string }
  | { type: "layer-finish"; layer: string; report: LayerReport };

export interface GateRun {
  layers: LayerReport[];
  findings: Finding[];
  criteria: CriterionResult[];
}

export interface RunGateOptions {
  /** Layers to skip on purpose (config `gate.skip`). */
  skip?: readonly string[];
  onEvent?: (event: GateEvent) => void;
  /** Monotonic clock in ms, injectable for deterministic tests. */
  clock?: () => number;
  /** What each layer's `prepare` returned, handed back to its `run`. */
  preparations?: ReadonlyMap<Layer, LayerPreparation>;
}

/** The layer's work done in preparation, counted in its duration; 0 for a skipped layer. */
function preparedMs(options: RunGateOptions, layer: Layer): number {
  if (options.skip?.includes(layer.name)) return 0;
  return options.preparations?.get(layer)?.spentMs?.() ?? 0;
}

/**
 * Run the layers in order. One layer throwing never stops the others: it is
 * recorded as `error`, which fails the verdict.
 */
export async function runGate(
  context: GateContext,
  layers: readonly Layer[],
  options: RunGateOptions = {},
): Promise<GateRun> {
  const clock = options.clock ?? (() => performance.now());
  const run: GateRun = { layers: [], findings: [], criteria: [] };
  for (const layer of layers) {
    options.onEvent?.({ type: "layer-start", layer: layer.name });
    const started = clock();
    let result: LayerResult;
    if (options.skip?.includes(layer.name)) {
      result = {
        status: "skipped",
        findings: [],
        notes: [],
        skipReason: "skipped on purpose by gate.skip in jig.config.yaml",
      };
    } else {
      try {
        result = await layer.run(context, options.preparations?.get(layer));
      } catch (error) {
        result = {
          status: "error",
          findings: [],
          notes: [],
          error: error instanceof Error ? error.message : String(error),
          ...(error instanceof JigError ? { errorCode: error.code } : {}),
        };
      }
    }
    const findings = result.findings.map(
      (draft, index): Finding => ({
        ...draft,
        id: `${layer.name}-${index + 1}`,
        layer: layer.name,
      }),
    );
    const criteria = result.criteria ?? [];
    const report: LayerReport = {
      name: layer.name,
      status: settleLayerStatus(result.status, findings, criteria, context.config.gate.failOn),
      durationMs: Math.round((clock() - started + preparedMs(options, layer)) * 100) / 100,
      findings: findings.length,
      notes: result.notes,
    };
    if (result.status === "skipped") report.skipReason = result.skipReason ?? "no reason given";
    if (result.status === "error") {
      report.error = result.error ?? "unknown error";
      if (result.errorCode) report.errorCode = result.errorCode;
    }
    if (result.usage) report.usage = result.usage;
    if (result.needsHuman && result.needsHuman.length > 0) report.needsHuman = result.needsHuman;
    run.layers.push(report);
    run.findings.push(...findings);
    foldCriteria(run.criteria, criteria, layer.name, context.config.gate.evidence);
    options.onEvent?.({ type: "layer-finish", layer: layer.name, report });
  }
  // Once every layer ran: the occurrence counter of a repeated fingerprint counts across layers.
  run.findings = await fingerprintChangeFindings(run.findings, context.change, context.cwd);
  return run;
}
