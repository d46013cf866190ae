import type { LanguageModelV3 } from "@ai-sdk/provider";
import { generateText, NoObjectGeneratedError, Output } from "ai";
import { z } from "zod";
import type { Usage } from "../contract/index.js";
import { estimateTokens } from "./command-model.js";
import { type Cassette, type ModelCache, modelCallKey } from "./model-cache.js";
import type { ModelCallLog, ModelCallRecord } from "./model-call-log.js";
import {
  BudgetExceededError,
  classifyModelError,
  ModelCallError,
  ModelOutputError,
  retryDelayMs,
} from "./model-errors.js";
import { costOf, findPrice, type PriceTable } from "./price-table.js";

export interface ModelClientOptions {
  /** `provider:model`, used for keys, prices and messages. */
  modelId: string;
  /** The model, or a factory so replayed and cached runs need no API key. */
  model: LanguageModelV3 | (() => LanguageModelV3);
  timeoutMs: number;
  maxRetries: number;
  prices: PriceTable;
  cache?: ModelCache | undefined;
  cassette?: Cassette | undefined;
  log?: ModelCallLog | undefined;
  runId?: string | undefined;
  /** Stop before a call would push total spend over this many USD. */
  maxCostUsd?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Backoff base and cap in ms (defaults 500 and 20000). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Injectable for tests: sleep, jitter source, wall clock. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => Date;
}

export interface ObjectRequest<T> {
  /** What the call is for, recorded with it: `review`, `interview`, `mine`. */
  purpose: string;
  schema: z.ZodType<T>;
  schemaName?: string;
  system: string;
  prompt: string;
  /**
   * The content that decides the answer, *without* per-run random delimiters:
   * the cache and cassette key is computed from it and the schema.
   */
  keyMaterial: unknown;
  maxOutputTokens?: number;
}

export interface ObjectResult<T> {
  object: T;
  /** Where the answer came from. */
  source: "model" | "cache" | "cassette";
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** Model calls made for this answer, failed ones included. */
  calls: number;
  key: string;
}

/**
 * A model with jig's reliability and bookkeeping around it. Every structured
 * call goes through the same path:
 *
 * 1. key = hash(model, key material, schema): replay from the cassette, or
 *    answer from the cache, with no call at all;
 * 2. refuse up front when the estimated cost would exceed `maxCostUsd`;
 * 3. call with a per-call timeout; retry 429, 5xx, timeouts, malformed
 *    responses and connection errors with jittered backoff that honours
 *    `retry-after`; every failed attempt is logged;
 * 4. output failing the schema is re-asked once with the validation errors;
 *    a second failure is a `ModelOutputError`, never a silent pass.
 *
 * @example
 * const client = createModelClient({ modelId, model, timeoutMs: 60000, maxRetries: 3, prices });
 * const { object } = await client.generateObject({ purpose: "review", schema, system, prompt, keyMaterial });
 */
export interface ModelClient {
  readonly modelId: string;
  generateObject<T>(request: ObjectRequest<T>): Promise<ObjectResult<T>>;
  /** Totals over every call made through this client. */
  usage(): Usage;
}

