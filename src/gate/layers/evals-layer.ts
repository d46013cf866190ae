import { isAbsolute } from "node:path";
import type { CriterionResult, LayerResult } from "../../contract/index.js";
import type { FindingDraft } from "../../core/finding.js";
import {
  type EvalResult,
  type EvalSuite,
  executeEvalRun,
  loadSuites,
  passK,
  selectSuitesForChange,
} from "../../evals/index.js";
import { chooseModelForRole } from "../../models/model-roles.js";
import { type GateContext, governedDir, type Layer } from "../layer.js";

export interface EvalsLayerOptions {
  /**
   * Environment for command targets and model keys. GateContext carries no
   * environment, so the factory (the edge) supplies it; default: this process's.
   */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Runs the eval suites whose `covers` match the change, as `jig eval run
 * --changed` would, and fails when one is below its threshold. Scenarios'
 * `covers` turn into criterion results for the cited spec.
 */
export function createEvalsLayer(options: EvalsLayerOptions = {}): Layer {
  return {
    name: "evals",
    description: "Behavioral evals covering the change meet their threshold",
    // The CLI passes the real environment in; a library caller decides what targets see.
    run: (context) => evaluateEvals(context, options.env ?? {}),
  };
}

async function evaluateEvals(
  context: GateContext,
  env: Readonly<Record<string, string | undefined>>,
): Promise<LayerResult> {
  const { config } = context;
  const dir = governedDir(context, config.evals.dir);
  let suites: EvalSuite[];
  try {
    suites = await loadSuites(dir, context.governanceRoot ?? context.cwd);
  } catch (error) {
    return {
      status: "error",
      findings: [],
      notes: [],
      error: `cannot load eval suites: ${(error as Error).message}`,
    };
  }
  if (suites.length === 0) {
    return {
      status: "skipped",
      findings: [],
      notes: [],
      skipReason: `no eval suites in ${config.evals.dir}; write <suite>.yaml files there with covers: globs (see docs/evals.md)`,
    };
  }
  const paths = context.change.files.flatMap((file) =>
    file.oldPath ? [file.path, file.oldPath] : [file.path],
  );
  const selected = selectSuitesForChange(suites, paths);
  if (selected.length === 0) {
    return {
      status: "skipped",
      findings: [],
      notes: [],
      skipReason: `no eval suite covers the ${paths.length} changed file${paths.length === 1 ? "" : "s"} (${suites.length} suite${suites.length === 1 ? "" : "s"} in ${config.evals.dir}, none with matching covers:)`,
    };
  }
  const coder = chooseModelForRole("coder", config, env)?.value;
  const report = await executeEvalRun({
    root: context.cwd,
    suites: selected,
    env,
    providers: config.providers,
    judgeModel: config.evals.judgeModel,
    coderModel: coder,
    concurrency: config.evals.concurrency,
    useCache: !context.options.noCache,
    runId: "gate",
    now: context.now,
    ...(context.signal ? { signal: context.signal } : {}),
  });
  const findings: FindingDraft[] = [];
  const notes: string[] = [];
  for (const suite of report.summary.suites) {
    const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
    const interval = suite.interval
      ? ` (95% ${pct(suite.interval.low)}–${pct(suite.interval.high)})`
      : "";
    notes.push(
      `${suite.suite}: satisfaction ${pct(suite.satisfaction)}${interval}, ${passK(suite)}, threshold ${pct(suite.threshold)}, ${suite.passes}/${suite.runs} runs passed${suite.errors > 0 ? `, ${suite.errors} errors` : ""}`,
    );
    if (suite.passed) continue;
    const failing = report.results.filter(
      (result) => result.suite === suite.suite && result.status !== "pass",
    );
    const file =
      suite.file && !suite.file.startsWith("..") && !isAbsolute(suite.file)
        ? suite.file
        : undefined;
    findings.push({
      severity: "high",
      ruleId: "JIG-E001",
      ...(file ? { file, line: 1 } : {}),
      title: `Eval suite ${suite.suite} is below its threshold: ${pct(suite.satisfaction)} < ${pct(suite.threshold)}`,
      message:
        failing.slice(0, 8).map(describeFailure).join("\n") +
        (failing.length > 8 ? `\n… ${failing.length - 8} more` : ""),
      suggestion: `Fix the behaviour, not the suite. Reproduce with 'jig eval run ${suite.suite}'.`,
    });
  }
  return {
    status: findings.length > 0 ? "failed" : "passed",
    findings,
    notes,
    criteria: criteriaFromScenarios(context, selected, report.results),
  };
}

function describeFailure(result: EvalResult): string {
  const what =
    result.status === "error"
      ? `error: ${result.error ?? "unknown"}`
      : result.assertions
          .filter((assertion) => !assertion.pass && assertion.weight > 0)
          .map((assertion) => `${assertion.type}: ${assertion.reason ?? "failed"}`)
          .join("; ");
  return `${result.scenario}#${result.attempt + 1}: ${what}`;
}

/**
 * A criterion of the cited spec that scenarios cover is met when every
 * run of every covering scenario passed, not met otherwise.
 */
function criteriaFromScenarios(
  context: GateContext,
  suites: readonly EvalSuite[],
  results: readonly EvalResult[],
): CriterionResult[] {
  const spec = context.spec.spec;
  if (!spec) return [];
  const criteria: CriterionResult[] = [];
  for (const item of spec.criteria) {
    const id = `${spec.id}/${item.id}`;
    const covering = suites.flatMap((suite) =>
      suite.scenarios
        .filter((scenario) => scenario.covers.includes(id))
        .map((scenario) => ({ suite: suite.suite, scenario: scenario.id })),
    );
    if (covering.length === 0) continue;
    const runs = results.filter((result) =>
      covering.some((cover) => cover.suite === result.suite && cover.scenario === result.scenario),
    );
    if (runs.length === 0) continue;
    const passed = runs.filter((result) => result.status === "pass").length;
    criteria.push({
      id,
      specId: spec.id,
      criterion: item.id,
      text: item.text,
      status: passed === runs.length ? "met" : "not_met",
      evidence: `${passed}/${runs.length} eval runs passed (${covering.map((cover) => `${cover.suite}/${cover.scenario}`).join(", ")})`,
    });
  }
  return criteria;
}
