import { describe, expect, it } from "vitest";
import { resolveProviderEndpoint } from "./provider-endpoint.js";

const endpoint = (
  provider: string,
  env: Record<string, string>,
  providers?: Record<string, { baseURL?: string }>,
) => resolveProviderEndpoint(provider, `${provider}:m`, { env, providers });

describe("resolveProviderEndpoint", () => {
  it("uses the public APIs, versioned, with the provider's key", () => {
    expect(endpoint("anthropic", { ANTHROPIC_API_KEY: "a" })).toEqual({
      ok: true,
      endpoint: {
        provider: "anthropic",
        baseURL: "https://api.anthropic.com/v1",
        apiKey: "a",
        wire: "anthropic",
      },
    });
    expect(endpoint("openai", { OPENAI_API_KEY: "o" })).toEqual({
      ok: true,
      endpoint: {
        provider: "openai",
        baseURL: "https://api.openai.com/v1",
        apiKey: "o",
        wire: "openai",
      },
    });
  });

  it("takes providers.<name>.baseURL over the environment, as written, less trailing slashes", () => {
    const env = {
      ANTHROPIC_API_KEY: "a",
      ANTHROPIC_BASE_URL: "http://env.test/v1",
      OPENAI_API_KEY: "o",
      OPENAI_BASE_URL: "http://env.test/v1",
    };
    const providers = {
      anthropic: { baseURL: "http://proxy.test/anthropic/v1/" },
      openai: { baseURL: "http://proxy.test/openai/v1//" },
    };
    expect(endpoint("anthropic", env, providers)).toMatchObject({
      endpoint: { baseURL: "http://proxy.test/anthropic/v1" },
    });
    expect(endpoint("openai", env, providers)).toMatchObject({
      endpoint: { baseURL: "http://proxy.test/openai/v1" },
    });
    expect(endpoint("anthropic", env)).toMatchObject({
      endpoint: { baseURL: "http://env.test/v1" },
    });
    expect(endpoint("openai", env)).toMatchObject({ endpoint: { baseURL: "http://env.test/v1" } });
    // The bare public host means its versioned API, as the AI SDK reads it.
    expect(
      endpoint("anthropic", env, { anthropic: { baseURL: "https://api.anthropic.com/" } }),
    ).toMatchObject({ endpoint: { baseURL: "https://api.anthropic.com/v1" } });
  });

  it("needs a non-blank key for anthropic and openai, and says which", () => {
    expect(endpoint("anthropic", {})).toEqual({
      ok: false,
      code: "models/no-key",
      message: "anthropic:m needs ANTHROPIC_API_KEY; export it, or pick another model",
    });
    expect(endpoint("openai", { OPENAI_API_KEY: "  " })).toMatchObject({
      ok: false,
      code: "models/no-key",
    });
  });

  it("needs a base URL for openai-compatible, the environment first; its key is optional", () => {
    expect(endpoint("openai-compatible", {})).toMatchObject({
      ok: false,
      code: "models/no-base-url",
    });
    const providers = { "openai-compatible": { baseURL: "http://config.test/v1" } };
    expect(endpoint("openai-compatible", {}, providers)).toEqual({
      ok: true,
      endpoint: { provider: "openai-compatible", baseURL: "http://config.test/v1", wire: "openai" },
    });
    expect(
      endpoint(
        "openai-compatible",
        {
          JIG_OPENAI_COMPATIBLE_BASE_URL: "http://env.test/v1/",
          JIG_OPENAI_COMPATIBLE_API_KEY: "k",
        },
        providers,
      ),
    ).toMatchObject({ endpoint: { baseURL: "http://env.test/v1", apiKey: "k" } });
  });

  it("reaches ollama's OpenAI-compatible API under /v1, with or without it in the setting", () => {
    expect(endpoint("ollama", {})).toEqual({
      ok: true,
      endpoint: { provider: "ollama", baseURL: "http://127.0.0.1:11434/v1", wire: "openai" },
    });
    for (const baseURL of [
      "http://gpu.test:11434",
      "http://gpu.test:11434/",
      "http://gpu.test:11434/v1/",
    ]) {
      expect(endpoint("ollama", {}, { ollama: { baseURL } })).toMatchObject({
        endpoint: { baseURL: "http://gpu.test:11434/v1" },
      });
    }
    expect(endpoint("ollama", { OLLAMA_HOST: "http://host.test:1" })).toMatchObject({
      endpoint: { baseURL: "http://host.test:1/v1" },
    });
  });

  it("has no endpoint for command: models or unknown providers", () => {
    expect(endpoint("command", {})).toMatchObject({ ok: false, code: "models/no-endpoint" });
    expect(endpoint("toString", {})).toMatchObject({ ok: false, code: "models/no-endpoint" });
  });
});