export function createModelClient(options: ModelClientOptions): ModelClient {
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => new Date());
  const price = findPrice(options.modelId, options.prices);
  const total: Usage = { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
  let resolved: LanguageModelV3 | undefined;
  const model = () => {
    resolved ??= typeof options.model === "function" ? options.model() : options.model;
    return resolved;
  };

  const log = (record: Omit<ModelCallRecord, "modelId" | "runId">) => {
    options.log?.record({
      ...record,
      modelId: options.modelId,
      ...(options.runId ? { runId: options.runId } : {}),
    });
  };

  async function generateObject<T>(request: ObjectRequest<T>): Promise<ObjectResult<T>> {
    const jsonSchema = z.toJSONSchema(request.schema);
    const key = modelCallKey({
      v: 1,
      model: options.modelId,
      purpose: request.purpose,
      schema: jsonSchema,
      content: request.keyMaterial,
      maxOutputTokens: request.maxOutputTokens ?? null,
    });
    const promptBytes = Buffer.byteLength(request.system) + Buffer.byteLength(request.prompt);
    const stored =
      options.cassette?.replay(key, () => `${request.purpose} with ${options.modelId}`) ??
      options.cache?.get(key);
    if (stored) {
      const parsed = request.schema.safeParse(stored.output);
      if (parsed.success) {
        log({
          purpose: request.purpose,
          key,
          status: options.cassette?.mode === "replay" ? "cassette" : "cache",
          attempt: 0,
          inputTokens: 0,
          outputTokens: 0,
          costUsd: 0,
          promptBytes: 0,
          durationMs: 0,
          startedAt: now().toISOString(),
        });
        return {
          object: parsed.data,
          source: options.cassette?.mode === "replay" ? "cassette" : "cache",
          inputTokens: 0,
          outputTokens: 0,
          costUsd: 0,
          calls: 0,
          key,
        };
      }
    }

    let prompt = request.prompt;
    let repaired = false;
    let transientFailures = 0;
    let calls = 0;
    const spent = { input: 0, output: 0, cost: 0 };
    for (;;) {
      checkBudget(request, prompt);
      const startedAt = now();
      const started = performance.now();
      const timeout = AbortSignal.timeout(options.timeoutMs);
      const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
      calls += 1;
      total.calls += 1;
      try {
        const result = await generateText({
          model: model(),
          system: request.system,
          prompt,
          output: Output.object({
            schema: request.schema,
            ...(request.schemaName ? { name: request.schemaName } : {}),
          }),
          maxRetries: 0,
          abortSignal: signal,
          temperature: 0,
          ...(request.maxOutputTokens ? { maxOutputTokens: request.maxOutputTokens } : {}),
        });
        const inputTokens = result.usage.inputTokens ?? estimateTokens(request.system + prompt);
        const outputTokens = result.usage.outputTokens ?? 0;
        const cost = costOf(price, inputTokens, outputTokens);
        addUsage(spent, total, inputTokens, outputTokens, cost);
        const object = result.output as T;
        log({
          purpose: request.purpose,
          key,
          status: "ok",
          attempt: calls,
          inputTokens,
          outputTokens,
          costUsd: cost,
          promptBytes,
          durationMs: performance.now() - started,
          startedAt: startedAt.toISOString(),
        });
        const answer = {
          key,
          modelId: options.modelId,
          output: object,
          inputTokens: spent.input,
          outputTokens: spent.output,
          costUsd: spent.cost,
          recordedAt: now().toISOString(),
        };
        options.cache?.set(answer);
        options.cassette?.record(answer);
        return {
          object,
          source: "model",
          inputTokens: spent.input,
          outputTokens: spent.output,
          costUsd: spent.cost,
          calls,
          key,
        };
      } catch (error) {
        const failure = classifyModelError(error, {
          timedOut: timeout.aborted && !options.signal?.aborted,
          aborted: Boolean(options.signal?.aborted),
          now: now().getTime(),
        });
        const usage = NoObjectGeneratedError.isInstance(error) ? error.usage : undefined;
        const inputTokens = usage?.inputTokens ?? 0;
        const outputTokens = usage?.outputTokens ?? 0;
        const cost = costOf(price, inputTokens, outputTokens);
        addUsage(spent, total, inputTokens, outputTokens, cost);
        log({
          purpose: request.purpose,
          key,
          status: "error",
          attempt: calls,
          errorKind: failure.kind,
          error: failure.message,
          inputTokens,
          outputTokens,
          costUsd: cost,
          promptBytes,
          durationMs: performance.now() - started,
          startedAt: startedAt.toISOString(),
        });
        if (failure.kind === "invalid-output") {
          if (repaired) throw new ModelOutputError(options.modelId, failure.message);
          repaired = true;
          prompt = `${request.prompt}\n\nYour previous answer was rejected because it does not match the required JSON schema: ${failure.message}\nAnswer again with only a JSON object that matches the schema.`;
          continue;
        }
        if (!failure.retryable || transientFailures >= options.maxRetries) {
          throw new ModelCallError(options.modelId, calls, failure, { cause: error });
        }
        await sleep(
          retryDelayMs(transientFailures, failure, {
            baseMs: options.retryBaseMs ?? 500,
            maxMs: options.retryMaxMs ?? 20_000,
            random,
          }),
          options.signal,
        );
        transientFailures += 1;
      }
    }
  }

  function checkBudget(request: ObjectRequest<unknown>, prompt: string): void {
    if (options.maxCostUsd === undefined || !price) return;
    const estimate = costOf(
      price,
      estimateTokens(request.system + prompt),
      request.maxOutputTokens ?? 2000,
    );
    if (total.costUsd + estimate > options.maxCostUsd) {
      throw new BudgetExceededError(
        `stopped before calling ${options.modelId}: spent $${total.costUsd.toFixed(4)} so far and the next call is estimated at $${estimate.toFixed(4)}, which would exceed --max-cost $${options.maxCostUsd}`,
      );
    }
  }

  return {
    modelId: options.modelId,
    generateObject,
    usage: () => ({ ...total }),
  };
}

function addUsage(
  spent: { input: number; output: number; cost: number },
  total: Usage,
  inputTokens: number,
  outputTokens: number,
  cost: number,
): void {
  spent.input += inputTokens;
  spent.output += outputTokens;
  spent.cost += cost;
  total.inputTokens += inputTokens;
  total.outputTokens += outputTokens;
  total.costUsd = Math.round((total.costUsd + cost) * 1e6) / 1e6;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
