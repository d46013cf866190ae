import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { UsageError } from "../../core/errors.js";
import {
  type EvalFormat,
  type EvalResult,
  type EvalRunReport,
  type EvalStore,
  resultKey,
  type SuiteMeta,
  scoreResults,
  sortResults,
} from "../../evals/index.js";
import type { CliContext } from "../cli-context.js";
import { findEvalRun } from "./eval-support.js";

/** A run's results and suite metadata, from the store or a `--format json` file. */
export interface LoadedRun {
  id: string;
  head?: string;
  headRef?: string;
  metas: SuiteMeta[];
  results: EvalResult[];
}

/**
 * Load a run named on the command line: a path to a `jig.eval-run/v1` JSON
 * file (shards from other CI machines), or a stored run id or prefix.
 */
export async function loadRun(
  context: CliContext,
  store: EvalStore,
  reference: string,
): Promise<LoadedRun> {
  if (reference.endsWith(".json")) {
    let report: EvalRunReport;
    try {
      report = JSON.parse(await readFile(resolve(context.cwd, reference), "utf8")) as EvalRunReport;
    } catch (error) {
      throw new UsageError(`cannot read eval report ${reference}: ${(error as Error).message}`);
    }
    if (report.schema !== "jig.eval-run/v1") {
      throw new UsageError(
        `${reference} is not a jig eval report (write one with 'jig eval run --format json --output FILE')`,
      );
    }
    const loaded: LoadedRun = {
      id: report.run.id,
      metas: report.summary.suites.map((suite) => ({
        suite: suite.suite,
        ...(suite.file ? { file: suite.file } : {}),
        threshold: suite.threshold,
        covers: [],
        scenarios: suite.scenarios.map((scenario) => ({
          id: scenario.id,
          covers: scenario.covers,
          repeat: scenario.runs,
        })),
      })),
      results: report.results,
    };
    if (report.run.head) loaded.head = report.run.head;
    if (report.run.headRef) loaded.headRef = report.run.headRef;
    return loaded;
  }
  const record = findEvalRun(store, reference);
  const loaded: LoadedRun = {
    id: record.id,
    metas: record.suites,
    results: store.results(record.id),
  };
  if (record.head) loaded.head = record.head;
  if (record.headRef) loaded.headRef = record.headRef;
  return loaded;
}

/**
 * Join shard runs into one: results are keyed by suite/scenario/attempt
 * (a later shard wins a duplicate), suite metadata is unioned, and the
 * whole is scored again, so thresholds apply to the merged satisfaction.
 */
export function mergeRuns(runs: readonly LoadedRun[]): {
  metas: SuiteMeta[];
  results: EvalResult[];
} {
  const metas = new Map<string, SuiteMeta>();
  const results = new Map<string, EvalResult>();
  for (const run of runs) {
    for (const meta of run.metas) {
      const existing = metas.get(meta.suite);
      if (!existing) {
        metas.set(meta.suite, { ...meta, scenarios: [...meta.scenarios] });
        continue;
      }
      const known = new Set(existing.scenarios.map((scenario) => scenario.id));
      for (const scenario of meta.scenarios)
        if (!known.has(scenario.id)) existing.scenarios.push(scenario);
    }
    for (const result of run.results)
      results.set(resultKey(result.suite, result.scenario, result.attempt), result);
  }
  return { metas: [...metas.values()], results: sortResults([...results.values()]) };
}

export interface MergeFlags {
  format: EvalFormat;
  output?: string;
}

/** Build the merged report and record it as a run of its own (so --baseline finds it). */
export function buildMergedReport(
  runs: readonly LoadedRun[],
  options: { id: string; now: Date; store: EvalStore },
): EvalRunReport {
  const { metas, results } = mergeRuns(runs);
  const summary = scoreResults(metas, results);
  const at = options.now.toISOString();
  const head = runs.find((run) => run.head)?.head;
  const headRef = runs.find((run) => run.headRef)?.headRef;
  options.store.startRun({
    id: options.id,
    startedAt: at,
    ...(head ? { head } : {}),
    ...(headRef ? { headRef } : {}),
    options: { suites: metas.map((meta) => meta.suite) },
    suites: metas,
  });
  for (const result of results) options.store.recordResult(options.id, result);
  options.store.finishRun(options.id, at, summary);
  return {
    schema: "jig.eval-run/v1",
    run: {
      id: options.id,
      startedAt: at,
      finishedAt: at,
      durationMs: 0,
      ...(head ? { head } : {}),
      ...(headRef ? { headRef } : {}),
      mergedFrom: runs.map((run) => run.id),
    },
    summary,
    results,
  };
}
