import { type Interval, wilsonInterval } from "../core/wilson-interval.js";
import type { EvalResult, SuiteMeta } from "./eval-result.js";

export interface ScenarioScore {
  id: string;
  covers: string[];
  runs: number;
  passes: number;
  failures: number;
  errors: number;
  /** Share of runs in which every assertion passed. */
  satisfaction: number;
  /** Wilson 95% interval, when the scenario ran more than once. */
  interval?: Interval;
}

export interface SuiteScore {
  suite: string;
  file?: string;
  threshold: number;
  /** Mean of the scenario satisfactions. */
  satisfaction: number;
  /** Wilson 95% interval over all runs, when any scenario repeats. */
  interval?: Interval;
  /**
   * pass^k: the share of scenarios whose every run passed, with k the most
   * runs any scenario had. Equals satisfaction when nothing repeats; below it,
   * a flaky scenario that a single run would have let through.
   */
  passAll: number;
  /** The k of pass^k: the most runs of one scenario. */
  repeat: number;
  passed: boolean;
  runs: number;
  passes: number;
  failures: number;
  errors: number;
  scenarios: ScenarioScore[];
}

export interface EvalSummary {
  /** Every suite reached its threshold. */
  passed: boolean;
  suites: SuiteScore[];
  runs: number;
  passes: number;
  failures: number;
  errors: number;
}

/** Tolerance for `satisfaction >= threshold` on float means. */
const EPSILON = 1e-9;

/**
 * Score runs into scenario and suite satisfaction. Pure. Scenarios without
 * runs (filtered out, in another shard) are left out of the mean rather
 * than counted as failures; a suite with no runs at all is left out.
 */
export function scoreResults(
  metas: readonly SuiteMeta[],
  results: readonly EvalResult[],
): EvalSummary {
  const bySuite = new Map<
    string,
    Map<string, { passes: number; failures: number; errors: number }>
  >();
  for (const result of results) {
    let scenarios = bySuite.get(result.suite);
    if (!scenarios) {
      scenarios = new Map();
      bySuite.set(result.suite, scenarios);
    }
    let tally = scenarios.get(result.scenario);
    if (!tally) {
      tally = { passes: 0, failures: 0, errors: 0 };
      scenarios.set(result.scenario, tally);
    }
    if (result.status === "pass") tally.passes++;
    else if (result.status === "fail") tally.failures++;
    else tally.errors++;
  }
  const suites: SuiteScore[] = [];
  for (const meta of metas) {
    const tallies = bySuite.get(meta.suite);
    if (!tallies) continue;
    const scenarios: ScenarioScore[] = [];
    let repeated = false;
    for (const scenario of meta.scenarios) {
      const tally = tallies.get(scenario.id);
      if (!tally) continue;
      const runs = tally.passes + tally.failures + tally.errors;
      const score: ScenarioScore = {
        id: scenario.id,
        covers: scenario.covers,
        runs,
        ...tally,
        satisfaction: tally.passes / runs,
      };
      if (runs > 1) {
        score.interval = wilsonInterval(tally.passes, runs);
        repeated = true;
      }
      scenarios.push(score);
    }
    if (scenarios.length === 0) continue;
    const sum = (pick: (score: ScenarioScore) => number) =>
      scenarios.reduce((total, score) => total + pick(score), 0);
    const satisfaction = sum((score) => score.satisfaction) / scenarios.length;
    const suite: SuiteScore = {
      suite: meta.suite,
      threshold: meta.threshold,
      satisfaction,
      passAll: scenarios.filter((score) => score.passes === score.runs).length / scenarios.length,
      repeat: Math.max(...scenarios.map((score) => score.runs)),
      passed: satisfaction + EPSILON >= meta.threshold,
      runs: sum((score) => score.runs),
      passes: sum((score) => score.passes),
      failures: sum((score) => score.failures),
      errors: sum((score) => score.errors),
      scenarios,
    };
    if (meta.file !== undefined) suite.file = meta.file;
    if (repeated) suite.interval = wilsonInterval(suite.passes, suite.runs);
    suites.push(suite);
  }
  const total = (pick: (suite: SuiteScore) => number) =>
    suites.reduce((sum, suite) => sum + pick(suite), 0);
  return {
    passed: suites.every((suite) => suite.passed),
    suites,
    runs: total((suite) => suite.runs),
    passes: total((suite) => suite.passes),
    failures: total((suite) => suite.failures),
    errors: total((suite) => suite.errors),
  };
}
