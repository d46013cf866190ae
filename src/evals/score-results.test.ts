import { describe, expect, it } from "vitest";
import { wilsonInterval } from "../core/wilson-interval.js";
import type { EvalResult, SuiteMeta } from "./eval-result.js";
import { scoreResults } from "./score-results.js";

const run = (scenario: string, attempt: number, status: EvalResult["status"]): EvalResult => ({
  suite: "s",
  scenario,
  attempt,
  status,
  score: status === "pass" ? 1 : 0,
  latencyMs: 1,
  cached: false,
  assertions: [],
});

const meta: SuiteMeta = {
  suite: "s",
  threshold: 0.75,
  covers: [],
  scenarios: [
    { id: "a", covers: [], repeat: 4 },
    { id: "b", covers: [], repeat: 4 },
    { id: "c", covers: [], repeat: 4 },
  ],
};

describe("wilsonInterval", () => {
  it("matches the published 95% values", () => {
    const nine = wilsonInterval(9, 10);
    expect(nine.low).toBeCloseTo(0.5958, 3);
    expect(nine.high).toBeCloseTo(0.9821, 3);
    const none = wilsonInterval(0, 5);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.4345, 3);
    expect(wilsonInterval(5, 5).high).toBe(1);
  });
});

describe("scoreResults", () => {
  it("averages scenario satisfaction, counts errors as unsatisfied and reports intervals", () => {
    const results = [
      ...[0, 1, 2, 3].map((attempt) => run("a", attempt, "pass")),
      run("b", 0, "pass"),
      run("b", 1, "pass"),
      run("b", 2, "fail"),
      run("b", 3, "error"),
    ];
    const summary = scoreResults([meta], results);
    const suite = summary.suites[0];
    expect(suite?.satisfaction).toBeCloseTo(0.75);
    expect(suite?.passed).toBe(true);
    expect(suite?.errors).toBe(1);
    expect(suite?.failures).toBe(1);
    expect(suite?.scenarios.map((scenario) => scenario.id)).toEqual(["a", "b"]);
    expect(suite?.scenarios[1]?.interval?.low).toBeCloseTo(wilsonInterval(2, 4).low);
    expect(suite?.interval).toBeDefined();
  });

  it("fails a suite below its threshold and leaves out suites that did not run", () => {
    const summary = scoreResults(
      [meta, { ...meta, suite: "other" }],
      [run("a", 0, "pass"), run("b", 0, "fail")],
    );
    expect(summary.suites).toHaveLength(1);
    expect(summary.suites[0]?.satisfaction).toBe(0.5);
    expect(summary.suites[0]?.interval).toBeUndefined();
    expect(summary.passed).toBe(false);
  });
});

describe("pass^k", () => {
  it("is the share of scenarios whose every repeat passed, below satisfaction when one flakes", () => {
    const summary = scoreResults(
      [meta],
      [run("a", 0, "pass"), run("a", 1, "pass"), run("a", 2, "pass")].concat([
        run("b", 0, "pass"),
        run("b", 1, "fail"),
        run("b", 2, "pass"),
      ]),
    );
    const suite = summary.suites[0];
    expect(suite?.repeat).toBe(3);
    expect(suite?.passAll).toBe(0.5);
    expect(suite?.satisfaction).toBeCloseTo(5 / 6);
  });
});
