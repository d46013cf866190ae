import { CONFIG_MODEL_PROVIDERS } from "../config/config-schema.js";
import { UsageError } from "../core/errors.js";

/** Providers jig knows how to reach: one list, kept with the config schema that validates ids. */
export const MODEL_PROVIDERS = CONFIG_MODEL_PROVIDERS;
export type ModelProvider = (typeof MODEL_PROVIDERS)[number];

/** A parsed `provider:model` id. For `command:` the model is the shell command. */
export interface ModelId {
  provider: ModelProvider;
  model: string;
  /** The id as written, trimmed. */
  id: string;
}

/**
 * Parse `provider:model`. Only the first colon splits, so `ollama:llama3:8b`
 * and `command:claude -p --output-format json` keep the rest intact.
 *
 * @example parseModelId("anthropic:claude-sonnet-4-5") // { provider: "anthropic", model: "claude-sonnet-4-5" }
 * @throws UsageError naming the accepted providers when the id is malformed.
 */
export function parseModelId(raw: string, source = "model id"): ModelId {
  const id = raw.trim();
  const colon = id.indexOf(":");
  const provider = colon === -1 ? "" : id.slice(0, colon);
  const model = colon === -1 ? "" : id.slice(colon + 1).trim();
  if (!isModelProvider(provider) || model === "") {
    throw new UsageError(
      `${source} "${raw}" is not provider:model; use one of ${MODEL_PROVIDERS.map((name) => `${name}:<model>`).join(", ")}`,
      { code: "models/bad-id" },
    );
  }
  return { provider, model, id: `${provider}:${model}` };
}

function isModelProvider(value: string): value is ModelProvider {
  return (MODEL_PROVIDERS as readonly string[]).includes(value);
}
