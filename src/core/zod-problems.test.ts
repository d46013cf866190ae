import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formatProblem } from "./problem.js";
import { parseYamlAs } from "./zod-problems.js";

const schema = z.strictObject({
  name: z.string(),
  size: z.number().default(3),
});

describe("parseYamlAs", () => {
  it("validates and fills defaults", () => {
    expect(parseYamlAs("name: a\n", "x.yaml", schema, { prefix: "x" })).toMatchObject({
      value: { name: "a", size: 3 },
      problems: [],
    });
  });

  it("locates unknown keys and wrong values at file:line:col", () => {
    const { value, problems } = parseYamlAs("name: a\nsize: big\nextra: 1\n", "x.yaml", schema, {
      prefix: "x",
    });
    expect(value).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({ code: "x/wrong-type", path: "x.yaml", line: 2, column: 7 }),
      expect.objectContaining({ code: "x/unknown-key", line: 3, column: 1 }),
    ]);
  });

  it("treats an empty document as {} unless told otherwise", () => {
    expect(parseYamlAs("", "x.yaml", z.object({}), { prefix: "x" }).value).toEqual({});
    const strict = parseYamlAs("", "x.yaml", schema, {
      prefix: "x",
      empty: null,
      notMapping: "x.yaml must be a mapping",
    });
    expect(strict.problems).toEqual([
      {
        code: "x/wrong-type",
        path: "x.yaml",
        message: "x.yaml must be a mapping",
        line: 1,
        column: 1,
      },
    ]);
  });

  it("reports a root that is not a mapping as one problem when asked", () => {
    const { problems } = parseYamlAs("- a\n- b\n", "x.yaml", schema, {
      prefix: "x",
      notMapping: "not a mapping",
    });
    expect(problems.map((problem) => problem.message)).toEqual(["not a mapping"]);
  });

  it("keeps every syntax error, or only the first when asked", () => {
    const text = "name: [a\nsize: {b\n";
    const all = parseYamlAs(text, "x.yaml", schema, { prefix: "x" }).problems;
    expect(all.length).toBeGreaterThan(1);
    expect(all.every((problem) => problem.code === "yaml/syntax")).toBe(true);
    const first = parseYamlAs(text, "x.yaml", schema, { prefix: "x", firstSyntaxError: true });
    expect(first.problems).toEqual([all[0]]);
  });
});

describe("enum problems", () => {
  const kinds = z.strictObject({
    gate: z.strictObject({ failOn: z.enum(["critical", "high", "low"]) }).optional(),
    assert: z.array(z.strictObject({ type: z.enum(["equals", "contains"]) })).optional(),
    mode: z.union([z.literal("record"), z.literal("replay")]).optional(),
  });

  it("names the value found and the values allowed", () => {
    const text = "gate:\n  failOn: hihg\nassert:\n  - type: no-such-assertion\nmode: 3\n";
    const { problems } = parseYamlAs(text, "x.yaml", kinds, { prefix: "x" });
    expect(problems.map(formatProblem)).toEqual([
      'x.yaml:2:11: "gate.failOn": unknown value "hihg"; expected one of critical, high, low [x/invalid]',
      'x.yaml:4:11: unknown assertion type "no-such-assertion"; expected one of equals, contains [x/invalid]',
      'x.yaml:5:7: "mode": unknown value 3; expected one of record, replay [x/invalid]',
    ]);
  });
});
