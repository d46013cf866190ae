import { relative, resolve } from "node:path";
import { UsageError } from "../core/index.js";
import { currentBranch, readChange, resolveRange, tryGit } from "../git/index.js";
// model-roles directly: the models index loads the AI SDK, which only model targets need.
import { chooseModelForRole } from "../models/model-roles.js";
import type { EvalRunReport } from "./eval-report.js";
import type { EvalRunRecord, EvalStore } from "./eval-store.js";
import { executeEvalRun, withBaseline } from "./execute-eval-run.js";
import { findResumableRun } from "./find-eval-run.js";
import { loadSuites } from "./load-suites.js";
import { type EvalWorkspace, newEvalRunId } from "./open-eval-workspace.js";
import type { EvalSuite } from "./parse-suite.js";
import { parseShard } from "./plan-cases.js";
import type { EvalEvent } from "./run-evals.js";
import { selectSuitesByName, selectSuitesForChange } from "./select-suites.js";

export interface RunEvalSuitesOptions {
  workspace: EvalWorkspace;
  store: EvalStore;
  /** Suite ids or files; none means every suite. */
  names: readonly string[];
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  /** Only suites whose covers match the change between `base` and `head`. */
  changed?: boolean | undefined;
  base?: string | undefined;
  head?: string | undefined;
  /** Scenarios run at once (default: evals.concurrency). */
  concurrency?: number | undefined;
  repeat?: number | undefined;
  filter?: string | undefined;
  /** `K/N`: run the k-th of n equal parts. */
  shard?: string | undefined;
  /** A stored run to finish: its own suites, repeat, filter and shard apply. */
  resume?: string | undefined;
  /** A git ref: compare with the last stored run at it. */
  baseline?: string | undefined;
  useCache: boolean;
  onEvent?: ((event: EvalEvent) => void) | undefined;
}

/** What `jig eval run` did: nothing (and why), or a scored run. */
export type EvalSuitesOutcome =
  | { kind: "nothing-to-run"; reason: string }
  | {
      kind: "ran";
      report: EvalRunReport;
      /** Things worth telling the user that are not failures, e.g. a baseline with no run. */
      notes: string[];
    };

/**
 * `jig eval run`: pick the suites (by name, by the change, or those of a run
 * to resume), run them into the store, score them, and compare with the
 * baseline ref's last run when asked. Bad flags fail before anything runs.
 */
export async function runEvalSuites(options: RunEvalSuitesOptions): Promise<EvalSuitesOutcome> {
  const { workspace, store } = options;
  const { config, root } = workspace;
  const selection = await selectEvalSuites(options);
  if ("reason" in selection) return { kind: "nothing-to-run", reason: selection.reason };
  const { resume, suites, repeat, filter, shardText } = selection;
  const shard = shardText === undefined ? undefined : parseShard(shardText);
  if (shardText !== undefined && !shard)
    throw new UsageError(`--shard must be K/N with 1 <= K <= N, got '${shardText}'`);
  // Nothing to run because nothing exists is a setup mistake, not a pass:
  // say where jig looked. (--changed with no covering suite returned above.)
  if (suites.length === 0) {
    const looked = relative(options.cwd, resolve(root, config.evals.dir)) || ".";
    throw new UsageError(
      `no eval suites in ${looked}/: add <suite>.yaml files there (see docs/evals.md), or point evals.dir in jig.config.yaml at them`,
      { code: "evals/no-suites" },
    );
  }
  const baselineSha = await resolveBaseline(workspace, options.baseline);
  const head = workspace.inGit
    ? await tryGit(["rev-parse", "--verify", "-q", "HEAD"], root)
    : undefined;
  const headRef = workspace.inGit ? await currentBranch(root) : undefined;
  let report = await executeEvalRun({
    root,
    suites,
    env: options.env,
    providers: config.providers,
    judgeModel: config.evals.judgeModel,
    coderModel: chooseModelForRole("coder", config, options.env)?.value,
    concurrency: options.concurrency ?? config.evals.concurrency,
    repeat,
    filter,
    shard,
    shardText,
    useCache: options.useCache,
    store,
    runId: resume?.id ?? newEvalRunId(options.now()),
    resume,
    head: head?.trim() || undefined,
    headRef: headRef ?? undefined,
    now: options.now,
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  const notes: string[] = [];
  if (options.baseline && baselineSha) {
    const baseline = store.latestRunAt(baselineSha, report.run.id);
    if (baseline)
      report = withBaseline(report, {
        runId: baseline.id,
        ref: options.baseline,
        results: store.results(baseline.id),
      });
    else
      notes.push(
        `no stored eval run at ${options.baseline} (${baselineSha.slice(0, 12)}); nothing to compare with`,
      );
  }
  return { kind: "ran", report, notes };
}

interface EvalSelection {
  resume?: EvalRunRecord | undefined;
  suites: EvalSuite[];
  repeat?: number | undefined;
  filter?: string | undefined;
  shardText?: string | undefined;
}

/** The suites to run and how: from the resumed run, or from the names and the change. */
async function selectEvalSuites(
  options: RunEvalSuitesOptions,
): Promise<EvalSelection | { reason: string }> {
  const { workspace, store } = options;
  const { config, root } = workspace;
  const all = await loadSuites(workspace.evalsDir, options.cwd, { cache: store.cache });
  if (options.resume) {
    const resume = findResumableRun(store, options.resume);
    const wanted = new Set(resume.options.suites);
    return {
      resume,
      suites: all.filter((suite) => wanted.has(suite.suite)),
      repeat: resume.options.repeat,
      filter: resume.options.filter,
      shardText: resume.options.shard,
    };
  }
  const byName = selectSuitesByName(all, options.names);
  if (byName.unknown.length > 0) {
    throw new UsageError(
      `no suite named ${byName.unknown.map((name) => `'${name}'`).join(", ")} in ${config.evals.dir}; known: ${all.map((suite) => suite.suite).join(", ") || "none"}`,
    );
  }
  const selection = {
    suites: byName.selected,
    repeat: options.repeat,
    filter: options.filter,
    shardText: options.shard,
  };
  if (!options.changed) return selection;
  requireGit(workspace.inGit, "--changed");
  const range = await resolveRange({
    cwd: root,
    ...(options.base ? { base: options.base } : {}),
    ...(options.head ? { head: options.head } : {}),
    ...(config.defaultBranch ? { defaultBranch: config.defaultBranch } : {}),
  });
  const change = await readChange(range, root);
  const paths = change.files.flatMap((file) =>
    file.oldPath ? [file.path, file.oldPath] : [file.path],
  );
  const suites = selectSuitesForChange(selection.suites, paths);
  if (suites.length === 0)
    return {
      reason: `no suite covers the ${paths.length} changed files (${range.description}); nothing to run`,
    };
  return { ...selection, suites };
}

/** The baseline ref's commit; a bad ref is a usage error before anything runs, not after. */
async function resolveBaseline(
  workspace: EvalWorkspace,
  baseline: string | undefined,
): Promise<string | undefined> {
  if (!baseline) return undefined;
  requireGit(workspace.inGit, "--baseline");
  const sha = (
    await tryGit(["rev-parse", "--verify", "-q", `${baseline}^{commit}`], workspace.root)
  )?.trim();
  if (!sha) throw new UsageError(`--baseline: unknown revision '${baseline}'`);
  return sha;
}

function requireGit(inGit: boolean, flag: string): void {
  if (!inGit) throw new UsageError(`${flag} needs a git repository; run jig eval inside one`);
}
