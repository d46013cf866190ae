import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { streamText } from "ai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { defaultConfig } from "../config/index.js";
import {
  type FakeModelServer,
  refusedUrl,
  startFakeModelServer,
} from "../testing/fake-model-server.js";
import { createConfiguredModelClient } from "./configured-model-client.js";
import { createMemoryModelCache, openCassette } from "./model-cache.js";
import { createMemoryModelCallLog } from "./model-call-log.js";
import { createModelClient } from "./model-client.js";
import { BudgetExceededError, ModelCallError, ModelOutputError } from "./model-errors.js";
import { mergePrices } from "./price-table.js";
import { resolveModel } from "./resolve-model.js";

const schema = z.object({ verdictFree: z.boolean(), items: z.array(z.string()) });
const good = { verdictFree: true, items: ["a"] };
const request = {
  purpose: "test",
  schema,
  system: "You answer in JSON.",
  prompt: "List one item.",
  keyMaterial: { prompt: "List one item." },
};

let stub: FakeModelServer;
let dir: string;
beforeEach(async () => {
  stub = await startFakeModelServer();
  dir = mkdtempSync(join(tmpdir(), "jig-models-"));
});
afterEach(async () => {
  await stub.close();
  rmSync(dir, { recursive: true, force: true });
});

function config(overrides: { baseURL?: string; timeoutMs?: number; maxRetries?: number } = {}) {
  const base = defaultConfig();
  const url = overrides.baseURL ?? stub.openaiBaseURL;
  base.providers.openai.baseURL = url;
  base.providers.anthropic.baseURL = url;
  base.providers["openai-compatible"].baseURL = url;
  base.providers.ollama.baseURL = url.replace(/\/v1$/, "");
  base.models.timeoutMs = overrides.timeoutMs ?? 5000;
  base.models.maxRetries = overrides.maxRetries ?? 2;
  return base;
}
const env = { OPENAI_API_KEY: "test", ANTHROPIC_API_KEY: "test" };

function client(
  modelId: string,
  options: { baseURL?: string; timeoutMs?: number; maxRetries?: number } = {},
) {
  const log = createMemoryModelCallLog();
  const made = createConfiguredModelClient(modelId, {
    config: config(options),
    env,
    cwd: dir,
    noCache: true,
    log,
    retryBaseMs: 5,
    retryMaxMs: 50,
  });
  return { client: made, log };
}

describe("providers speak the wire formats (one conformance check per provider)", () => {
  for (const modelId of [
    "openai:gpt-4.1-mini",
    "anthropic:claude-sonnet-4-5",
    "anthropic:claude-3-haiku-20240307",
    "openai-compatible:qwen",
    "ollama:llama3:8b",
  ]) {
    it(`${modelId} returns validated structured output with usage and cost`, async () => {
      stub.enqueue({ kind: "json", value: good });
      const { client: made, log } = client(modelId);
      const result = await made.generateObject(request);
      expect(result.object).toEqual(good);
      expect(result.source).toBe("model");
      expect(result.inputTokens).toBeGreaterThan(0);
      expect(stub.requests).toHaveLength(1);
      expect(stub.requests[0]?.text).toContain("List one item.");
      expect(log.calls.map((call) => call.status)).toEqual(["ok"]);
    });
  }

  it("openai requests carry response_format json_schema", async () => {
    stub.enqueue({ kind: "json", value: good });
    await client("openai:gpt-4.1").client.generateObject(request);
    const format = stub.requests[0]?.body.response_format as {
      type: string;
      json_schema: { schema: unknown };
    };
    expect(format.type).toBe("json_schema");
    expect(format.json_schema.schema).toMatchObject({ type: "object" });
  });

  it("prices calls from the table, with user overrides", async () => {
    stub.enqueue({ kind: "json", value: good });
    const base = config();
    base.models.prices = { "openai:house-model": { input: 1_000_000, output: 0 } };
    const made = createConfiguredModelClient("openai:house-model", {
      config: base,
      env,
      cwd: dir,
      noCache: true,
    });
    const result = await made.generateObject(request);
    expect(result.costUsd).toBe(result.inputTokens);
    expect(made.usage().costUsd).toBe(result.costUsd);
  });

  it("streams OpenAI and Anthropic SSE, text and tool calls", async () => {
    stub.enqueue({ kind: "text", text: "hello stream" }, { kind: "text", text: "hello anthropic" });
    const openai = resolveModel("openai:gpt-4.1", { config: config(), env, cwd: dir });
    const anthropic = resolveModel("anthropic:claude-sonnet-4-5", {
      config: config(),
      env,
      cwd: dir,
    });
    expect(await streamText({ model: openai, prompt: "hi" }).text).toBe("hello stream");
    expect(await streamText({ model: anthropic, prompt: "hi" }).text).toBe("hello anthropic");
    stub.enqueue({ kind: "tool-call", name: "lookup", arguments: { q: 1 } });
    const calls = await streamText({
      model: openai,
      prompt: "use the tool",
      tools: { lookup: { description: "look", inputSchema: z.object({ q: z.number() }) } },
    }).toolCalls;
    expect(calls[0]).toMatchObject({ toolName: "lookup", input: { q: 1 } });
  });
});

