import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModelV3 } from "@ai-sdk/provider";
import type { JigConfig } from "../config/config-schema.js";
import { UsageError } from "../core/errors.js";
import { createCommandModel } from "./command-model.js";
import { type ModelId, parseModelId } from "./model-id.js";
import type { ModelEnv } from "./model-roles.js";
import { resolveProviderEndpoint } from "./provider-endpoint.js";

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
  if (parsed.provider === "command") {
    return createCommandModel(parsed.model, { cwd: options.cwd, env });
  }
  const resolved = resolveProviderEndpoint(parsed.provider, parsed.id, {
    env,
    providers: config.providers,
  });
  if (!resolved.ok) throw new UsageError(resolved.message, { code: resolved.code });
  const { baseURL, apiKey } = resolved.endpoint;
  const fetchOption = options.fetch ? { fetch: options.fetch } : {};
  const keyOption = apiKey === undefined ? {} : { apiKey };
  switch (parsed.provider) {
    case "anthropic":
      return createAnthropic({ baseURL, ...keyOption, ...fetchOption })(
        parsed.model,
      ) as LanguageModelV3;
    case "openai":
      return createOpenAI({ baseURL, ...keyOption, ...fetchOption }).chat(
        parsed.model,
      ) as LanguageModelV3;
    default:
      return createOpenAICompatible({
        name: parsed.provider,
        baseURL,
        ...keyOption,
        supportsStructuredOutputs: true,
        ...fetchOption,
      }).chatModel(parsed.model) as LanguageModelV3;
  }
}
