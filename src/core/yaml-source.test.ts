import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { YAML_LIMITS } from "./yaml-limits.js";
import { parseYamlSource } from "./yaml-source.js";

/** A billion-laughs document: each anchor is a list of nine aliases of the one before. */
function aliasBomb(levels: number): string {
  const lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"];
  for (let level = 1; level <= levels; level++)
    lines.push(
      `a${level}: &a${level} [${Array(9)
        .fill(`*a${level - 1}`)
        .join(", ")}]`,
    );
  return `${lines.join("\n")}\n`;
}

/**
 * Each input once made a later step throw (exit 4) or abort; each must now be
 * one problem at the line and column that is wrong. A table, so a fuzz test
 * can reuse the same expectations.
 */
const hostileInputs: Array<{ name: string; text: string; code: string; at: [number, number] }> = [
  {
    name: "an undefined alias",
    text: "version: 1\ngate:\n  failOn: *undefined_alias\n",
    code: "yaml/alias",
    at: [3, 11],
  },
  { name: "an alias bomb", text: aliasBomb(9), code: "yaml/alias", at: [4, 10] },
  {
    name: "an anchor used 101 times",
    text: `a: &a 1\n${Array.from({ length: 101 }, (_, index) => `k${index}: *a`).join("\n")}\n`,
    code: "yaml/alias",
    at: [101, 6],
  },
  {
    name: "a self-referencing anchor",
    text: "input: &x {k: *x}\n",
    code: "yaml/circular",
    at: [1, 15],
  },
  {
    name: "flow nesting past the depth limit",
    text: `a: ${"[".repeat(3000)}${"]".repeat(3000)}\n`,
    code: "yaml/too-deep",
    at: [1, 4 + YAML_LIMITS.maxDepth - 1],
  },
  {
    name: "block nesting past the depth limit",
    text: `${Array.from({ length: 200 }, (_, index) => `${" ".repeat(index)}k:`).join("\n")} 1\n`,
    code: "yaml/too-deep",
    at: [YAML_LIMITS.maxDepth + 1, YAML_LIMITS.maxDepth + 1],
  },
  {
    name: "15,000 nested list items on one line",
    text: `${"- ".repeat(15_000)}x\n`,
    code: "yaml/too-deep",
    at: [1, 2 * YAML_LIMITS.maxDepth + 1],
  },
];

describe("parseYamlSource", () => {
  for (const { name, text, code, at } of hostileInputs) {
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
