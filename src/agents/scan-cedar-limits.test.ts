import { describe, expect, it } from "vitest";
import { CEDAR_LIMITS, indexLines, locateOffset, scanCedarLimits } from "./scan-cedar-limits.js";

const HEAD = "forbid(principal, action, resource) when { ";
const policy = (condition: string) => `${HEAD}${condition} };\n`;
const terms = (count: number) =>
  Array.from({ length: count }, (_, index) => `context.tool == "x${index}"`);

describe("scanCedarLimits", () => {
  it("passes ordinary policies and finds each policy's start, skipping comments", () => {
    const text = [
      "// a comment with ((((( and || || ||",
      '@id("first")',
      'permit(principal == Agent::"coder", action, resource) when { context.tool like "Read*" };',
      "",
      '  forbid(principal, action, resource) when { if context has x then context.x == "a;b" else false };',
    ].join("\n");
    const scan = scanCedarLimits(text, "agents/x.cedar");
    expect(scan.problem).toBeUndefined();
    expect(scan.policyStarts.map((offset) => locateOffset(scan.lineStarts, offset))).toEqual([
      { line: 2, column: 1 },
      { line: 5, column: 3 },
    ]);
  });

  it("locates nesting past the limit at the bracket that crosses it", () => {
    const text = `permit(principal, action, resource);\n${policy(`${"(".repeat(100)}true${")".repeat(100)}`)}`;
    const { problem } = scanCedarLimits(text, "agents/x.cedar");
    expect(problem).toMatchObject({
      code: "agents/cedar-limit",
      path: "agents/x.cedar",
      line: 2,
      // The policy's own `(…)` closed before `{`, the first level: the 64th paren is the 65th.
      column: HEAD.length + 64,
    });
    expect(problem?.message).toMatch(/^nesting deeper than 64 levels .*; split the policy/);
  });

  it("counts if-then-else chains as nesting", () => {
    const deep = policy(`${"if true then ".repeat(70)}true${" else false".repeat(70)}`);
    expect(scanCedarLimits(deep, "x.cedar").problem?.message).toMatch(/nesting deeper/);
    const fine = policy(`${"if true then ".repeat(30)}true${" else false".repeat(30)}`);
    expect(scanCedarLimits(fine, "x.cedar").problem).toBeUndefined();
  });

  it("refuses long operator chains, but not long sets or strings", () => {
    expect(scanCedarLimits(policy(terms(250).join(" || ")), "x.cedar").problem?.message).toMatch(
      /^expression chains more than 200 operators.*\.contains\(x\)$/,
    );
    expect(
      scanCedarLimits(policy(`context${".a".repeat(250)} == 1`), "x.cedar").problem,
    ).toBeDefined();
    // Chains in separate brackets of a balanced tree do not add up.
    const balanced = `(${terms(150).join(" || ")}) || (${terms(150).join(" || ")})`;
    expect(scanCedarLimits(policy(balanced), "x.cedar").problem).toBeUndefined();
    const set = `[${Array.from({ length: 5000 }, (_, index) => `"x${index}"`).join(", ")}].contains(context.tool)`;
    expect(scanCedarLimits(policy(set), "x.cedar").problem).toBeUndefined();
    const text = policy(`context.tool == "${"((((|| . ||".repeat(2000)}"`);
    expect(scanCedarLimits(text, "x.cedar").problem).toBeUndefined();
  });

  it("refuses a file over the size limit at 1:1 before scanning it", () => {
    const text = policy("true").repeat(Math.ceil(CEDAR_LIMITS.fileBytes / 40));
    const { problem, lineStarts } = scanCedarLimits(text, "agents/big.cedar");
    expect(problem).toMatchObject({ path: "agents/big.cedar", line: 1, column: 1 });
    expect(problem?.message).toMatch(/over the limit of 262,144; split the policies/);
    expect(lineStarts).toEqual(indexLines(text));
  });

  it("locates offsets by binary search", () => {
    const starts = indexLines("ab\ncd\n\nef");
    expect(starts).toEqual([0, 3, 6, 7]);
    expect(locateOffset(starts, 0)).toEqual({ line: 1, column: 1 });
    expect(locateOffset(starts, 4)).toEqual({ line: 2, column: 2 });
    expect(locateOffset(starts, 6)).toEqual({ line: 3, column: 1 });
    expect(locateOffset(starts, 8)).toEqual({ line: 4, column: 2 });
  });
});
