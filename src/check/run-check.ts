import { randomBytes } from "node:crypto";
import type { Report } from "../contract/index.js";
import type { Change } from "../core/change.js";
import { ValidationError } from "../core/errors.js";
import { createReport } from "../gate/create-report.js";
import type { GateContext, Layer, LayerPreparation, SpecCitation } from "../gate/layer.js";
import { type GateEvent, runGate } from "../gate/run-gate.js";
import { currentBranch, type ResolvedRange, resolveRange } from "../git/index.js";
import { startGovernanceRead } from "../governance/start-governance-read.js";
import type { ModelEnv } from "../models/model-roles.js";
import type { TestRun } from "../tests/test-run.js";
import type { WaiverSet } from "../waivers/apply-waivers.js";
import {
  type Governance,
  loadGovernance,
  needsTrustedDefaultBranch,
  unsettledDefaultBranch,
} from "./load-governance.js";
import {
  type ChangeSource,
  type CheckPlan,
  type CheckRequest,
  gateConfigFor,
  layersToPrepare,
  planCheck,
} from "./plan-check.js";
import { changeFromDiff, findCheckRoot, streamChange } from "./read-check-change.js";
import { type RunRecord, startRunRecord } from "./record-run.js";
import { loadCheckAutonomy, settleAutonomy } from "./settle-autonomy.js";

export interface RunCheckOptions extends CheckRequest {
  cwd: string;
  spec?: string | undefined;
  /** `JIG_SPEC` from the environment. */
  envSpec?: string | undefined;
  noAi?: boolean;
  noCache?: boolean;
  /**
   * The process environment (model ids, API keys, cassettes); only the CLI
   * reads the real one. Required, so every command checks the same model
   * set-up: a bad `JIG_CASSETTE_MODE` is exit 2 wherever it is set.
   */
  env: ModelEnv;
  /** `--model`: the reviewer the run uses, for the model set-up check. */
  reviewerModel?: string | undefined;
  version: string;
  now: () => Date;
  /** Replace the default pipeline (`jig review`, `jig loop`, `jig failures check`, tests). */
  layers?: Layer[];
  /**
   * A coding agent that made the uncommitted changes (`jig loop` once its
   * coder ran): they carry no commit to attribute, so without this they
   * count as a person's. It can only tighten the verdict.
   */
  uncommittedBy?: string | undefined;
  /** The run's id; generated from the clock when absent. */
  runId?: string;
  onEvent?: (event: GateEvent) => void;
}

const NO_CITATION: SpecCitation = { others: [], problems: [] };

/**
 * `jig check` and every command built on it: resolve the range, load the
 * governance, stream the change to the layers that prepared for it, run the
 * layers, decide, and record. A thin shell around pure steps: the plan
 * (`planCheck`), the verdict (`decideVerdict`) and the report
 * (`createReport`). Rendering is the caller's job.
 *
 * @example
 * const report = await runCheck({ cwd: process.cwd(), env: process.env, version: "0.1.0", now: () => new Date() });
 * process.exitCode = exitCodeForOutcome(report.verdict.outcome);
 */
export async function runCheck(options: RunCheckOptions): Promise<Report> {
  const startedAt = options.now();
  const plan = planCheck(options);
  // The tests layer hands its run here, to be recorded with each test's result.
  const tests: { run?: TestRun } = {};
  const { root, range, change, branch, governance, config, layers, preparations } = await readCheck(
    options,
    plan,
    tests,
  );
  let record: RunRecord | undefined;
  try {
    // The gate's policy brings autonomy: the merge field and the run's evidence.
    const autonomyLoad = plan.applyGatePolicy
      ? loadCheckAutonomy({
          governance,
          change,
          env: options.env,
          reviewerFlag: options.reviewerModel,
        })
      : undefined;
    autonomyLoad?.catch(() => {});
    const waivers = await readWaivers(governance);
    const citation = plan.citeSpec
      ? await citeSpec(root, governance, change, options, branch)
      : NO_CITATION;
    const reportRange = rangeOfReport(change, range, plan.change);
    const runId = options.runId ?? (await newRunId(startedAt));
    if (plan.record) {
      const storePath = config.store.path;
      record = await startRunRecord({
        root,
        storePath,
        storeUrl: config.store.url,
        runId,
        startedAt,
        range: reportRange,
        env: options.env,
        now: options.now,
      });
    }
    // A broken autonomy.yaml at the base is exit 2 before any layer runs.
    const autonomy = await autonomyLoad;
    const context: GateContext = {
      cwd: root,
      governanceRoot: governance.root,
      change,
      config,
      spec: citation,
      runId,
      now: options.now,
      options: { noAi: options.noAi ?? false, noCache: options.noCache ?? false },
    };
    const gate = await runGate(context, layers, {
      skip: config.gate.skip,
      preparations,
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    });
    const report = createReport({
      runId,
      startedAt,
      finishedAt: options.now(),
      jigVersion: options.version,
      range: reportRange,
      change,
      config,
      citation,
      gate,
      ...(plan.applyGatePolicy ? { governance: governanceOfReport(governance) } : {}),
      ...(waivers ? { waivers } : {}),
    });
    if (!autonomy) {
      record?.finish(report, tests.run);
      return report;
    }
    const finishing = record;
    report.merge = await settleAutonomy({
      autonomy,
      report,
      now: options.now,
      store: finishing
        ? {
            db: finishing.db,
            storePath: finishing.storePath,
            env: options.env,
            // The run's record, in the evidence's transaction, with the merge in its report.
            alongside: (merge) => {
              report.merge = merge;
              finishing.finish(report, tests.run);
            },
          }
        : undefined,
    });
    return report;
  } finally {
    record?.close();
    await governance.dispose();
  }
}

