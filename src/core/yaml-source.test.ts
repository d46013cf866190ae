import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { aliasBomb, HOSTILE_YAML } from "../test-support/hostile-yaml.js";
import { YAML_LIMITS } from "./yaml-limits.js";
import { parseYamlSource } from "./yaml-source.js";

describe("parseYamlSource", () => {
  for (const { name, text, code, at } of HOSTILE_YAML) {
    it(`reports ${name} as one problem at ${at.join(":")}`, () => {
      const source = parseYamlSource(text, "f.yaml");
      expect(source.value).toBeUndefined();
      expect(source.problems).toEqual([
        expect.objectContaining({ code, path: "f.yaml", line: at[0], column: at[1] }),
      ]);
    });
  }

  it("names the undefined alias and says what to do", () => {
    const [problem] = parseYamlSource("a: *nope\n", "f.yaml").problems;
    expect(problem?.message).toBe(
      'alias "*nope" has no anchor "&nope" before it; define the anchor above the alias or write the value out',
    );
  });

  it("agrees with the yaml package on where the alias count runs out", () => {
    // The replayed count must trip exactly where toJS would: one use fewer parses.
    const within = `a: &a 1\n${Array.from({ length: 99 }, (_, index) => `k${index}: *a`).join("\n")}\n`;
    expect(parseYamlSource(within, "f.yaml").problems).toEqual([]);
    expect(() => parse(aliasBomb(9))).toThrow(/Excessive alias count/);
    expect(parseYamlSource(aliasBomb(1), "f.yaml").problems).toEqual([]);
  });

  it("still resolves ordinary anchors and aliases", () => {
    const source = parseYamlSource("base: &b {n: 1}\none: *b\ntwo: [*b, *b]\n", "f.yaml");
    expect(source.problems).toEqual([]);
    expect(source.value).toEqual({ base: { n: 1 }, one: { n: 1 }, two: [{ n: 1 }, { n: 1 }] });
  });

  it("accepts nesting at the depth limit", () => {
    const depth = YAML_LIMITS.maxDepth;
    const source = parseYamlSource(`${"[".repeat(depth)}${"]".repeat(depth)}\n`, "f.yaml");
    expect(source.problems).toEqual([]);
  });

  it("points an over-indented line at that line, once", () => {
    const text = "version: 1\ngate:\n  failOn: high\n    require: [spec]\n";
    expect(parseYamlSource(text, "jig.config.yaml").problems).toEqual([
      {
        code: "yaml/syntax",
        path: "jig.config.yaml",
        message:
          "this line is indented deeper than the line above, which is not a key; line it up with the keys above or indent it under a key",
        line: 4,
        column: 5,
      },
    ]);
  });

  it("shifts every location by the line offset", () => {
    const [problem] = parseYamlSource("a: *nope\n", "SPEC-0001.md", 1).problems;
    expect([problem?.line, problem?.column]).toEqual([2, 4]);
  });
});