describe("reliability", () => {
  it("retries a 429, honouring retry-after, then answers", async () => {
    stub.enqueue(
      { kind: "status", status: 429, headers: { "retry-after": "0.2" } },
      { kind: "json", value: good },
    );
    const sleeps: number[] = [];
    const log = createMemoryModelCallLog();
    const made = createModelClient({
      modelId: "openai:gpt-4.1",
      model: resolveModel("openai:gpt-4.1", { config: config(), env, cwd: dir }),
      timeoutMs: 5000,
      maxRetries: 2,
      prices: mergePrices({}),
      log,
      sleep: async (ms) => void sleeps.push(ms),
    });
    const result = await made.generateObject(request);
    expect(result.object).toEqual(good);
    expect(result.calls).toBe(2);
    expect(sleeps).toEqual([200]);
    expect(log.calls.map((call) => [call.status, call.errorKind])).toEqual([
      ["error", "rate-limit"],
      ["ok", undefined],
    ]);
  });

  const faults: Array<[string, () => Promise<{ baseURL?: string; timeoutMs?: number }>, string]> = [
    [
      "a 500",
      async () => {
        stub.setFallback({ kind: "status", status: 500 });
        return {};
      },
      "server",
    ],
    [
      "a hanging response",
      async () => {
        stub.setFallback({ kind: "hang" });
        return { timeoutMs: 150 };
      },
      "timeout",
    ],
    [
      "a malformed JSON body",
      async () => {
        stub.setFallback({ kind: "malformed" });
        return {};
      },
      "malformed-response",
    ],
    ["connection refused", async () => ({ baseURL: `${await refusedUrl()}/v1` }), "connection"],
  ];
  for (const [name, setup, kind] of faults) {
    it(`${name}: retries, then a clear error naming the model, every attempt logged`, async () => {
      const options = await setup();
      const { client: made, log } = client("openai:gpt-4.1", { ...options, maxRetries: 2 });
      const error = await made.generateObject(request).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ModelCallError);
      expect((error as ModelCallError).message).toMatch(
        new RegExp(`openai:gpt-4.1 failed after 3 attempts \\(${kind}`),
      );
      expect(log.calls).toHaveLength(3);
      expect(log.calls.every((call) => call.status === "error" && call.errorKind === kind)).toBe(
        true,
      );
    });
  }

  it("re-asks schema-invalid output once with the errors, then fails rather than passing", async () => {
    stub.setFallback({ kind: "json", value: { verdictFree: "yes" } });
    const { client: made, log } = client("openai:gpt-4.1");
    await expect(made.generateObject(request)).rejects.toBeInstanceOf(ModelOutputError);
    expect(stub.requests).toHaveLength(2);
    expect(stub.requests[1]?.text).toContain("previous answer was rejected");
    expect(log.calls.map((call) => call.errorKind)).toEqual(["invalid-output", "invalid-output"]);
  });

  it("names each schema problem by path on one line, in the error and in the re-ask", async () => {
    stub.setFallback({ kind: "json", value: { verdictFree: "yes" } });
    const { client: made } = client("openai:gpt-4.1");
    const error = await made.generateObject(request).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelOutputError);
    const message = (error as ModelOutputError).message;
    expect(message).not.toContain("\n");
    expect(message).toMatch(/verdictFree: .*expected boolean/);
    expect(message).toMatch(/items: .*expected array/);
    expect(stub.requests[1]?.text).toMatch(/rejected .*verdictFree: .*expected boolean/);
  });

  it("accepts a corrected answer after one schema-invalid answer", async () => {
    stub.enqueue({ kind: "text", text: "not json at all" }, { kind: "json", value: good });
    const result = await client("anthropic:claude-sonnet-4-5").client.generateObject(request);
    expect(result.object).toEqual(good);
    expect(result.calls).toBe(2);
  });
});

describe("cost, cache and cassettes", () => {
  it("stops before a call that would exceed the budget, and says so", async () => {
    const made = createModelClient({
      modelId: "openai:gpt-4.1",
      model: resolveModel("openai:gpt-4.1", { config: config(), env, cwd: dir }),
      timeoutMs: 5000,
      maxRetries: 0,
      prices: mergePrices({}),
      maxCostUsd: 0.001,
    });
    const error = await made
      .generateObject({ ...request, prompt: "x".repeat(40_000) })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect((error as Error).message).toContain("--max-cost $0.001");
    expect(stub.requests).toHaveLength(0);
  });

  it("answers a repeated call from the cache without calling the model", async () => {
    stub.enqueue({ kind: "json", value: good });
    const cache = createMemoryModelCache();
    const make = () =>
      createModelClient({
        modelId: "openai:gpt-4.1",
        model: resolveModel("openai:gpt-4.1", { config: config(), env, cwd: dir }),
        timeoutMs: 5000,
        maxRetries: 0,
        prices: mergePrices({}),
        cache,
      });
    await make().generateObject(request);
    // Same key material, different (per-run) prompt text: still a hit.
    const second = await make().generateObject({
      ...request,
      prompt: "List one item. <<delim-42>>",
    });
    expect(second.source).toBe("cache");
    expect(second.object).toEqual(good);
    expect(stub.requests).toHaveLength(1);
  });

  it("records a cassette, then replays it with no model and no key", async () => {
    stub.enqueue({ kind: "json", value: good });
    const path = join(dir, "cassette.jsonl");
    await createConfiguredModelClient("openai:gpt-4.1", {
      config: config(),
      env: { ...env, JIG_CASSETTE: path },
      cwd: dir,
      noCache: true,
    }).generateObject(request);
    const replay = createConfiguredModelClient("openai:gpt-4.1", {
      config: config({ baseURL: "http://127.0.0.1:9/v1" }),
      env: { JIG_CASSETTE: path, JIG_CASSETTE_MODE: "replay" },
      cwd: dir,
      noCache: true,
    });
    const result = await replay.generateObject(request);
    expect(result.source).toBe("cassette");
    expect(result.object).toEqual(good);
    expect(stub.requests).toHaveLength(1);
    await expect(replay.generateObject({ ...request, keyMaterial: "other" })).rejects.toThrow(
      /no recorded answer/,
    );
    expect(() => openCassette(join(dir, "missing.jsonl"), "replay")).toThrow(/does not exist/);
  });
});
