import { createHash } from "node:crypto";
import { resolveProviderEndpoint } from "../../models/provider-endpoint.js";
import { type HttpAgents, sendRequest, throwIfTransient } from "./http-request.js";
import { withRetries } from "./retry.js";
import { TargetError } from "./target.js";

/** One chat completion request, provider-neutral. */
export interface ChatRequest {
  /** `provider:model`. */
  model: string;
  system?: string | undefined;
  prompt: string;
  temperature?: number | undefined;
  maxTokens?: number | undefined;
  timeoutMs: number;
  retries: number;
}

/**
 * Where each provider lives and which key it uses. Read from config
 * (`providers.openai-compatible.baseURL`) and the environment by the caller.
 */
export interface ProviderSettings {
  env: Readonly<Record<string, string | undefined>>;
  /** `providers` section of jig.config.yaml when the models feature defines it. */
  providers?: Readonly<Record<string, { baseURL?: string | undefined } | undefined>>;
}

/**
 * Completion texts by `ChatClient.cacheKey`: same model, endpoint, prompt and
 * parameters give the same text. Not the models folder's `ModelCache`, which
 * keeps validated structured answers with their usage and cost; the eval store
 * keeps these rows in SQLite (`eval_model_cache`).
 */
export interface CompletionCache {
  get(key: string): string | undefined;
  set(key: string, text: string): void;
}

/**
 * A lean chat client over `node:http` keep-alive sockets, speaking the
 * OpenAI chat-completions wire format (openai, openai-compatible, ollama)
 * and Anthropic's messages API. The eval runner calls a model thousands of
 * times; this path costs a fraction of a millisecond of CPU per call.
 */
export interface ChatClient {
  complete(request: ChatRequest): Promise<string>;
  /** Content address of a request, for the cache. */
  cacheKey(request: ChatRequest): string;
}

interface Endpoint {
  url: URL;
  headers: Record<string, string>;
  wire: "openai" | "anthropic";
  modelName: string;
}

export function createChatClient(agents: HttpAgents, settings: ProviderSettings): ChatClient {
  const endpoints = new Map<string, Endpoint>();
  const endpoint = (model: string): Endpoint => {
    let found = endpoints.get(model);
    if (!found) {
      found = resolveEndpoint(model, settings);
      endpoints.set(model, found);
    }
    return found;
  };
  return {
    cacheKey(request) {
      const { url } = endpoint(request.model);
      return createHash("sha256")
        .update(
          JSON.stringify([
            request.model,
            url.origin,
            request.system ?? "",
            request.prompt,
            request.temperature ?? null,
            request.maxTokens ?? null,
          ]),
        )
        .digest("hex");
    },
    complete(request) {
      const target = endpoint(request.model);
      const body = JSON.stringify(buildBody(target, request));
      return withRetries(
        async () => {
          const response = await sendRequest(agents, {
            method: "POST",
            url: target.url,
            headers: target.headers,
            body,
            timeoutMs: request.timeoutMs,
          });
          throwIfTransient(response, Date.now());
          if (response.status < 200 || response.status >= 300) {
            throw new TargetError(
              `${request.model}: HTTP ${response.status}: ${response.body.slice(0, 300)}`,
            );
          }
          return extractText(target, response.body, request.model);
        },
        { retries: request.retries },
      );
    },
  };
}

function buildBody(target: Endpoint, request: ChatRequest): Record<string, unknown> {
  if (target.wire === "anthropic") {
    const body: Record<string, unknown> = {
      model: target.modelName,
      max_tokens: request.maxTokens ?? 1024,
      messages: [{ role: "user", content: request.prompt }],
    };
    if (request.system) body.system = request.system;
    if (request.temperature !== undefined) body.temperature = request.temperature;
    return body;
  }
  const messages = request.system
    ? [
        { role: "system", content: request.system },
        { role: "user", content: request.prompt },
      ]
    : [{ role: "user", content: request.prompt }];
  const body: Record<string, unknown> = { model: target.modelName, messages };
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens;
  return body;
}

function extractText(target: Endpoint, body: string, model: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new TargetError(`${model}: the response is not JSON: ${body.slice(0, 200)}`);
  }
  if (target.wire === "anthropic") {
    const content = (parsed as { content?: Array<{ type?: string; text?: string }> }).content;
    const text = content
      ?.filter((part) => part.type === "text")
      .map((part) => part.text ?? "")
      .join("");
    if (text === undefined) throw new TargetError(`${model}: no content in the response`);
    return text;
  }
  const choice = (parsed as { choices?: Array<{ message?: { content?: string | null } }> })
    .choices?.[0];
  const text = choice?.message?.content;
  if (typeof text !== "string")
    throw new TargetError(`${model}: no choices[0].message.content in the response`);
  return text;
}

/**
 * The URL and headers of a chat call, from the same endpoint lookup the
 * models folder uses, so `providers.<name>.baseURL` and the key variables
 * mean the same here as for the reviewer.
 */
function resolveEndpoint(model: string, settings: ProviderSettings): Endpoint {
  const colon = model.indexOf(":");
  const provider = model.slice(0, colon);
  const modelName = model.slice(colon + 1);
  const resolved = resolveProviderEndpoint(provider, model, settings);
  if (!resolved.ok) {
    throw new TargetError(
      resolved.code === "models/no-endpoint"
        ? `${model}: provider "${provider}" is not supported by eval model targets (use openai-compatible, openai, ollama or anthropic)`
        : resolved.message,
    );
  }
  const { baseURL, apiKey, wire } = resolved.endpoint;
  const json = { "content-type": "application/json" };
  if (wire === "anthropic") {
    return {
      url: new URL(`${baseURL}/messages`),
      headers: { ...json, "x-api-key": apiKey ?? "", "anthropic-version": "2023-06-01" },
      wire,
      modelName,
    };
  }
  return {
    url: new URL(`${baseURL}/chat/completions`),
    headers: apiKey === undefined ? json : { ...json, authorization: `Bearer ${apiKey}` },
    wire,
    modelName,
  };
}
