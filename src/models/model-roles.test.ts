import { describe, expect, it } from "vitest";
import { defaultConfig } from "../config/index.js";
import { chooseModelForRole, resolveModelRoles } from "./model-roles.js";

const base = defaultConfig();
const config = {
  ...base,
  models: { ...base.models, reviewer: "openai:gpt-4.1", coder: "anthropic:claude-sonnet-4-5" },
};

describe("chooseModelForRole", () => {
  it("takes the flag, then a non-blank environment variable, then the config", () => {
    expect(chooseModelForRole("reviewer", config, {}, "ollama:qwen")).toEqual({
      value: "ollama:qwen",
      source: "--model",
    });
    expect(chooseModelForRole("reviewer", config, { JIG_REVIEW_MODEL: "openai:o3" })).toEqual({
      value: "openai:o3",
      source: "JIG_REVIEW_MODEL",
    });
    expect(chooseModelForRole("coder", config, { JIG_CODER_MODEL: "  " })).toEqual({
      value: "anthropic:claude-sonnet-4-5",
      source: "models.coder",
    });
    expect(chooseModelForRole("coder", { models: {} }, {})).toBeUndefined();
  });

  it("is the order resolveModelRoles parses, naming the source of a bad id", () => {
    const roles = resolveModelRoles(config, { JIG_CODER_MODEL: "openai:gpt-4o" });
    expect(roles.coder?.id).toBe("openai:gpt-4o");
    expect(() => resolveModelRoles(config, { JIG_REVIEW_MODEL: "nonsense" })).toThrow(
      /JIG_REVIEW_MODEL/,
    );
  });
});
