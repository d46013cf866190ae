import { describe, expect, it } from "vitest";
import { type AssertionResult, compileAssertion, type Judge } from "./compile-assertions.js";
import { parseJsonPath, selectJsonPath } from "./json-path.js";
import { evalSuiteSchema } from "./suite-schema.js";
import type { TargetOutput } from "./targets/target.js";

const assertion = (raw: Record<string, unknown>) => {
  const suite = evalSuiteSchema.parse({
    suite: "s",
    target: { command: "x" },
    scenarios: [{ id: "a", assert: [raw] }],
  });
  return suite.scenarios[0]?.assert[0] as NonNullable<(typeof suite.scenarios)[0]>["assert"][0];
};

async function check(
  raw: Record<string, unknown>,
  output: Partial<TargetOutput>,
  judge?: Judge,
): Promise<AssertionResult> {
  const compiled = compileAssertion(assertion(raw), (schema) => {
    const validate = (data: unknown) =>
      typeof data === "object" &&
      data !== null &&
      ((schema as { required?: string[] }).required ?? []).every((key) => key in data);
    return validate;
  });
  return compiled({ output: { text: "", latencyMs: 10, ...output }, vars: { n: 3 } }, judge);
}

describe("compileAssertion", () => {
  it("checks text: equals (trailing whitespace ignored), contains, not-contains, regex", async () => {
    expect((await check({ type: "equals", value: "ok" }, { text: "ok\n" })).pass).toBe(true);
    expect((await check({ type: "equals", value: "ok" }, { text: "OK" })).pass).toBe(false);
    expect(
      (await check({ type: "equals", value: { a: 1, b: [2] } }, { text: '{"b":[2],"a":1}' })).pass,
    ).toBe(true);
    expect((await check({ type: "contains", value: "refund" }, { text: "no refund" })).pass).toBe(
      true,
    );
    const notContains = await check(
      { type: "not-contains", value: "refund" },
      { text: "no refund" },
    );
    expect(notContains.pass).toBe(false);
    expect(notContains.reason).toMatch(/contains "refund"/);
    expect(
      (await check({ type: "regex", value: "^ESC", flags: "i" }, { text: "escalated" })).pass,
    ).toBe(true);
  });

  it("checks JSON: json-path subset, json-schema, non-JSON output fails", async () => {
    const text = JSON.stringify({ refund: { decision: "approved", items: [{ id: 7 }] } });
    expect(
      (await check({ type: "json-path", path: "$.refund.decision", value: "approved" }, { text }))
        .pass,
    ).toBe(true);
    expect(
      (await check({ type: "json-path", path: "$.refund.items[-1].id", value: 7 }, { text })).pass,
    ).toBe(true);
    expect((await check({ type: "json-path", path: "$.refund['decision']" }, { text })).pass).toBe(
      true,
    );
    const missing = await check({ type: "json-path", path: "$.refund.reason" }, { text });
    expect(missing.reason).toMatch(/not found/);
    expect(
      (await check({ type: "json-schema", value: { required: ["refund"] } }, { text })).pass,
    ).toBe(true);
    expect((await check({ type: "json-schema", value: { required: ["x"] } }, { text })).pass).toBe(
      false,
    );
    expect(
      (await check({ type: "json-path", path: "$.a", value: 1 }, { text: "not json" })).reason,
    ).toMatch(/not JSON/);
  });

  it("runs javascript over output, json and vars, with a score threshold", async () => {
    expect(
      (await check({ type: "javascript", value: "json.n === vars.n" }, { text: '{"n":3}' })).pass,
    ).toBe(true);
    expect(
      (await check({ type: "javascript", value: "output.length > 100" }, { text: "short" })).pass,
    ).toBe(false);
    const partial = await check({ type: "javascript", value: "0.6", threshold: 0.5 }, { text: "" });
    expect(partial).toMatchObject({ pass: true, score: 0.6 });
    const thrown = await check({ type: "javascript", value: "missing.field" }, { text: "" });
    expect(thrown.reason).toMatch(/threw/);
    const loop = await check(
      { type: "javascript", value: "(() => { while (true) {} })()" },
      { text: "" },
    );
    expect(loop.reason).toMatch(/timed out/);
  });

  it("checks exit code, status and latency", async () => {
    expect((await check({ type: "exit-code", value: 2 }, { exitCode: 2 })).pass).toBe(true);
    expect((await check({ type: "status", value: 200 }, { status: 500 })).reason).toMatch(
      /status 500/,
    );
    expect((await check({ type: "latency-ms", value: 5 }, { latencyMs: 10 })).pass).toBe(false);
    expect(
      (await check({ type: "latency-ms", value: 5 }, { latencyMs: 10, cached: true })).pass,
    ).toBe(true);
  });

  it("asks the judge for llm-judge and keeps its reason", async () => {
    const judge: Judge = {
      async grade({ rubric, output }) {
        return {
          pass: output.includes(rubric),
          score: output.includes(rubric) ? 0.9 : 0.1,
          reason: "graded",
        };
      },
    };
    expect(
      await check({ type: "llm-judge", value: "polite" }, { text: "a polite answer" }, judge),
    ).toMatchObject({
      pass: true,
      score: 0.9,
      reason: "graded",
    });
    expect(
      (await check({ type: "llm-judge", value: "polite" }, { text: "rude" }, judge)).pass,
    ).toBe(false);
  });
});

describe("JSONPath subset", () => {
  it("parses supported segments and refuses the rest", () => {
    expect(parseJsonPath("$.a['b c'][2]")).toEqual({ ok: true, segments: ["a", "b c", 2] });
    expect(parseJsonPath("$..a").ok).toBe(false);
    expect(parseJsonPath("$.a[*]").ok).toBe(false);
    expect(parseJsonPath("a.b").ok).toBe(false);
    expect(selectJsonPath({ a: [1, 2] }, [" a"]).found).toBe(false);
    expect(selectJsonPath({ a: [1, 2] }, ["a", 5]).found).toBe(false);
  });
});
