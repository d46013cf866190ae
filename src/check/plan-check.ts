import type { JigConfig } from "../config/config-schema.js";
import type { Layer } from "../gate/layer.js";

/** Where the change comes from: a git range, or a unified diff read by the caller. */
export type ChangeSource =
  | { kind: "range"; base?: string | undefined; head?: string | undefined }
  | { kind: "diff"; text: string; label: string };

/** What a check asks for, before anything is read. */
export interface CheckRequest {
  base?: string | undefined;
  head?: string | undefined;
  /** A unified diff to check instead of a git range; `label` names it (`stdin`, a path). */
  diff?: { text: string; label: string } | undefined;
  /**
   * `gate` (the default): the whole gate, with a cited spec, the model set-up
   * checked, `gate.require` and `gate.skip` applied and the run recorded.
   * `layers`: the given layers as a tool of their own (`jig failures check`):
   * no spec, no model check, nothing required or skipped, nothing recorded.
   */
  scope?: "gate" | "layers" | undefined;
  record?: boolean | undefined;
  keepHunks?: boolean | undefined;
}

/** The steps of one check, decided from the request alone. */
export interface CheckPlan {
  change: ChangeSource;
  /** Outside a repository the current directory stands in for its root (a diff needs none). */
  repositoryOptional: boolean;
  /** Reviewer equal to coder, a bad cassette mode: exit 2 before any layer runs. */
  checkModels: boolean;
  citeSpec: boolean;
  /** `gate.require` and `gate.skip` from the config apply. */
  applyGatePolicy: boolean;
  record: boolean;
  /** False drops each batch's lines once the layers saw it: only the file list stays. */
  keepHunks: boolean;
}

/** Plan a check. Pure. */
export function planCheck(request: CheckRequest): CheckPlan {
  const gate = (request.scope ?? "gate") === "gate";
  const change: ChangeSource = request.diff
    ? { kind: "diff", ...request.diff }
    : { kind: "range", base: request.base, head: request.head };
  return {
    change,
    repositoryOptional: change.kind === "diff",
    checkModels: gate,
    citeSpec: gate,
    applyGatePolicy: gate,
    record: request.record ?? gate,
    keepHunks: request.keepHunks ?? true,
  };
}

/** The config the layers and the verdict see: without the gate policy, nothing is required or skipped. */
export function gateConfigFor(config: JigConfig, plan: Pick<CheckPlan, "applyGatePolicy">) {
  return plan.applyGatePolicy
    ? config
    : { ...config, gate: { ...config.gate, require: [], skip: [] } };
}

/** The layers to give a head start: those that ask for one and are not skipped. */
export function layersToPrepare(layers: readonly Layer[], config: JigConfig): Layer[] {
  const skip: readonly string[] = config.gate.skip;
  return layers.filter((layer) => layer.prepare && !skip.includes(layer.name));
}
