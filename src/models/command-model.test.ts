import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { defaultConfig } from "../config/index.js";
import { createConfiguredModelClient } from "./configured-model-client.js";
import { createMemoryModelCallLog } from "./model-call-log.js";
import { ModelCallError } from "./model-errors.js";
import { resolveModelRoles } from "./model-roles.js";

const schema = z.object({ answer: z.number() });
const request = {
  purpose: "test",
  schema,
  system: "Be terse.",
  prompt: "What is 6*7?",
  keyMaterial: "6*7",
};
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "jig-command-model-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function run(command: string) {
  const log = createMemoryModelCallLog();
  const client = createConfiguredModelClient(`command:${command}`, {
    config: defaultConfig(),
    env: { PATH: process.env.PATH },
    cwd: dir,
    noCache: true,
    log,
  });
  return { client, log };
}

describe("command: models", () => {
  it("sends the prompt and the JSON schema on stdin and reads the answer from stdout", async () => {
    const { client } = run(`cat > prompt.txt; echo 'Sure! \`\`\`json {"answer": 42} \`\`\`'`);
    const result = await client.generateObject(request);
    expect(result.object).toEqual({ answer: 42 });
    const prompt = readFileSync(join(dir, "prompt.txt"), "utf8");
    expect(prompt).toContain("What is 6*7?");
    expect(prompt).toContain('"answer"');
  });

  it("unwraps claude -p --output-format json, with its token usage", async () => {
    writeFileSync(
      join(dir, "answer.json"),
      JSON.stringify({
        type: "result",
        result: '{"answer": 7}',
        usage: { input_tokens: 11, output_tokens: 3 },
      }),
    );
    const result = await run("cat >/dev/null; cat answer.json").client.generateObject(request);
    expect(result.object).toEqual({ answer: 7 });
    expect([result.inputTokens, result.outputTokens]).toEqual([11, 3]);
  });

  it("a failing command is an error naming the command and its stderr, not retried", async () => {
    const { client, log } = run("cat >/dev/null; echo 'not logged in' >&2; exit 3");
    const error = await client.generateObject(request).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelCallError);
    expect((error as Error).message).toMatch(/exited with 3: not logged in/);
    expect(log.calls).toHaveLength(1);
  });
});

describe("model roles", () => {
  it("env overrides config, and an identical reviewer and coder is a config error", () => {
    const config = defaultConfig();
    config.models.reviewer = "anthropic:claude-sonnet-4-5";
    config.models.coder = "openai:gpt-4.1";
    expect(resolveModelRoles(config, { JIG_REVIEW_MODEL: "ollama:qwen" }).reviewer?.id).toBe(
      "ollama:qwen",
    );
    expect(() =>
      resolveModelRoles(config, { JIG_CODER_MODEL: "anthropic:claude-sonnet-4-5" }),
    ).toThrow(/also the coder model/);
    config.review.requireDifferentProvider = true;
    expect(() => resolveModelRoles(config, { JIG_REVIEW_MODEL: "openai:gpt-4.1-mini" })).toThrow(
      /share the provider openai/,
    );
    expect(() => resolveModelRoles(config, { JIG_REVIEW_MODEL: "gpt4" })).toThrow(
      /not provider:model/,
    );
  });
});
