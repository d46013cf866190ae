import { compareRuns } from "./compare-runs.js";
import type { SchemaCompiler } from "./compile-assertions.js";
import type { EvalRunReport } from "./eval-report.js";
import { type EvalResult, resultKey } from "./eval-result.js";
import type { EvalRunRecord, EvalStore } from "./eval-store.js";
import { createModelJudge } from "./model-judge.js";
import type { EvalSuite } from "./parse-suite.js";
import { type EvalCase, planCases, type Shard, suiteMetas } from "./plan-cases.js";
import { type EvalEvent, type PreparedSuite, prepareSuite, runEvals } from "./run-evals.js";
import { scoreResults } from "./score-results.js";
import { createChatClient, type ProviderSettings } from "./targets/chat-client.js";
import { createTarget } from "./targets/create-target.js";
import { createHttpAgents } from "./targets/http-request.js";

export interface ExecuteEvalRunOptions {
  /** Repo root: commands run and modules resolve here. */
  root: string;
  suites: readonly EvalSuite[];
  env: Readonly<Record<string, string | undefined>>;
  providers?: ProviderSettings["providers"];
  /** Default llm-judge model (`evals.judgeModel`). */
  judgeModel?: string | undefined;
  /** The coder's model (`models.coder` / `JIG_CODER_MODEL`): never a judge. */
  coderModel?: string | undefined;
  concurrency: number;
  repeat?: number | undefined;
  filter?: string | undefined;
  shard?: Shard | undefined;
  shardText?: string | undefined;
  useCache: boolean;
  store?: EvalStore | undefined;
  runId: string;
  /** A stored run to complete (`--resume`): only its missing cases run. */
  resume?: EvalRunRecord | undefined;
  head?: string | undefined;
  headRef?: string | undefined;
  now: () => Date;
  clock?: () => number;
  onEvent?: (event: EvalEvent) => void;
  signal?: AbortSignal;
}

/**
 * The imperative shell of one eval run: build targets, plan cases (minus
 * those a resumed run already has), run them writing each result to the
 * store as it lands, score, and return the report. Shared by
 * `jig eval run` and the gate's evals layer.
 */
export async function executeEvalRun(options: ExecuteEvalRunOptions): Promise<EvalRunReport> {
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const startedAt = options.resume?.startedAt ?? options.now().toISOString();
  const judge = createModelJudgeIfNeeded(options);
  const compileSchema = options.suites.some((suite) =>
    suite.scenarios.some((scenario) =>
      scenario.assert.some((assertion) => assertion.type === "json-schema"),
    ),
  )
    ? await loadSchemaCompiler()
    : undefined;
  const agents = createHttpAgents();
  const chat = createChatClient(agents, {
    env: options.env,
    ...(options.providers ? { providers: options.providers } : {}),
  });
  const prepared = new Map<string, PreparedSuite>();
  for (const suite of options.suites) {
    const target = createTarget(suite, {
      root: options.root,
      env: options.env,
      agents,
      chat,
      cache: options.store?.cache,
    });
    prepared.set(
      suite.suite,
      prepareSuite(suite, target, compileSchema ? { compileSchema, clock } : { clock }),
    );
  }
  const metas = options.resume?.suites ?? suiteMetas(options.suites, options.repeat);
  let cases: EvalCase[] = planCases(options.suites, {
    repeat: options.repeat,
    filter: options.filter,
    shard: options.shard,
  });
  const previous: EvalResult[] = [];
  if (options.resume && options.store) {
    previous.push(...options.store.results(options.resume.id));
    const done = new Set(
      previous.map((result) => resultKey(result.suite, result.scenario, result.attempt)),
    );
    cases = cases.filter((item) => !done.has(resultKey(item.suite, item.scenario, item.attempt)));
  } else {
    options.store?.startRun({
      id: options.runId,
      startedAt,
      ...(options.head ? { head: options.head } : {}),
      ...(options.headRef ? { headRef: options.headRef } : {}),
      ...(options.shardText ? { shard: options.shardText } : {}),
      options: {
        suites: options.suites.map((suite) => suite.suite),
        repeat: options.repeat,
        filter: options.filter,
        shard: options.shardText,
      },
      suites: metas,
    });
  }
  const store = options.store;
  let fresh: EvalResult[];
  try {
    fresh = await runEvals({
      suites: prepared,
      cases,
      concurrency: options.concurrency,
      useCache: options.useCache,
      judge,
      skipped: previous.length,
      ...(store
        ? { onResult: (result: EvalResult) => store.recordResult(options.runId, result) }
        : {}),
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } finally {
    await Promise.all([...prepared.values()].map((suite) => suite.target.close()));
    agents.destroy();
  }
  const results = [...previous, ...fresh];
  const summary = scoreResults(metas, results);
  const finishedAt = options.now().toISOString();
  store?.finishRun(options.runId, finishedAt, summary);
  const report: EvalRunReport = {
    schema: "jig.eval-run/v1",
    run: {
      id: options.runId,
      startedAt,
      finishedAt,
      durationMs: Math.round(clock() - started),
      ...(options.head ? { head: options.head } : {}),
      ...(options.headRef ? { headRef: options.headRef } : {}),
      ...(options.shardText ? { shard: options.shardText } : {}),
    },
    summary,
    results: sortResults(results),
  };
  return report;
}

/** Attach a comparison with a baseline run's results. */
export function withBaseline(
  report: EvalRunReport,
  baseline: { runId: string; ref: string; results: EvalResult[] },
): EvalRunReport {
  return {
    ...report,
    baseline: {
      runId: baseline.runId,
      ref: baseline.ref,
      comparison: compareRuns(baseline.results, report.results),
    },
  };
}

/** Stable order for reports: suite, scenario, attempt. */
export function sortResults(results: readonly EvalResult[]): EvalResult[] {
  return [...results].sort((a, b) =>
    a.suite === b.suite
      ? a.scenario === b.scenario
        ? a.attempt - b.attempt
        : a.scenario < b.scenario
          ? -1
          : 1
      : a.suite < b.suite
        ? -1
        : 1,
  );
}

function createModelJudgeIfNeeded(options: ExecuteEvalRunOptions) {
  const needsJudge = options.suites.some((suite) =>
    suite.scenarios.some((scenario) =>
      scenario.assert.some((assertion) => assertion.type === "llm-judge"),
    ),
  );
  if (!needsJudge) return undefined;
  return createModelJudge({
    suites: options.suites,
    judgeModel: options.judgeModel,
    coderModel: options.coderModel,
    env: options.env,
    providers: options.providers,
    useCache: options.useCache,
    cache: options.store?.cache,
  });
}

/** Ajv 2020-12, imported only when a suite uses json-schema (it costs ~70 ms to load). */
async function loadSchemaCompiler(): Promise<SchemaCompiler> {
  const module = await import("ajv/dist/2020.js");
  // ajv is CommonJS: under NodeNext the class is `default`, or `default.default`.
  const exported = module.default as unknown as { default?: unknown };
  const Ajv2020 = (exported.default ?? exported) as new (
    options: object,
  ) => { compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown } };
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  return (schema) => ajv.compile(schema as object);
}
