import { renderTemplate } from "../render-template.js";
import type { ChatClient, CompletionCache } from "./chat-client.js";
import type { Target, TargetCall, TargetOutput } from "./target.js";

export interface ModelTargetOptions {
  model: string;
  prompt: string;
  system?: string | undefined;
  temperature?: number | undefined;
  maxTokens?: number | undefined;
  retries: number;
  client: ChatClient;
  /** Absent: never cache. */
  cache?: CompletionCache | undefined;
  clock?: () => number;
}

/**
 * A prompt-only skill: the scenario's vars fill the `{{var}}` prompt, the
 * model's text is the output. Answers are cached by content unless the
 * scenario says `cache: false` or the run passes `--no-cache`.
 */
export function createModelTarget(options: ModelTargetOptions): Target {
  const clock = options.clock ?? (() => performance.now());
  return {
    kind: "model",
    async call(call: TargetCall): Promise<TargetOutput> {
      const values = { ...call.scenario.vars, input: call.input };
      const request = {
        model: options.model,
        system: options.system === undefined ? undefined : renderTemplate(options.system, values),
        prompt: renderTemplate(options.prompt, values),
        temperature: options.temperature,
        maxTokens: options.maxTokens,
        timeoutMs: call.timeoutMs,
        retries: options.retries,
      };
      // Without the cache (`cache: false`, `--no-cache`) the answer is neither
      // read nor written, and the key is not even computed.
      const key = options.cache && call.useCache ? options.client.cacheKey(request) : undefined;
      if (key !== undefined) {
        const hit = options.cache?.get(key);
        if (hit !== undefined) return { text: hit, latencyMs: 0, cached: true };
      }
      const started = clock();
      const text = await options.client.complete(request);
      if (key !== undefined) options.cache?.set(key, text);
      return { text, latencyMs: clock() - started };
    },
    async close() {},
  };
}
