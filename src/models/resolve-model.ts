import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModelV3 } from "@ai-sdk/provider";
import type { JigConfig } from "../config/config-schema.js";
import { UsageError } from "../core/errors.js";
import { createCommandModel } from "./command-model.js";
import { type ModelId, parseModelId } from "./model-id.js";
import type { ModelEnv } from "./model-roles.js";

export interface ResolveModelOptions {
  config: JigConfig;
  /** Environment (API keys, base URLs); the CLI passes `process.env` in. */
  env: ModelEnv;
  /** Repo root: where `command:` models run. */
  cwd: string;
  /** Replaces global fetch (tests, proxies). */
  fetch?: typeof globalThis.fetch;
}

/**
 * Turn a `provider:model` id into an AI SDK `LanguageModelV3`. Keys come from
 * the passed env (ANTHROPIC_API_KEY, OPENAI_API_KEY,
 * JIG_OPENAI_COMPATIBLE_API_KEY), never from the process directly.
 *
 * OpenAI goes through `.chat()` (chat completions) so the same code reaches
 * every OpenAI-compatible server; Ollama goes through its OpenAI-compatible
 * `/v1` API.
 *
 * @example
 * const model = resolveModel("openai:gpt-4.1-mini", { config, env: process.env, cwd });
 * @throws UsageError when the id is malformed or the provider's key is missing.
 */
export function resolveModel(id: string | ModelId, options: ResolveModelOptions): LanguageModelV3 {
  const parsed = typeof id === "string" ? parseModelId(id) : id;
  const { config, env } = options;
  const fetchOption = options.fetch ? { fetch: options.fetch } : {};
  switch (parsed.provider) {
    case "anthropic": {
      const baseURL = config.providers.anthropic.baseURL ?? env.ANTHROPIC_BASE_URL;
      return createAnthropic({
        apiKey: requireKey(env, "ANTHROPIC_API_KEY", parsed),
        ...(baseURL ? { baseURL } : {}),
        ...fetchOption,
      })(parsed.model) as LanguageModelV3;
    }
    case "openai": {
      const baseURL = config.providers.openai.baseURL ?? env.OPENAI_BASE_URL;
      return createOpenAI({
        apiKey: requireKey(env, "OPENAI_API_KEY", parsed),
        ...(baseURL ? { baseURL } : {}),
        ...fetchOption,
      }).chat(parsed.model) as LanguageModelV3;
    }
    case "openai-compatible": {
      const baseURL =
        env.JIG_OPENAI_COMPATIBLE_BASE_URL ?? config.providers["openai-compatible"].baseURL;
      if (!baseURL) {
        throw new UsageError(
          `${parsed.id} needs a base URL: set providers.openai-compatible.baseURL in jig.config.yaml or JIG_OPENAI_COMPATIBLE_BASE_URL`,
          { code: "models/no-base-url" },
        );
      }
      const apiKey = env.JIG_OPENAI_COMPATIBLE_API_KEY;
      return createOpenAICompatible({
        name: "openai-compatible",
        baseURL,
        ...(apiKey ? { apiKey } : {}),
        supportsStructuredOutputs: true,
        ...fetchOption,
      }).chatModel(parsed.model) as LanguageModelV3;
    }
    case "ollama": {
      const baseURL = `${config.providers.ollama.baseURL.replace(/\/+$/, "")}/v1`;
      return createOpenAICompatible({
        name: "ollama",
        baseURL,
        supportsStructuredOutputs: true,
        ...fetchOption,
      }).chatModel(parsed.model) as LanguageModelV3;
    }
    case "command":
      return createCommandModel(parsed.model, { cwd: options.cwd, env });
  }
}

function requireKey(env: ModelEnv, name: string, id: ModelId): string {
  const value = env[name];
  if (value === undefined || value.trim() === "") {
    throw new UsageError(`${id.id} needs ${name}; export it, or pick another model`, {
      code: "models/no-key",
    });
  }
  return value;
}
