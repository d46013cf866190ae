import type { EvalRunReport } from "./eval-report.js";
import { type EvalResult, resultKey, type SuiteMeta } from "./eval-result.js";
import type { EvalStore } from "./eval-store.js";
import { sortResults } from "./execute-eval-run.js";
import type { LoadedRun } from "./load-eval-run.js";
import { scoreResults } from "./score-results.js";

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
