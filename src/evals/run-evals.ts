import {
  type AssertionResult,
  type CompiledAssertion,
  compileAssertion,
  type Judge,
  type SchemaCompiler,
} from "./compile-assertions.js";
import type { EvalResult } from "./eval-result.js";
import type { EvalSuite } from "./parse-suite.js";
import type { EvalCase } from "./plan-cases.js";
import { stringifyValue } from "./render-template.js";
import type { ScenarioData } from "./suite-schema.js";
import { type Target, TargetError, type TargetOutput } from "./targets/target.js";

/** A suite ready to run: its target built and its assertions compiled. */
export interface PreparedSuite {
  suite: EvalSuite;
  target: Target;
  scenarios: Map<
    string,
    { scenario: ScenarioData; input: string; assertions: CompiledAssertion[] }
  >;
  /** Spaces calls to `rateLimit` per second, when the suite sets one. */
  throttle?: () => Promise<void>;
}

/** Compile a suite's assertions and attach its target. */
export function prepareSuite(
  suite: EvalSuite,
  target: Target,
  options: { compileSchema?: SchemaCompiler; clock?: () => number } = {},
): PreparedSuite {
  const scenarios: PreparedSuite["scenarios"] = new Map();
  for (const scenario of suite.scenarios) {
    scenarios.set(scenario.id, {
      scenario,
      input: stringifyValue(scenario.input),
      assertions: scenario.assert.map((assertion) =>
        compileAssertion(assertion, options.compileSchema),
      ),
    });
  }
  const prepared: PreparedSuite = { suite, target, scenarios };
  if (suite.target.rateLimit !== undefined) {
    prepared.throttle = createThrottle(
      suite.target.rateLimit,
      options.clock ?? (() => performance.now()),
    );
  }
  return prepared;
}

/** Progress events, noun-verb. Reporters subscribe; the runner never formats. */
export type EvalEvent =
  | { type: "run-start"; total: number; skipped: number }
  | { type: "scenario-finish"; result: EvalResult; done: number; total: number };

export interface RunEvalsOptions {
  suites: ReadonlyMap<string, PreparedSuite>;
  cases: readonly EvalCase[];
  concurrency: number;
  /** false: bypass model-cache reads (`--no-cache`). */
  useCache: boolean;
  judge?: Judge | undefined;
  /** Called as each run finishes, before the next starts on that worker: the store writes here. */
  onResult?: (result: EvalResult) => void;
  onEvent?: (event: EvalEvent) => void;
  /** Runs already done (resume); they are not run again. */
  skipped?: number;
  signal?: AbortSignal;
}

const OUTPUT_KEEP_CHARS = 2_000;

/**
 * Run cases with at most `concurrency` in flight. One scenario's error never
 * stops the run: it becomes an `error` result and the workers move on.
 */
export async function runEvals(options: RunEvalsOptions): Promise<EvalResult[]> {
  const results: EvalResult[] = [];
  const total = options.cases.length + (options.skipped ?? 0);
  let done = options.skipped ?? 0;
  let next = 0;
  options.onEvent?.({ type: "run-start", total, skipped: options.skipped ?? 0 });
  const worker = async (): Promise<void> => {
    while (next < options.cases.length && !options.signal?.aborted) {
      const item = options.cases[next++] as EvalCase;
      const prepared = options.suites.get(item.suite);
      const entry = prepared?.scenarios.get(item.scenario);
      if (!prepared || !entry) continue;
      const result = await runCase(prepared, entry, item.attempt, options);
      results.push(result);
      options.onResult?.(result);
      done++;
      options.onEvent?.({ type: "scenario-finish", result, done, total });
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, options.cases.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}

async function runCase(
  prepared: PreparedSuite,
  entry: { scenario: ScenarioData; input: string; assertions: CompiledAssertion[] },
  attempt: number,
  options: RunEvalsOptions,
): Promise<EvalResult> {
  const { suite } = prepared;
  const base = { suite: suite.suite, scenario: entry.scenario.id, attempt };
  let output: TargetOutput;
  try {
    await prepared.throttle?.();
    output = await prepared.target.call({
      scenario: entry.scenario,
      input: entry.input,
      timeoutMs: suite.timeoutMs,
      useCache: options.useCache && entry.scenario.cache,
    });
  } catch (error) {
    const result: EvalResult = {
      ...base,
      status: "error",
      score: 0,
      latencyMs: 0,
      cached: false,
      error: error instanceof Error ? error.message : String(error),
      assertions: [],
    };
    if (error instanceof TargetError && error.stderrTail) result.stderrTail = error.stderrTail;
    return result;
  }
  const assertions: AssertionResult[] = [];
  const input = {
    output,
    vars: entry.scenario.vars,
    useCache: options.useCache && entry.scenario.cache,
  };
  try {
    for (const assertion of entry.assertions) {
      const verdict = assertion(input, options.judge);
      assertions.push(verdict instanceof Promise ? await verdict : verdict);
    }
  } catch (error) {
    // A judge that cannot be reached is an error of the run, not a failure.
    return {
      ...base,
      status: "error",
      score: 0,
      latencyMs: output.latencyMs,
      cached: output.cached ?? false,
      output: clip(output.text),
      error: `llm-judge: ${error instanceof Error ? error.message : String(error)}`,
      assertions,
    };
  }
  if (
    output.exitCode !== undefined &&
    output.exitCode !== 0 &&
    !entry.scenario.assert.some((item) => item.type === "exit-code")
  ) {
    const implicit: AssertionResult = {
      type: "exit-code",
      pass: false,
      score: 0,
      weight: 1,
      reason: `exited with ${output.exitCode}; add an exit-code assertion if that is expected${output.stderrTail ? `\nstderr: ${output.stderrTail}` : ""}`,
    };
    assertions.push(implicit);
  }
  let weighted = 0;
  let weights = 0;
  let pass = true;
  for (const verdict of assertions) {
    weighted += verdict.score * verdict.weight;
    weights += verdict.weight;
    if (!verdict.pass && verdict.weight > 0) pass = false;
  }
  const result: EvalResult = {
    ...base,
    status: pass ? "pass" : "fail",
    score: weights > 0 ? weighted / weights : pass ? 1 : 0,
    latencyMs: Math.round(output.latencyMs * 100) / 100,
    cached: output.cached ?? false,
    output: clip(output.text),
    assertions,
  };
  if (!pass && output.stderrTail) result.stderrTail = output.stderrTail;
  return result;
}

function clip(text: string): string {
  return text.length > OUTPUT_KEEP_CHARS ? `${text.slice(0, OUTPUT_KEEP_CHARS)}…` : text;
}

/** Calls spaced `1000 / perSecond` ms apart, shared by every worker. */
function createThrottle(perSecond: number, clock: () => number): () => Promise<void> {
  const interval = 1000 / perSecond;
  let nextSlot = 0;
  return () => {
    const now = clock();
    const slot = Math.max(now, nextSlot);
    nextSlot = slot + interval;
    const wait = slot - now;
    return wait <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, wait));
  };
}