/**
 * Everything before the layers run: the root, the range, the governance read
 * from the range's base, the layers and their head starts, and the change.
 * The layers' modules load while git resolves the range and reads the base;
 * the layers then see each batch of files while git still writes the diff.
 */
async function readCheck(options: RunCheckOptions, plan: CheckPlan, tests: { run?: TestRun }) {
  const warming: Promise<unknown>[] = [];
  try {
    return await readCheckWarming(options, plan, tests, warming);
  } catch (error) {
    // The modules loading as head starts finish before the error leaves, so
    // no load outlives the check that started it.
    await Promise.allSettled(warming);
    throw error;
  }
}

async function readCheckWarming(
  options: RunCheckOptions,
  plan: CheckPlan,
  tests: { run?: TestRun },
  warming: Promise<unknown>[],
) {
  // Cold, the governance reader (zod, yaml) takes longer to load than git
  // takes to resolve the range: start loading it first.
  warming.push(import("../governance/read-governance.js"));
  if (plan.applyGatePolicy) warming.push(import("../gate/layers/integrity-layer.js"));
  for (const load of warming) load.catch(() => {});
  const root = await findCheckRoot(options.cwd, plan.repositoryOptional);
  const loadingLayers =
    options.layers ??
    import("../gate/create-default-layers.js").then((module) =>
      module.createDefaultLayers({
        env: options.env,
        onTestRun: (run) => {
          tests.run = run;
        },
      }),
    );
  const layersLoad = Promise.resolve(loadingLayers);
  layersLoad.catch(() => {});
  warming.push(layersLoad);
  const { located, governing } = await locateAndGovern(plan, root, options.cwd);
  const range = "range" in located ? located.range : undefined;
  // The base's rules and the layers' modules (the AI SDK among them) load
  // while git writes the diff: the stream asks for the preparations only once
  // a batch is ready.
  const preparing = (async () => {
    const governance = await governing;
    if (plan.checkModels) {
      // Deep, and only here: the models index loads the AI SDK, and model-roles the
      // config schema, neither of which a check may wait for before git starts.
      const { checkModelSetup } = await import("../models/check-model-setup.js");
      checkModelSetup(governance.config, options.env, options.reviewerModel);
    }
    const config = gateConfigFor(governance.config, plan);
    const given = await loadingLayers;
    const layers = plan.applyGatePolicy
      ? [
          (await import("../gate/layers/integrity-layer.js")).createIntegrityLayer(governance, {
            uncommittedBy: options.uncommittedBy,
          }),
          ...given,
        ]
      : given;
    const preparations = prepareLayers(layers, config, root, governance, range);
    return { governance, config, layers, preparations };
  })();
  preparing.catch(() => {});
  try {
    const reading =
      "range" in located
        ? streamChange({
            range: located.range,
            root,
            keepHunks: plan.keepHunks,
            preparations: async () => [...(await preparing).preparations.values()],
          })
        : Promise.resolve(located.change);
    // git is running now: find the branch while it writes.
    const branch = plan.citeSpec ? currentBranch(root) : Promise.resolve(undefined);
    branch.catch(() => {});
    const [change, prepared] = await Promise.all([reading, preparing]);
    const { governance, config, layers, preparations } = prepared;
    // A set-up that is the user's to fix (a broken catalog in `jig failures check`) ends the check here.
    await Promise.all([...preparations.values()].map((preparation) => preparation.ready));
    return { root, range, change, branch: await branch, governance, config, layers, preparations };
  } catch (error) {
    await (await governing.catch(() => undefined))?.dispose();
    throw error;
  }
}

/**
 * Where the change comes from, and the governance it is judged by. Without
 * `--base` the range depends on the default branch: detected first, then
 * settled by the config at that base (a trusted file), never by the working
 * tree's config, which the change may have edited.
 */
