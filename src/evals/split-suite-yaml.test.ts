import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseSuiteYamlInChunks } from "./split-suite-yaml.js";

function bigSuite(count: number, tail = ""): string {
  const lines = [
    "suite: big",
    "# comment",
    'target: { model: "openai-compatible:m", prompt: "refund {{n}}" }',
    "scenarios:",
  ];
  for (let index = 0; index < count; index++) {
    lines.push(
      `  - id: case-${index}`,
      "    # a note",
      `    vars: { n: ${index} }`,
      "    assert:",
      `      - { type: contains, value: "refund ${index}" }`,
    );
  }
  return `${lines.join("\n")}\n${tail}`;
}

describe("parseSuiteYamlInChunks", () => {
  it("gives the same value as one parse for a big block-style suite", () => {
    const text = bigSuite(2_000, "threshold: 0.5\n");
    expect(parseSuiteYamlInChunks(text)).toEqual(parse(text));
  });

  it("declines small suites and anything it cannot split safely", () => {
    expect(parseSuiteYamlInChunks(bigSuite(3))).toBeUndefined();
    expect(
      parseSuiteYamlInChunks(bigSuite(2_000).replace("vars: { n: 5 }", "vars: &shared { n: 5 }")),
    ).toBeUndefined();
    expect(
      parseSuiteYamlInChunks(bigSuite(2_000).replace("scenarios:", "scenarios: []\nother:")),
    ).toBeUndefined();
  });

  it("throws on a YAML error inside a scenario, like one parse would", () => {
    expect(() =>
      parseSuiteYamlInChunks(bigSuite(2_000).replace("vars: { n: 7 }", "vars: { n: 7")),
    ).toThrow();
  });
});
