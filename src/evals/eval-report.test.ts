import { describe, expect, it } from "vitest";
import { type EvalRunReport, renderEvalReport } from "./eval-report.js";
import type { EvalResult } from "./eval-result.js";
import { scoreResults } from "./score-results.js";

const results: EvalResult[] = [
  {
    suite: "refunds",
    scenario: "crashes",
    attempt: 0,
    status: "fail",
    score: 0,
    latencyMs: 12,
    cached: false,
    assertions: [
      {
        type: "exit-code",
        pass: false,
        score: 0,
        weight: 1,
        reason:
          "exited with 1; add an exit-code assertion if that is expected\nstderr: Error: <kaboom>\n    at main",
      },
    ],
  },
  {
    suite: "refunds",
    scenario: "hangs",
    attempt: 0,
    status: "error",
    score: 0,
    latencyMs: 0,
    cached: false,
    error: "timed out after 300 ms and was killed",
    stderrTail: "waiting\nstill waiting",
    assertions: [],
  },
  {
    suite: "refunds",
    scenario: "ok",
    attempt: 0,
    status: "pass",
    score: 1,
    latencyMs: 3,
    cached: true,
    assertions: [],
  },
];

const report: EvalRunReport = {
  schema: "jig.eval-run/v1",
  run: {
    id: "run-1",
    startedAt: "2026-01-01T00:00:00.000Z",
    finishedAt: "2026-01-01T00:00:01.000Z",
    durationMs: 1000,
  },
  summary: scoreResults(
    [
      {
        suite: "refunds",
        threshold: 1,
        covers: [],
        scenarios: ["crashes", "hangs", "ok"].map((id) => ({ id, covers: [], repeat: 1 })),
      },
    ],
    results,
  ),
  results,
};

describe("renderEvalReport", () => {
  it("text: a failure's multi-line reason and an error's stderr are indented under their run", () => {
    expect(renderEvalReport(report, "text")).toBe(
      [
        "✗ refunds: satisfaction 33.3%, pass^1 33.3%, threshold 100.0% (1/3 runs passed, 1 error)",
        "    ✗ crashes#1: exit-code: exited with 1; add an exit-code assertion if that is expected",
        "      stderr: Error: <kaboom>",
        "          at main",
        "    ! hangs#1: error: timed out after 300 ms and was killed",
        "      stderr: waiting",
        "              still waiting",
        "1 suite: 0 passed, 1 below threshold; 3 runs, 1 errors, 1.00 s (run run-1)",
        "",
      ].join("\n"),
    );
  });

  it("junit: an errored run is an <error>, a failed one a <failure>, with XML escaped", () => {
    const xml = renderEvalReport(report, "junit");
    expect(xml).toContain('tests="3" failures="1" errors="1"');
    expect(xml).toMatch(/<failure message="exit-code: exited with 1[^"]*">[^<]*&lt;kaboom&gt;/);
    expect(xml).toContain('<error message="error: timed out after 300 ms and was killed">');
    expect(xml).not.toContain("<kaboom>");
  });
});
