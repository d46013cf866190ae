import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "./config-schema.js";
import { parseConfig } from "./parse-config.js";
import { renderConfigTemplate } from "./render-config-template.js";

describe("parseConfig", () => {
  it("treats an empty file as all defaults, except that a config without gate.criteria keeps any", () => {
    const defaults = defaultConfig();
    expect(defaults.gate.criteria).toBe("evidence");
    expect(parseConfig("", "jig.config.yaml")).toEqual({
      config: { ...defaults, gate: { ...defaults.gate, criteria: "any" } },
      problems: [],
    });
  });

  it("accepts the template jig init writes, and it equals the defaults", () => {
    const { config, problems } = parseConfig(
      renderConfigTemplate("./schema.json"),
      "jig.config.yaml",
    );
    expect(problems).toEqual([]);
    expect(config).toEqual(defaultConfig());
  });

  it("reports a syntax error with line and column", () => {
    const { config, problems } = parseConfig("gate:\n  failOn: [high\n", "jig.config.yaml");
    expect(config).toBeUndefined();
    expect(problems[0]).toMatchObject({ code: "yaml/syntax", path: "jig.config.yaml", line: 3 });
  });

  it("points an unknown key at the key itself", () => {
    const { problems } = parseConfig("gate:\n  failOn: high\n  fialOn: low\n", "c.yaml");
    expect(problems).toEqual([
      expect.objectContaining({ code: "config/unknown-key", line: 3, column: 3 }),
    ]);
    expect(problems[0]?.message).toContain("gate.fialOn");
  });

  it("points a wrong type at the value and reports every problem at once", () => {
    const text = "version: 1\ngate:\n  failOn: severe\n  require: spec\nstore:\n  path: 7\n";
    const { problems } = parseConfig(text, "c.yaml");
    expect(problems.map((problem) => [problem.line, problem.column])).toEqual([
      [3, 11],
      [4, 12],
      [6, 9],
    ]);
  });

  it("rejects a document that is not a mapping", () => {
    const { problems } = parseConfig("- a\n- b\n", "c.yaml");
    expect(problems[0]).toMatchObject({ code: "config/wrong-type", line: 1 });
  });
});

describe("README configuration reference", () => {
  it("shows exactly the template jig init writes", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const template = renderConfigTemplate("./node_modules/jig/schema/jig.config.schema.json");
    expect(readme).toContain(`\`\`\`yaml\n${template}\`\`\``);
  });
});

describe("model ids in the config", () => {
  it("points a malformed model id at its line and column", () => {
    const { problems } = parseConfig("models:\n  reviewer: gpt4\n", "jig.config.yaml");
    expect(problems).toEqual([
      expect.objectContaining({ line: 2, column: 13, code: "config/invalid" }),
    ]);
    expect(problems[0]?.message).toContain("provider:model");
  });

  it("accepts every provider jig can reach", async () => {
    const { MODEL_PROVIDERS } = await import("../models/model-id.js");
    for (const provider of MODEL_PROVIDERS) {
      const { problems } = parseConfig(`models:\n  reviewer: ${provider}:x\n`, "c.yaml");
      expect(problems, provider).toEqual([]);
    }
  });
});
