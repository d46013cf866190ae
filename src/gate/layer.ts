import { join, resolve } from "node:path";
import type { JigConfig } from "../config/config-schema.js";
import type { LayerResult } from "../contract/index.js";
import type { Change, ChangedFile } from "../core/change.js";
import type { Problem } from "../core/problem.js";
import { repoRelativeDir } from "../governance/governance-inputs.js";
import type { Spec } from "../spec/spec.js";

/** How the change cites its spec, and what was found at that citation. */
export interface SpecCitation {
  /** The cited id, e.g. `SPEC-0007`. Absent when the change cites none. */
  id?: string;
  source?: "flag" | "trailer" | "active" | "branch" | "env";
  /** Other ids cited by trailers in the range, when more than one. */
  others: string[];
  /** Repo-relative path of the cited spec's file, when it exists (at the trusted base). */
  path?: string;
  /**
   * The spec exists in the working tree at this path but not at the trusted
   * base: it was written or approved within the change, so it counts for nothing yet.
   */
  onlyInChange?: string;
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
  /**
   * Where governance inputs (agents, catalog, evals, specs) are read: a
   * private copy of the trusted base revision, never the change. Absent
   * means `cwd` (a library caller that runs layers on a plain folder).
   */
  governanceRoot?: string;
  /** Flags that turn layers off on purpose (`--no-ai`). */
  options: { noAi?: boolean; noCache?: boolean };
  signal?: AbortSignal;
}

/**
 * What a layer may read before the change exists: the repository, the
 * governance the run is judged by and the range git is about to diff.
 */
export interface LayerPrepareInput {
  /** Absolute repo root (or, for a unified diff outside a repository, the directory it is checked in). */
  cwd: string;
  config: JigConfig;
  /** As {@link GateContext.governanceRoot}. */
  governanceRoot?: string;
  /** The range being read; absent when the change comes from a unified diff. */
  range?: Pick<Change, "base" | "head" | "baseRef" | "headRef" | "workingTree">;
}

/**
 * A layer's head start, returned by {@link Layer.prepare}. The pipeline hands
 * it back to {@link Layer.run}, so a layer object holds no state of its own
 * between runs.
 */
export interface LayerPreparation {
  /**
   * Offered each batch of parsed files while git is still writing the diff,
   * in diff order, one batch at a time: the next comes once this promise
   * settles. A rejection ends the whole check with that error.
   */
  onFiles?(files: ChangedFile[]): Promise<void>;
  /**
   * Settles when the layer's setup is done; awaited before any layer runs. A
   * rejection ends the whole check with that error (e.g. bad input, exit 2);
   * a layer that reports a broken setup as its own `error` result keeps it
   * resolving and says so from `run`.
   */
  ready?: Promise<void>;
  /**
   * Milliseconds of the layer's own work done during preparation (detectors
   * run while git writes the diff), read after `run` settles. The pipeline
   * adds it to the layer's duration: that work is the layer's, and its notes
   * report it, so the layer's time must include it.
   */
  spentMs?(): number;
}

/**
 * A gate layer. Layers are independent: a layer that needs another concept's
 * output gets it through `GateContext`, never by importing another layer.
 *
 * A layer that can use the time git spends writing the diff implements
 * `prepare`: the pipeline calls it once the governance is loaded (never for
 * a layer the run skips), offers it every batch of files as git writes them,
 * and passes what it returned to `run`. `run` must give the same result
 * without a preparation, or with one that saw no batch.
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
  prepare?(input: LayerPrepareInput): LayerPreparation;
  run(context: GateContext, preparation?: LayerPreparation): Promise<LayerResult>;
}

/**
 * Where a configured governance folder (`agents.dir`, `evals.dir`, ...) is
 * read from: inside the repository, from the trusted copy; outside it
 * (`../acme-evals`, where no change reaches), from disk beside the repository.
 */
export function governedDir(
  context: Pick<GateContext, "cwd" | "governanceRoot">,
  dir: string,
): string {
  const inside = repoRelativeDir(dir);
  if (inside === undefined) return resolve(context.cwd, dir);
  return inside === ""
    ? (context.governanceRoot ?? context.cwd)
    : join(context.governanceRoot ?? context.cwd, inside);
}
