import { randomBytes } from "node:crypto";
import { isAbsolute, join } from "node:path";
import { loadConfig } from "../config/index.js";
import type { Report } from "../contract/index.js";
import { UsageError } from "../core/index.js";
import { type BatchDetection, detectInBatches, prepareCatalog } from "../failures/index.js";
import {
  createDefaultLayers,
  createReport,
  type DefaultLayerOptions,
  type GateEvent,
  type Layer,
  resolveSpecCitation,
  runGate,
} from "../gate/index.js";
import { currentBranch, findRepoRoot, readChange, resolveRange } from "../git/index.js";
// A deep import on purpose: models/index.ts pulls in the AI SDK (~110 ms),
// which jig check must only pay for when a reviewer actually runs.
import { resolveModelRoles } from "../models/model-roles.js";
import { generateRunId, openSqliteRunStore } from "../store/index.js";

export interface RunCheckOptions {
  cwd: string;
  base?: string | undefined;
  head?: string | undefined;
  spec?: string | undefined;
  /** `JIG_SPEC` from the environment. */
  envSpec?: string | undefined;
  noAi?: boolean;
  noCache?: boolean;
  /** The process environment (model ids, API keys, cassettes); only the CLI reads the real one. */
  env?: Readonly<Record<string, string | undefined>>;
  version: string;
  now: () => Date;
  /** Replace the default pipeline (tests, `jig loop`). */
  layers?: Layer[];
  /** Record the run in the store (default true). */
  record?: boolean;
  onEvent?: (event: GateEvent) => void;
}

/**
 * The imperative shell around the gate: read git and config, run the layers,
 * record the run, return the report. Rendering is the caller's job.
 */
export async function runCheck(options: RunCheckOptions): Promise<Report> {
  const startedAt = options.now();
  const repoRoot = await findRepoRoot(options.cwd);
  const { config } = await loadConfig(repoRoot, { cwd: options.cwd });
  const env = options.env ?? {};
  // A reviewer equal to the coder is a config error (exit 2) before anything runs.
  resolveModelRoles(config, env);
  const cassetteMode = env.JIG_CASSETTE_MODE;
  if (cassetteMode && cassetteMode !== "record" && cassetteMode !== "replay") {
    throw new UsageError(`JIG_CASSETTE_MODE must be record or replay, got "${cassetteMode}"`);
  }
  const range = await resolveRange({
    cwd: repoRoot,
    root: repoRoot,
    ...(options.base ? { base: options.base } : {}),
    ...(options.head ? { head: options.head } : {}),
    ...(config.defaultBranch ? { defaultBranch: config.defaultBranch } : {}),
  });
  // The failure-models layer's detectors run on each batch of files while git
  // is still writing the diff, as in `jig failures check`; the layer then
  // reports what they found. A catalog with lint errors, or any failure
  // here, leaves the work to the layer, which reports it as an error.
  let failureModels: DefaultLayerOptions["failureModels"];
  let streaming: BatchDetection | undefined;
  if (options.layers === undefined && !config.gate.skip.includes("failure-models")) {
    // As the layer itself would: paths in problems are shown relative to the root.
    const prepared = prepareCatalog({ repoRoot, config });
    // The layer awaits it and reports a failure; until then it must not count as unhandled.
    prepared.catch(() => {});
    failureModels = { prepared };
    streaming = detectInBatches({
      catalog: async () => {
        const catalog = await prepared;
        return catalog.ok ? catalog : undefined;
      },
      range,
      repoRoot,
      giveUpOnError: true,
    });
  }
  const [change, branch] = await Promise.all([
    readChange(range, repoRoot, streaming ? { onFiles: streaming.onFiles } : {}),
    currentBranch(repoRoot),
  ]);
  const detected = streaming?.finish(change.files.map((file) => file.path));
  if (failureModels && detected) {
    failureModels.detections = Promise.resolve(detected.run);
    failureModels.detectionMs = detected.ms;
  }
  const citation = await resolveSpecCitation({
    repoRoot,
    config,
    change,
    flag: options.spec,
    env: options.envSpec,
    branch,
  });
  const runId = generateRunId(startedAt, () => randomBytes(4).readUInt32BE() / 2 ** 32);
  const storePath = isAbsolute(config.store.path)
    ? config.store.path
    : join(repoRoot, config.store.path);
  const store = options.record === false ? undefined : openSqliteRunStore(storePath);
  try {
    store?.startRun({
      id: runId,
      startedAt: startedAt.toISOString(),
      base: range.base,
      head: range.head,
      baseRef: range.baseRef,
      headRef: range.headRef,
    });
    const gateOptions = options.onEvent
      ? { skip: config.gate.skip, onEvent: options.onEvent }
      : { skip: config.gate.skip };
    const gate = await runGate(
      {
        cwd: repoRoot,
        change,
        config,
        spec: citation,
        runId,
        now: options.now,
        options: { noAi: options.noAi ?? false, noCache: options.noCache ?? false },
      },
      options.layers ?? createDefaultLayers({ env, ...(failureModels ? { failureModels } : {}) }),
      gateOptions,
    );
    const report = createReport({
      runId,
      startedAt,
      finishedAt: options.now(),
      jigVersion: options.version,
      range: {
        base: range.base,
        head: range.head,
        baseRef: range.baseRef,
        headRef: range.headRef,
        workingTree: range.workingTree,
        description: range.description,
      },
      change,
      config,
      citation,
      gate,
    });
    store?.finishRun(report);
    return report;
  } finally {
    store?.close();
  }
}

/** Exit code for a verdict: 0 pass, 1 fail, 3 needs a human. */
export function exitCodeForOutcome(outcome: Report["verdict"]["outcome"]): number {
  return outcome === "pass" ? 0 : outcome === "needs-human" ? 3 : 1;
}
