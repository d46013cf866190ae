import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../config/parse-config.js";
import { checkToolInput, TOOL_INPUT_SHAPES } from "./check-tool-input.js";
import { parseManifest } from "./load-agents.js";

/** Names every plain object answers to through Object.prototype. */
const INHERITED = ["toString", "__proto__", "constructor", "hasOwnProperty", "valueOf"];

const shape = (tool: string) => {
  const found = TOOL_INPUT_SHAPES.get(tool);
  if (!found) throw new Error(`no shape for ${tool}`);
  return found;
};

describe("checkToolInput", () => {
  it("refuses an inherited key name as an unknown field of a strict shape", () => {
    for (const key of INHERITED) {
      const input = JSON.parse(`{"command": "npm test", "${key}": "x"}`);
      expect(checkToolInput(input, shape("Bash")), key).toBe(`${key}: unknown field`);
    }
  });

  it("does not take a required field from the prototype chain", () => {
    // JSON.parse makes "__proto__" an own key, so this reaches the prototype only by `in`.
    const viaProto = JSON.parse('{"__proto__": {"command": "rm -rf /"}}');
    expect(checkToolInput(viaProto, shape("Bash"))).toBe("command: required");
    const inherited = Object.create({ command: "rm -rf /" }) as object;
    expect(checkToolInput(inherited, shape("Bash"))).toBe("command: required");
  });

  it("accepts a call that fits, so the refusals above are about the keys", () => {
    expect(checkToolInput({ command: "npm test" }, shape("Bash"))).toBeUndefined();
  });
});

describe("manifest and config parsers", () => {
  const coder = readFileSync(new URL("./__fixtures__/agents/coder.yaml", import.meta.url), "utf8");

  it("reject an inherited key name in an agent manifest as an unknown key", () => {
    expect(parseManifest(coder, "agents/coder.yaml").problems).toEqual([]);
    for (const key of INHERITED) {
      const { manifest, problems } = parseManifest(`${coder}\n${key}: x\n`, "agents/coder.yaml");
      expect(manifest, key).toBeUndefined();
      expect(problems.length, key).toBeGreaterThan(0);
    }
  });

  it("reject an inherited key name in jig.config.yaml and in its nested sections", () => {
    expect(parseConfig("version: 1\n", "jig.config.yaml").problems).toEqual([]);
    for (const key of INHERITED) {
      for (const text of [`version: 1\n${key}: x\n`, `version: 1\nstore:\n  ${key}: x\n`]) {
        const { config, problems } = parseConfig(text, "jig.config.yaml");
        expect(config, `${key} in ${JSON.stringify(text)}`).toBeUndefined();
        expect(problems.length, key).toBeGreaterThan(0);
      }
    }
  });
});
