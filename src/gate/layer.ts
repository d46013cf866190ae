import type { JigConfig } from "../config/config-schema.js";
import type { LayerResult } from "../contract/index.js";
import type { Change } from "../core/change.js";
import type { Problem } from "../core/problem.js";
import type { Spec } from "../spec/spec.js";

/** How the change cites its spec, and what was found at that citation. */
export interface SpecCitation {
  /** The cited id, e.g. `SPEC-0007`. Absent when the change cites none. */
  id?: string;
  source?: "flag" | "trailer" | "active" | "branch" | "env";
  /** Other ids cited by trailers in the range, when more than one. */
  others: string[];
  /** Repo-relative path of the cited spec's file, when it exists. */
  path?: string;
  /** Loaded spec, when the file exists and parsed. */
  spec?: Spec;
  /** Lint and parse problems of the cited spec file. */
  problems: Problem[];
}

/**
 * Everything a layer may read. Layers never read the process, the clock or
 * the disk outside `cwd` on their own; what they need comes through here.
 */
export interface GateContext {
  /** Absolute repo root. */
  cwd: string;
  change: Change;
  config: JigConfig;
  spec: SpecCitation;
  /** The run being recorded, so model calls and evals can be linked to it. */
  runId?: string;
  now: () => Date;
  /** Flags that turn layers off on purpose (`--no-ai`). */
  options: { noAi?: boolean; noCache?: boolean };
  signal?: AbortSignal;
}

/**
 * A gate layer. Layers are independent: a layer that needs another concept's
 * output gets it through `GateContext`, never by importing another layer.
 *
 * `run` resolves for every ordinary input: what the layer could not do is
 * `skipped` with a `skipReason` or `error` with an `error` message. A throw
 * means a bug; `runGate` records it as `error`, which fails the verdict.
 * Every layer is held to `describeLayerConformance` from `jig/testing`.
 *
 * @example
 * const layer: Layer = {
 *   name: "spec",
 *   description: "The change cites an approved spec",
 *   async run(context) { return { status: "passed", findings: [], notes: [] }; },
 * };
 */
export interface Layer {
  name: string;
  description: string;
  run(context: GateContext): Promise<LayerResult>;
}
