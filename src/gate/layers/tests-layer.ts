import type { LayerResult } from "../../contract/index.js";
import type { FindingDraft } from "../../core/finding.js";
import {
  criteriaFromTests,
  type LocatedTestCase,
  runProjectTests,
  type TestRun,
} from "../../tests/index.js";
import type { GateContext, Layer } from "../layer.js";

export interface TestsLayerOptions {
  /**
   * Environment of the test command. GateContext carries no environment, so
   * the factory (the edge) supplies it; default: an empty one.
   */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Handed each finished run, with every test's result, so the caller can
   * record it (`jig check` stores it beside the run).
   */
  onRun?: (run: TestRun) => void;
}

/** Failing tests listed one finding each; beyond this, one finding says how many more. */
const MAX_FINDINGS = 50;

/**
 * Runs the project's test command (`tests.command`, read from the trusted
 * base's config like every rule) in the change's tree and reads its JUnit
 * reports: a failing test is a finding, a run without tests is a finding,
 * a runner that crashes or hangs is an error. Tests naming an acceptance
 * criterion of the cited spec are its evidence.
 */
export function createTestsLayer(options: TestsLayerOptions = {}): Layer {
  return {
    name: "tests",
    description: "The project's own tests pass, and back the criteria they name",
    run: (context) => evaluateTests(context, options),
  };
}

async function evaluateTests(
  context: GateContext,
  options: TestsLayerOptions,
): Promise<LayerResult> {
  const { command, reports, timeoutSeconds } = context.config.tests;
  if (command === undefined || command.length === 0) {
    return {
      status: "skipped",
      findings: [],
      notes: [],
      skipReason:
        "no tests.command in jig.config.yaml; set it to the test command as argv with a JUnit reporter, and tests.reports to the report's path (jig init proposes both)",
    };
  }
  const { run, reports: read } = await runProjectTests({
    root: context.cwd,
    command,
    reports,
    timeoutMs: timeoutSeconds * 1000,
    env: options.env ?? {},
    now: context.now,
    ...(context.signal ? { signal: context.signal } : {}),
  });
  options.onRun?.(run);
  if (run.status === "error") {
    return { status: "error", findings: [], notes: [], error: run.error ?? "the test run failed" };
  }
  const ran = run.cases.filter((test) => test.status !== "skipped");
  const failed = ran.filter((test) => test.status === "failed");
  const skipped = run.cases.length - ran.length;
  const findings: FindingDraft[] = failed.slice(0, MAX_FINDINGS).map(findingOf);
  if (failed.length > MAX_FINDINGS) {
    findings.push({
      severity: "high",
      ruleId: "JIG-X001",
      title: `${failed.length - MAX_FINDINGS} more tests fail`,
      message: failed
        .slice(MAX_FINDINGS, MAX_FINDINGS + 20)
        .map((test) => `${test.file ?? "?"}: ${test.name}`)
        .join("\n"),
    });
  }
  if (ran.length === 0) {
    findings.push({
      severity: "high",
      ruleId: "JIG-X002",
      title: "The test command ran no test",
      message: `'${command.join(" ")}' exited ${run.exitCode}, and ${read.length === 0 ? `no report matching ${reports.join(", ") || "tests.reports (empty)"} was written` : `its reports (${read.join(", ")}) list ${skipped > 0 ? `only ${skipped} skipped tests` : "no test"}`}.`,
      suggestion:
        "Check that tests.command selects the tests and that tests.reports names the file its JUnit reporter writes.",
    });
  }
  const spec = context.spec.spec;
  const criteria = spec ? criteriaFromTests(spec, run.cases) : [];
  return {
    status: findings.length > 0 ? "failed" : "passed",
    findings,
    notes: [
      `${ran.length - failed.length}/${ran.length} tests passed${skipped > 0 ? `, ${skipped} skipped` : ""} in ${(run.durationMs / 1000).toFixed(1)} s (${read.join(", ") || "no report"})`,
    ],
    criteria,
  };
}

function findingOf(test: LocatedTestCase): FindingDraft {
  return {
    severity: "high",
    ruleId: "JIG-X001",
    ...(test.file ? { file: test.file } : {}),
    ...(test.file && test.line ? { line: test.line } : {}),
    title: `Test fails: ${test.name}`,
    message: test.message ?? "failed",
    suggestion: "Fix the code, not the test; reproduce with tests.command.",
  };
}
