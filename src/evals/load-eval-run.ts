import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { UsageError } from "../core/index.js";
import type { EvalRunReport } from "./eval-report.js";
import type { EvalResult, SuiteMeta } from "./eval-result.js";
import type { EvalStore } from "./eval-store.js";
import { findEvalRun } from "./find-eval-run.js";

/** A run's results and suite metadata, from the store or a `--format json` file. */
export interface LoadedRun {
  id: string;
  head?: string;
  headRef?: string;
  /** `K/N` when the run was one shard of a split run. */
  shard?: string;
  metas: SuiteMeta[];
  results: EvalResult[];
}

/**
 * Load a run named on the command line: a path to a `jig.eval-run/v1` JSON
 * file (shards from other CI machines), or a stored run id or prefix.
 */
export async function loadEvalRun(
  store: EvalStore,
  reference: string,
  cwd: string,
): Promise<LoadedRun> {
  if (reference.endsWith(".json")) {
    let report: EvalRunReport;
    try {
      report = JSON.parse(await readFile(resolve(cwd, reference), "utf8")) as EvalRunReport;
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
    if (report.run.shard) loaded.shard = report.run.shard;
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
  if (record.shard) loaded.shard = record.shard;
  return loaded;
}