async function locateAndGovern(
  plan: CheckPlan,
  root: string,
  cwd: string,
): Promise<{
  located: { range: ResolvedRange } | { change: Change };
  /** Awaited already without `--base`, where it settled the range; still loading with it. */
  governing: Promise<Governance>;
}> {
  const source = plan.change;
  const trusted = plan.applyGatePolicy;
  const started = (promise: Promise<Governance>) => {
    promise.catch(() => {});
    return promise;
  };
  if (source.kind === "diff") {
    const change = changeFromDiff(source.text, source.label);
    return { located: { change }, governing: started(loadGovernance({ root, cwd, trusted })) };
  }
  const resolve = (defaultBranch?: string) =>
    resolveRange({
      cwd: root,
      root,
      ...(source.base !== undefined ? { base: source.base } : {}),
      ...(source.head !== undefined ? { head: source.head } : {}),
      ...(defaultBranch ? { defaultBranch } : {}),
    });
  let range = await resolveWithFallback(resolve, root, cwd, source.base !== undefined);
  // git reads the base while the reader's modules (zod, yaml) still load.
  const reading = trusted ? startGovernanceRead(root, range.base) : undefined;
  // With --base nothing the governance says can move the range: git starts now.
  if (source.base !== undefined) {
    return {
      located: { range },
      governing: started(loadGovernance({ root, cwd, range, trusted, started: reading })),
    };
  }
  let governance = await loadGovernance({ root, cwd, range, trusted, started: reading });
  const wanted = needsTrustedDefaultBranch(governance, range);
  if (wanted) {
    await governance.dispose();
    const first = range.baseRef;
    range = await resolve(wanted);
    governance = await loadGovernance({ root, cwd, range, trusted });
    if (needsTrustedDefaultBranch(governance, range)) {
      await governance.dispose();
      throw unsettledDefaultBranch(first, wanted);
    }
  }
  return { located: { range }, governing: Promise.resolve(governance) };
}

/**
 * Resolve the range with the detected default branch. When none is found
 * (no origin/HEAD, main or master), the working tree's `defaultBranch` is
 * tried; the caller then lets the config at that base overrule it
 * ({@link needsTrustedDefaultBranch}). In such a repository nothing outside
 * the branch vouches for the base: CI passes `--base`.
 */
async function resolveWithFallback(
  resolve: (defaultBranch?: string) => Promise<ResolvedRange>,
  root: string,
  cwd: string,
  baseGiven: boolean,
): Promise<ResolvedRange> {
  try {
    return await resolve();
  } catch (error) {
    if (baseGiven) throw error;
    const { loadConfig } = await import("../config/load-config.js");
    const named = (await loadConfig(root, { cwd }).catch(() => undefined))?.config.defaultBranch;
    if (!named) throw error;
    return resolve(named);
  }
}

/** Give every layer that asks for it (and is not skipped) its head start. */
function prepareLayers(
  layers: readonly Layer[],
  config: Governance["config"],
  root: string,
  governance: Governance,
  range: ResolvedRange | undefined,
): Map<Layer, LayerPreparation> {
  const preparations = new Map<Layer, LayerPreparation>();
  for (const layer of layersToPrepare(layers, config)) {
    const preparation = layer.prepare?.({
      cwd: root,
      config,
      governanceRoot: governance.root,
      ...(range ? { range } : {}),
    });
    if (!preparation) continue;
    // Awaited once the change is read; a set-up that fails sooner must not count as unhandled.
    preparation.ready?.catch(() => {});
    preparations.set(layer, preparation);
  }
  return preparations;
}

async function citeSpec(
  root: string,
  governance: Governance,
  change: Change,
  options: RunCheckOptions,
  branch: string | undefined,
): Promise<SpecCitation> {
  // spec/ loads here: a check that cites no spec (jig failures check) never needs it.
  const { resolveSpecCitation } = await import("../gate/resolve-spec-citation.js");
  return resolveSpecCitation({
    repoRoot: root,
    specRoot: governance.root,
    config: governance.config,
    change,
    flag: options.spec,
    env: options.envSpec,
    branch,
  });
}

/**
 * The waivers the change is judged with, from the governance (the trusted
 * base), never from the change.
 *
 * @throws ValidationError when the file is invalid (exit 2), lines as in that revision.
 */
async function readWaivers(governance: Governance): Promise<WaiverSet | undefined> {
  if (!governance.waivers) return undefined;
  const { parseWaivers } = await import("../waivers/parse-waivers.js");
  const { WAIVERS_FILE } = await import("../waivers/waivers-file.js");
  const { waivers, problems } = parseWaivers(governance.waivers.text, WAIVERS_FILE);
  if (!waivers) throw new ValidationError(problems);
  return { waivers, label: governance.waivers.label };
}

function governanceOfReport(governance: Governance): NonNullable<Report["governance"]> {
  return {
    source: governance.source,
    ...(governance.revision ? { revision: governance.revision } : {}),
    ...(governance.configLabel ? { config: governance.configLabel } : {}),
    bootstrap: governance.bootstrap,
    files: governance.files.map((file) => ({ path: file.path, kind: file.kind })),
  };
}

function rangeOfReport(
  change: Change,
  range: ResolvedRange | undefined,
  source: ChangeSource,
): Report["range"] {
  return {
    base: change.base,
    head: change.head,
    baseRef: change.baseRef,
    headRef: change.headRef,
    workingTree: change.workingTree,
    description:
      range?.description ?? (source.kind === "diff" ? `unified diff from ${source.label}` : ""),
  };
}

async function newRunId(startedAt: Date): Promise<string> {
  const { generateRunId } = await import("../store/run-store.js");
  return generateRunId(startedAt, () => randomBytes(4).readUInt32BE() / 2 ** 32);
}
