import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Problem } from "../core/problem.js";
import { type CorpusCriterion, CRITERIA_CORPUS } from "./__fixtures__/criteria-corpus.js";
import { lintSpec } from "./lint-spec.js";
import { parseSpec } from "./parse-spec.js";
import type { Spec } from "./spec.js";

/**
 * JIG-S010 measured on real criteria: every corpus entry becomes an
 * acceptance criterion of one otherwise clean spec, `lintSpec` runs once, and
 * each criterion's problems are read back by line.
 */
const base = ((): Spec => {
  const text = readFileSync(
    new URL("./__fixtures__/SPEC-0007-login-throttling.md.txt", import.meta.url),
    "utf8",
  );
  const { spec } = parseSpec(text, "specs/SPEC-0007-login-throttling.md");
  if (!spec) throw new Error("fixture did not parse");
  return spec;
})();

const FIRST_LINE = 1000;
const criteria = CRITERIA_CORPUS.map((entry, index) => ({
  id: `AC-${index + 1}`,
  text: entry.text,
  line: FIRST_LINE + index,
}));
const problems = lintSpec({ ...base, criteria });
const byLine = new Map<number, Problem[]>();
for (const problem of problems) {
  const line = problem.line ?? 0;
  byLine.set(line, [...(byLine.get(line) ?? []), problem]);
}

interface Judged {
  entry: CorpusCriterion;
  s010: "none" | "warning" | "error";
  /** Any criterion rule (JIG-S010 or JIG-S011) reported an error. */
  anyError: boolean;
  /** Any criterion rule reported anything, warning or error. */
  flagged: boolean;
}

const judged: Judged[] = CRITERIA_CORPUS.map((entry, index) => {
  const own = (byLine.get(FIRST_LINE + index) ?? []).filter(
    (problem) => problem.code === "JIG-S010" || problem.code === "JIG-S011",
  );
  const s010 = own.find((problem) => problem.code === "JIG-S010");
  return {
    entry,
    s010: s010 ? (s010.severity === "warning" ? "warning" : "error") : "none",
    anyError: own.some((problem) => problem.severity !== "warning"),
    flagged: own.length > 0,
  };
});

const testable = judged.filter((one) => one.entry.testable);
const untestable = judged.filter((one) => !one.entry.testable);
const rate = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);
const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;

const s010Errors = judged.filter((one) => one.s010 === "error");
const figures = {
  testablePassS010: rate(testable.filter((one) => one.s010 !== "error").length, testable.length),
  testablePassLint: rate(testable.filter((one) => !one.anyError).length, testable.length),
  testableWarned: rate(testable.filter((one) => one.s010 === "warning").length, testable.length),
  untestableCaught: rate(untestable.filter((one) => one.flagged).length, untestable.length),
  untestableErrored: rate(untestable.filter((one) => one.anyError).length, untestable.length),
  untestableCaughtS010: rate(
    untestable.filter((one) => one.s010 !== "none").length,
    untestable.length,
  ),
  s010ErrorPrecision: rate(
    s010Errors.filter((one) => !one.entry.testable).length,
    s010Errors.length,
  ),
};

describe("JIG-S010 on a corpus of real acceptance criteria", () => {
  it("is big enough and drawn from several public sources", () => {
    const sources = new Set(CRITERIA_CORPUS.map((entry) => entry.source.split(":")[0]));
    expect(CRITERIA_CORPUS.length).toBeGreaterThanOrEqual(150);
    expect(sources.size).toBeGreaterThanOrEqual(10);
    for (const entry of CRITERIA_CORPUS) expect(entry.source).toMatch(/^[\w.-]+\/[\w.-]+:\S/);
    expect(untestable.length).toBeGreaterThan(0);
  });

  it("states its precision and recall, and meets the targets", () => {
    const misses = untestable.filter((one) => !one.flagged).map((one) => one.entry.text);
    const rejected = testable.filter((one) => one.s010 === "error").map((one) => one.entry.text);
    const vague = testable
      .filter((one) => one.anyError && one.s010 !== "error")
      .map((one) => one.entry.text);
    console.log(
      [
        `spec-lint corpus: ${judged.length} criteria (${testable.length} testable, ${untestable.length} not)`,
        `  testable passing JIG-S010 without error: ${percent(figures.testablePassS010)}`,
        `  testable passing every criterion rule (S010 and S011) without error: ${percent(figures.testablePassLint)}`,
        `  testable given a JIG-S010 warning: ${percent(figures.testableWarned)}`,
        `  precision of JIG-S010 errors (errors on untestable criteria): ${percent(figures.s010ErrorPrecision)} of ${s010Errors.length}`,
        `  recall: untestable flagged by S010 or S011 (warning or error): ${percent(figures.untestableCaught)}; as an error: ${percent(figures.untestableErrored)}; by S010 alone: ${percent(figures.untestableCaughtS010)}`,
        ...rejected.map((text) => `  testable but rejected: ${text}`),
        ...vague.map((text) => `  testable, rejected for a vague word (JIG-S011): ${text}`),
        ...misses.map((text) => `  untestable but passed: ${text}`),
      ].join("\n"),
    );
    expect(figures.testablePassS010).toBeGreaterThanOrEqual(0.98);
    expect(figures.testablePassLint).toBeGreaterThanOrEqual(0.95);
    expect(figures.testableWarned).toBeLessThanOrEqual(0.1);
    expect(figures.untestableCaught).toBeGreaterThanOrEqual(0.9);
    expect(figures.untestableCaughtS010).toBeGreaterThanOrEqual(0.85);
    expect(figures.untestableErrored).toBeGreaterThanOrEqual(0.7);
  });
});
