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

  it("gives the same value as one parse at the edges of the text split", () => {
    const variants = [
      bigSuite(2_000).trimEnd(), // no trailing newline: the last scenario keeps its last character
      bigSuite(2_000, "threshold: 0.5"), // header keys after the scenarios, no trailing newline
      bigSuite(2_000, "\n\n# trailing comment\nrepeat: 2\n"),
      bigSuite(2_000).replace("  - id: case-9\n", "\n  # between items\n\n  - id: case-9\n"),
      bigSuite(2_000).replace("scenarios:", "scenarios: # the cases"),
      `scenarios:\n${bigSuite(2_000).split("scenarios:\n")[1]}suite: first-line\n`,
    ];
    for (const text of variants) {
      const split = parseSuiteYamlInChunks(text) as { scenarios: unknown[] };
      expect(split.scenarios).toHaveLength(2_000);
      expect(split).toEqual(parse(text));
    }
  });

  it("declines small suites and anything it cannot split safely", () => {
    expect(parseSuiteYamlInChunks(bigSuite(3))).toBeUndefined();
    expect(parseSuiteYamlInChunks(bigSuite(2_000).replaceAll("\n", "\r\n"))).toBeUndefined();
    expect(
      parseSuiteYamlInChunks(bigSuite(2_000).replace("vars: { n: 5 }", "vars: &shared { n: 5 }")),
    ).toBeUndefined();
    expect(
      parseSuiteYamlInChunks(bigSuite(2_000).replace("scenarios:", "scenarios: []\nother:")),
    ).toBeUndefined();
  });

  it("leaves a YAML error inside a scenario to the whole parse, which locates it", () => {
    expect(
      parseSuiteYamlInChunks(bigSuite(2_000).replace("vars: { n: 7 }", "vars: { n: 7")),
    ).toBeUndefined();
  });
});
