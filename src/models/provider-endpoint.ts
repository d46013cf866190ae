/**
 * Where each provider's HTTP API lives and which key it takes, read from the
 * `providers` config section and the environment. The one place for it:
 * `resolveModel` (the AI SDK path: review, spec, mining) and the evals' lean
 * chat client both ask here, so a configured `providers.<name>.baseURL` means
 * the same URL to both. Pure, and imports nothing, so the eval runner can use
 * it without loading the AI SDK.
 */

/** Providers reached over HTTP (`command:` models run a process instead). */
export type HttpModelProvider = "anthropic" | "openai" | "openai-compatible" | "ollama";

export interface EndpointSources {
  /** Environment: keys and base-URL overrides. Passed in, never read from the process. */
  env: Readonly<Record<string, string | undefined>>;
  /** The `providers` section of jig.config.yaml. */
  providers?: Readonly<Record<string, { baseURL?: string | undefined } | undefined>> | undefined;
}

export interface ProviderEndpoint {
  provider: HttpModelProvider;
  /**
   * The versioned API base, as the AI SDK takes it (`https://api.openai.com/v1`),
   * without a trailing slash: the chat path (`/chat/completions`, `/messages`)
   * follows it directly.
   */
  baseURL: string;
  apiKey?: string;
  /** The request format: OpenAI chat completions, or Anthropic messages. */
  wire: "openai" | "anthropic";
}

export type EndpointResult =
  | { ok: true; endpoint: ProviderEndpoint }
  | {
      ok: false;
      code: "models/no-key" | "models/no-base-url" | "models/no-endpoint";
      message: string;
    };

const ANTHROPIC_API_URL = "https://api.anthropic.com";

/**
 * The endpoint of `provider` for the model id `id` (used in messages). Lookup
 * order, per provider:
 * - anthropic: `providers.anthropic.baseURL`, `ANTHROPIC_BASE_URL`, the public API; key `ANTHROPIC_API_KEY`;
 * - openai: `providers.openai.baseURL`, `OPENAI_BASE_URL`, the public API; key `OPENAI_API_KEY`;
 * - openai-compatible: `JIG_OPENAI_COMPATIBLE_BASE_URL`, `providers.openai-compatible.baseURL`
 *   (one is required); optional key `JIG_OPENAI_COMPATIBLE_API_KEY`;
 * - ollama: `providers.ollama.baseURL`, `OLLAMA_HOST`, `http://127.0.0.1:11434`, plus `/v1`.
 *
 * @example
 * resolveProviderEndpoint("openai", "openai:gpt-4.1", { env: { OPENAI_API_KEY: "sk-..." } });
 * // { ok: true, endpoint: { provider: "openai", baseURL: "https://api.openai.com/v1", apiKey: "sk-...", wire: "openai" } }
 */
export function resolveProviderEndpoint(
  provider: string,
  id: string,
  sources: EndpointSources,
): EndpointResult {
  const { env } = sources;
  const configured = (name: string) => sources.providers?.[name]?.baseURL;
  switch (provider) {
    case "anthropic": {
      const base = configured("anthropic") ?? env.ANTHROPIC_BASE_URL ?? ANTHROPIC_API_URL;
      // Like the AI SDK: the bare public host means its versioned API.
      const trimmed = withoutTrailingSlash(base);
      const baseURL = trimmed === ANTHROPIC_API_URL ? `${trimmed}/v1` : trimmed;
      return withKey(id, "ANTHROPIC_API_KEY", env, { provider, baseURL, wire: "anthropic" });
    }
    case "openai": {
      const base = configured("openai") ?? env.OPENAI_BASE_URL ?? "https://api.openai.com/v1";
      const baseURL = withoutTrailingSlash(base);
      return withKey(id, "OPENAI_API_KEY", env, { provider, baseURL, wire: "openai" });
    }
    case "openai-compatible": {
      const base = env.JIG_OPENAI_COMPATIBLE_BASE_URL ?? configured("openai-compatible");
      if (base === undefined || base.trim() === "") {
        return {
          ok: false,
          code: "models/no-base-url",
          message: `${id} needs a base URL: set providers.openai-compatible.baseURL in jig.config.yaml or JIG_OPENAI_COMPATIBLE_BASE_URL`,
        };
      }
      const apiKey = nonBlank(env.JIG_OPENAI_COMPATIBLE_API_KEY);
      const endpoint: ProviderEndpoint = {
        provider,
        baseURL: withoutTrailingSlash(base),
        wire: "openai",
      };
      return { ok: true, endpoint: apiKey === undefined ? endpoint : { ...endpoint, apiKey } };
    }
    case "ollama": {
      const base = configured("ollama") ?? env.OLLAMA_HOST ?? "http://127.0.0.1:11434";
      // Ollama's OpenAI-compatible API is under /v1, whether or not the setting says so.
      const host = withoutTrailingSlash(base).replace(/\/v1$/, "");
      return { ok: true, endpoint: { provider, baseURL: `${host}/v1`, wire: "openai" } };
    }
    default:
      return {
        ok: false,
        code: "models/no-endpoint",
        message: `${id}: provider "${provider}" has no HTTP endpoint (anthropic, openai, openai-compatible and ollama do)`,
      };
  }
}

function withKey(
  id: string,
  name: string,
  env: EndpointSources["env"],
  endpoint: ProviderEndpoint,
): EndpointResult {
  const apiKey = nonBlank(env[name]);
  if (apiKey === undefined) {
    return {
      ok: false,
      code: "models/no-key",
      message: `${id} needs ${name}; export it, or pick another model`,
    };
  }
  return { ok: true, endpoint: { ...endpoint, apiKey } };
}

function nonBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
