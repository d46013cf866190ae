import { describe, expect, it } from "vitest";
import type { EvalSuite } from "./parse-suite.js";
import { planCases } from "./plan-cases.js";
import { selectSuitesForChange } from "./select-suites.js";

const suite = (covers: string[]) =>
  ({ suite: "refunds", file: "evals/refunds.yaml", covers, scenarios: [] }) as unknown as EvalSuite;

describe("globs from suites and flags that picomatch cannot compile", () => {
  it("an overlong covers glob is an input error naming the suite file", () => {
    const long = "b".repeat(70_000);
    expect(() => selectSuitesForChange([suite([long])], ["src/a.js"])).toThrowError(
      `evals/refunds.yaml covers: a 70,000-character glob is longer than 4,096 characters; shorten it or split it into several globs ('${"b".repeat(40)}…')`,
    );
  });

  it("an overlong --filter glob is an input error naming the flag", () => {
    const long = `*${"c".repeat(5000)}`;
    expect(() => planCases([suite([])], { filter: long })).toThrowError(
      `--filter: a 5,001-character glob is longer than 4,096 characters; shorten it or split it into several globs ('*${"c".repeat(39)}…')`,
    );
  });
});
