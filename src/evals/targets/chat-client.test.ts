import { generateText } from "ai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultConfig } from "../../config/index.js";
import { resolveModel } from "../../models/resolve-model.js";
import { type FakeModelServer, startFakeModelServer } from "../../testing/fake-model-server.js";
import { createChatClient } from "./chat-client.js";
import { createHttpAgents, type HttpAgents } from "./http-request.js";

let stub: FakeModelServer;
let agents: HttpAgents;
beforeEach(async () => {
  stub = await startFakeModelServer();
  agents = createHttpAgents();
});
afterEach(async () => {
  agents.destroy();
  await stub.close();
});

const env = { ANTHROPIC_API_KEY: "anthropic-key", OPENAI_API_KEY: "openai-key" };
const ask = (model: string) => ({ model, prompt: "hi", timeoutMs: 5_000, retries: 0 });

describe("createChatClient endpoints", () => {
  it("calls the same URL as the reviewer's model for the same providers config", async () => {
    const config = defaultConfig();
    config.providers.anthropic.baseURL = stub.anthropicBaseURL;
    config.providers.openai.baseURL = stub.openaiBaseURL;
    const chat = createChatClient(agents, { env, providers: config.providers });
    for (const model of ["anthropic:claude-sonnet-4-5", "openai:gpt-4.1"]) {
      stub.enqueue({ kind: "text", text: "from eval" }, { kind: "text", text: "from review" });
      expect(await chat.complete(ask(model))).toBe("from eval");
      const reviewer = resolveModel(model, { config, env, cwd: process.cwd() });
      expect((await generateText({ model: reviewer, prompt: "hi" })).text).toBe("from review");
      const [evalCall, reviewCall] = stub.requests.slice(-2);
      expect(evalCall?.path, model).toBe(reviewCall?.path);
    }
    expect(stub.requests.map((request) => request.path)).toEqual([
      "/v1/messages",
      "/v1/messages",
      "/v1/chat/completions",
      "/v1/chat/completions",
    ]);
    expect(stub.requests[0]?.headers).toMatchObject({
      "x-api-key": "anthropic-key",
      "anthropic-version": "2023-06-01",
    });
    expect(stub.requests[2]?.headers).toMatchObject({ authorization: "Bearer openai-key" });
  });

  it("rejects a missing key or an unsupported provider as a target error naming it", async () => {
    const chat = createChatClient(agents, { env: {} });
    const complete = async (model: string) => chat.complete(ask(model));
    await expect(complete("openai:gpt-4.1")).rejects.toMatchObject({
      name: "TargetError",
      message: expect.stringContaining("OPENAI_API_KEY"),
    });
    await expect(complete("command:claude -p")).rejects.toMatchObject({
      name: "TargetError",
      message: expect.stringContaining("not supported by eval model targets"),
    });
  });
});
