import { describe, expect, it } from "vitest";
import { parseSuite } from "./parse-suite.js";

const valid = `suite: refunds
covers: ["src/refunds.js"]
target: { command: ["node", "run.js"] }
repeat: 3
threshold: 0.9
scenarios:
  - id: small
    covers: [SPEC-0001/AC-1]
    vars: { n: 100 }
    assert:
      - { type: json-path, path: "$.decision", value: approved }
      - { type: regex, value: "^\\\\{", weight: 2 }
`;

describe("parseSuite", () => {
  it("reads a valid suite with defaults applied", () => {
    const { suite, problems } = parseSuite(valid, "evals/refunds.yaml");
    expect(problems).toEqual([]);
    expect(suite?.suite).toBe("refunds");
    expect(suite?.timeoutMs).toBe(30_000);
    expect(suite?.scenarios[0]?.assert[1]?.weight).toBe(2);
    expect(suite?.scenarios[0]?.cache).toBe(true);
  });

  it("points an unknown key at its line and column", () => {
    const text = valid.replace("    vars: { n: 100 }", "    vars: { n: 100 }\n    bogus: 1");
    const { problems } = parseSuite(text, "evals/refunds.yaml");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: "eval/unknown-key", line: 10, column: 5 });
  });

  it("rejects an unknown assertion type where it is written", () => {
    const text = valid.replace("type: json-path, path", "type: jsonpath, path");
    const { problems } = parseSuite(text, "evals/refunds.yaml");
    expect(problems[0]?.line).toBe(11);
    expect(problems[0]?.message).toContain("json-path");
  });

  it("rejects a bad regex with its location", () => {
    const text = valid.replace('value: "^\\\\{"', 'value: "("');
    const { problems } = parseSuite(text, "evals/refunds.yaml");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: "eval/assertion", line: 12 });
    expect(problems[0]?.message).toMatch(/bad regex/);
  });

  it("says a missing target is missing", () => {
    const { problems } = parseSuite(
      valid.replace('target: { command: ["node", "run.js"] }\n', ""),
      "s.yaml",
    );
    expect(problems.map((problem) => problem.code)).toEqual(["eval/missing-target"]);
  });

  it("wants exactly one target kind, a prompt for models and every template var", () => {
    const two = parseSuite(
      valid.replace(
        'target: { command: ["node", "run.js"] }',
        'target: { command: "x", module: "a.js#f" }',
      ),
      "s.yaml",
    );
    expect(two.problems[0]?.message).toMatch(/keep exactly one/);
    const model = parseSuite(
      valid.replace('target: { command: ["node", "run.js"] }', 'target: { model: "openai:gpt-x" }'),
      "s.yaml",
    );
    expect(model.problems[0]?.message).toMatch(/needs a sibling `prompt`/);
    const missing = parseSuite(
      valid.replace(
        'target: { command: ["node", "run.js"] }',
        'target: { model: "openai:gpt-x", prompt: "Decide {{amount}}" }',
      ),
      "s.yaml",
    );
    expect(missing.problems[0]?.message).toMatch(/no var "amount"/);
  });

  it("reports YAML syntax errors with a location", () => {
    const { problems } = parseSuite("suite: [\n", "s.yaml");
    expect(problems[0]?.code).toBe("yaml/syntax");
    expect(problems[0]?.line).toBeGreaterThan(0);
  });

  it("rejects a json-path without path and a bad JSONPath", () => {
    const noPath = parseSuite(valid.replace('path: "$.decision", ', ""), "s.yaml");
    expect(noPath.problems[0]?.message).toMatch(/needs a `path`/);
    const bad = parseSuite(valid.replace('path: "$.decision"', 'path: "$..decision"'), "s.yaml");
    expect(bad.problems[0]?.message).toMatch(/bad JSONPath/);
  });

  it("rejects a json-schema assertion whose schema does not compile, at the assertion", () => {
    const text = valid.replace(
      '      - { type: regex, value: "^\\\\{", weight: 2 }',
      "      - type: json-schema\n        value: { type: object, required: refund }",
    );
    const { suite, problems } = parseSuite(text, "evals/refunds.yaml");
    expect(suite).toBeUndefined();
    expect(problems).toEqual([
      {
        code: "eval/assertion",
        path: "evals/refunds.yaml",
        message:
          "invalid JSON Schema (schema is invalid: data/required must be array); fix the schema in `value`",
        line: 13,
        column: 16,
      },
    ]);
  });

  it("reads a suite of 15,000 nested list items as one depth problem, quickly", () => {
    const started = performance.now();
    const { problems } = parseSuite(`${"- ".repeat(15_000)}x\n`, "evals/deep.yaml");
    expect(problems.map((problem) => problem.code)).toEqual(["yaml/too-deep"]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
