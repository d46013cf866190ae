import { UsageError } from "../core/index.js";
import type { EvalRunReport } from "./eval-report.js";
import { type EvalResult, resultKey, type SuiteMeta } from "./eval-result.js";
import type { EvalStore } from "./eval-store.js";
import { sortResults } from "./execute-eval-run.js";
import type { LoadedRun } from "./load-eval-run.js";
import { scoreResults } from "./score-results.js";

/**
 * Why a set of runs cannot be merged, or undefined when it can. A merge of
 * shards must hold every shard of one split exactly once, all at one commit:
 * a missing shard would score a partial satisfaction as if it were the
 * whole, and a shard given twice would hide that another is missing. Pure.
 */
export function shardSetProblem(runs: readonly LoadedRun[]): string | undefined {
  const seen = new Map<string, string>();
  for (const run of runs) {
    const prior = seen.get(run.id);
    if (prior !== undefined) return `run ${run.id} is given twice; pass each shard's report once`;
    seen.set(run.id, run.id);
  }
  const sharded = runs.filter((run) => run.shard !== undefined);
  if (sharded.length === 0) return undefined;
  const whole = runs.find((run) => run.shard === undefined);
  if (whole)
    return `run ${whole.id} is not a shard, but the others are; merge only the shards of one split`;
  const parsed = sharded.map((run) => {
    const [index, total] = (run.shard as string).split("/").map(Number);
    return { run, index: index as number, total: total as number };
  });
  const totals = [...new Set(parsed.map((entry) => entry.total))];
  if (totals.length > 1)
    return `the runs come from different splits (${totals.map((n) => `/${n}`).join(", ")}); merge the shards of one split`;
  const total = totals[0] as number;
  const byIndex = new Map<number, string>();
  for (const { run, index } of parsed) {
    const other = byIndex.get(index);
    if (other !== undefined)
      return `shard ${index}/${total} is given twice (runs ${other} and ${run.id})`;
    byIndex.set(index, run.id);
  }
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter(
    (index) => !byIndex.has(index),
  );
  if (missing.length > 0) {
    const list = missing.map((index) => `${index}/${total}`).join(", ");
    return `shard${missing.length > 1 ? "s" : ""} ${list} ${missing.length > 1 ? "are" : "is"} missing; run 'jig eval run --shard ${missing[0]}/${total}' and pass its report too`;
  }
  const heads = [...new Set(sharded.map((run) => run.head).filter((head) => head !== undefined))];
  if (heads.length > 1)
    return `the shards ran at different commits (${heads.map((head) => head.slice(0, 12)).join(", ")}); rerun them at one commit`;
  return undefined;
}

/**
 * Join shard runs into one: results are keyed by suite/scenario/attempt,
 * suite metadata is unioned, and the whole is scored again, so thresholds
 * apply to the merged satisfaction. Callers check shardSetProblem first.
 */
export function mergeRuns(given: readonly LoadedRun[]): {
  metas: SuiteMeta[];
  results: EvalResult[];
} {
  // Shards in split order, whatever order the command line named them in,
  // so merging the same set twice gives the same report.
  const runs = [...given].sort((a, b) => shardIndex(a) - shardIndex(b));
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
  if (runs.some((run) => run.shard !== undefined)) restorePlanOrder(runs, metas);
  return { metas: [...metas.values()], results: sortResults([...results.values()]) };
}

function shardIndex(run: LoadedRun): number {
  return run.shard ? Number(run.shard.split("/")[0]) : 0;
}

/**
 * Put scenarios back in the order one unsplit run lists them. planCases
 * deals the scenarios out round-robin (the g-th to shard g mod n), so
 * dealing each shard's list back in turn rebuilds the original order.
 */
function restorePlanOrder(runs: readonly LoadedRun[], metas: Map<string, SuiteMeta>): void {
  const lists = runs.map((run) =>
    run.metas.flatMap((meta) =>
      meta.scenarios.map((scenario) => `${meta.suite}\u0000${scenario.id}`),
    ),
  );
  const rank = new Map<string, number>();
  const longest = Math.max(0, ...lists.map((list) => list.length));
  for (let position = 0; position < longest; position++)
    for (const list of lists) {
      const key = list[position];
      if (key !== undefined && !rank.has(key)) rank.set(key, rank.size);
    }
  for (const meta of metas.values()) {
    const at = (id: string) => rank.get(`${meta.suite}\u0000${id}`) ?? Number.MAX_SAFE_INTEGER;
    meta.scenarios.sort((a, b) => at(a.id) - at(b.id));
  }
}

/** Build the merged report and record it as a run of its own (so --baseline finds it). */
export function buildMergedReport(
  runs: readonly LoadedRun[],
  options: { id: string; now: Date; store: EvalStore },
): EvalRunReport {
  const problem = shardSetProblem(runs);
  if (problem) throw new UsageError(problem, { code: "evals/shard-set" });
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
