import type { EvalResult } from "./eval-result.js";

/** One scenario's satisfaction in two runs. */
export interface ScenarioChange {
  suite: string;
  scenario: string;
  before: number;
  after: number;
}

export interface RunComparison {
  regressions: ScenarioChange[];
  improvements: ScenarioChange[];
  unchanged: number;
  /** In B only / in A only: `suite/scenario`. */
  added: string[];
  removed: string[];
}

/**
 * Per-scenario satisfaction of run A (before) against run B (after). Pure.
 * A regression is any drop, so one flaky failure shows; read it with the
 * repeat counts in mind.
 */
export function compareRuns(
  before: readonly EvalResult[],
  after: readonly EvalResult[],
): RunComparison {
  const a = satisfactionByScenario(before);
  const b = satisfactionByScenario(after);
  const comparison: RunComparison = {
    regressions: [],
    improvements: [],
    unchanged: 0,
    added: [],
    removed: [],
  };
  for (const [key, value] of b) {
    const previous = a.get(key);
    if (previous === undefined) {
      comparison.added.push(key);
      continue;
    }
    const [suite = "", scenario = ""] = splitKey(key);
    const change = { suite, scenario, before: previous, after: value };
    if (value < previous - 1e-9) comparison.regressions.push(change);
    else if (value > previous + 1e-9) comparison.improvements.push(change);
    else comparison.unchanged++;
  }
  for (const key of a.keys()) if (!b.has(key)) comparison.removed.push(key);
  return comparison;
}

function satisfactionByScenario(results: readonly EvalResult[]): Map<string, number> {
  const tallies = new Map<string, { passes: number; runs: number }>();
  for (const result of results) {
    const key = `${result.suite}\u0000${result.scenario}`;
    const tally = tallies.get(key) ?? { passes: 0, runs: 0 };
    tally.runs++;
    if (result.status === "pass") tally.passes++;
    tallies.set(key, tally);
  }
  return new Map(
    [...tallies].map(([key, tally]) => [key.replace("\u0000", "/"), tally.passes / tally.runs]),
  );
}

function splitKey(key: string): [string, string] {
  const slash = key.indexOf("/");
  return [key.slice(0, slash), key.slice(slash + 1)];
}
