import { compileGlobs } from "../core/index.js";
import type { SuiteMeta } from "./eval-result.js";
import type { EvalSuite } from "./parse-suite.js";

/** One run to do: scenario `scenario` of `suite`, repeat `attempt`. */
export interface EvalCase {
  suite: string;
  scenario: string;
  attempt: number;
}

export interface Shard {
  /** 1-based. */
  index: number;
  total: number;
}

export interface PlanOptions {
  /** Overrides every suite's and scenario's `repeat`. */
  repeat?: number | undefined;
  /** Glob (`refunds/*`, `case-[0-2]`) matched against `suite/scenario` or the scenario id; without glob characters, a substring of `suite/scenario`. */
  filter?: string | undefined;
  shard?: Shard | undefined;
}

/** Parse `--shard K/N`. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return undefined;
  const index = Number(match[1]);
  const total = Number(match[2]);
  return index >= 1 && index <= total ? { index, total } : undefined;
}

/**
 * The runs a set of suites asks for, in a stable order. Pure. Shards split
 * by scenario (round-robin over the filtered list), so every repeat of a
 * scenario lands in the same shard and each shard gets an even share.
 */
export function planCases(suites: readonly EvalSuite[], options: PlanOptions = {}): EvalCase[] {
  const matches = compileFilter(options.filter);
  const cases: EvalCase[] = [];
  let position = 0;
  for (const suite of suites) {
    for (const scenario of suite.scenarios) {
      if (matches && !matches(`${suite.suite}/${scenario.id}`) && !matches(scenario.id)) continue;
      const mine = !options.shard || position % options.shard.total === options.shard.index - 1;
      position++;
      if (!mine) continue;
      const repeat = options.repeat ?? scenario.repeat ?? suite.repeat;
      for (let attempt = 0; attempt < repeat; attempt++) {
        cases.push({ suite: suite.suite, scenario: scenario.id, attempt });
      }
    }
  }
  return cases;
}

function compileFilter(filter: string | undefined): ((id: string) => boolean) | undefined {
  if (!filter) return undefined;
  if (/[*?[\]{}]/.test(filter)) return compileGlobs(filter, { dot: true }, "--filter");
  return (id) => id.includes(filter);
}

/** Scoring metadata of suites, stored with a run so merge and compare need no files. */
export function suiteMetas(suites: readonly EvalSuite[], repeat?: number): SuiteMeta[] {
  return suites.map((suite) => ({
    suite: suite.suite,
    file: suite.file,
    threshold: suite.threshold,
    covers: suite.covers,
    scenarios: suite.scenarios.map((scenario) => ({
      id: scenario.id,
      covers: scenario.covers,
      repeat: repeat ?? scenario.repeat ?? suite.repeat,
    })),
  }));
}
