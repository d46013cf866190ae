import type { LanguageModelV3 } from "@ai-sdk/provider";
import { generateText, NoObjectGeneratedError, Output } from "ai";
import { z } from "zod";
import type { Usage } from "../contract/index.js";
import { retry } from "../core/retry.js";
import { estimateTokens } from "./command-model.js";
import { type Cassette, type ModelCache, modelCallKey } from "./model-cache.js";
import type { ModelCallLog, ModelCallRecord } from "./model-call-log.js";
import {
  BudgetExceededError,
  type ClassifiedFailure,
  classifyModelError,
  ModelCallError,
  ModelOutputError,
} from "./model-errors.js";
import { costOf, findPrice, type Price, type PriceTable } from "./price-table.js";

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
  let resolved: LanguageModelV3 | undefined;
  const client: ClientState = {
    options,
    now: options.now ?? (() => new Date()),
    price: findPrice(options.modelId, options.prices),
    total: { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
    // Resolved on first use, so replayed and cached runs need no API key.
    model: () => {
      resolved ??= typeof options.model === "function" ? options.model() : options.model;
      return resolved;
    },
  };
  return {
    modelId: options.modelId,
    generateObject: <T>(request: ObjectRequest<T>) => generateObject(client, request),
    usage: () => ({ ...client.total }),
  };
}

/** What one client keeps between calls. */
interface ClientState {
  options: ModelClientOptions;
  now: () => Date;
  price: Price | undefined;
  /** Totals over every call made through the client. */
  total: Usage;
  model: () => LanguageModelV3;
}

/** One `generateObject` in progress: its current prompt, whether it was re-asked, its spend. */
interface ObjectCall<T> {
  request: ObjectRequest<T>;
  key: string;
  promptBytes: number;
  prompt: string;
  repaired: boolean;
  calls: number;
  spent: { input: number; output: number; cost: number };
}

type CallOutcome<T> =
  | { ok: true; object: T }
  | { ok: false; failure: ClassifiedFailure; error: unknown };

async function generateObject<T>(
  client: ClientState,
  request: ObjectRequest<T>,
): Promise<ObjectResult<T>> {
  const { options } = client;
  const key = modelCallKey({
    v: 1,
    model: options.modelId,
    purpose: request.purpose,
    schema: z.toJSONSchema(request.schema),
    content: request.keyMaterial,
    maxOutputTokens: request.maxOutputTokens ?? null,
  });
  const stored = answerFromStore(client, request, key);
  if (stored !== undefined) return stored;
  const call: ObjectCall<T> = {
    request,
    key,
    promptBytes: Buffer.byteLength(request.system) + Buffer.byteLength(request.prompt),
    prompt: request.prompt,
    repaired: false,
    calls: 0,
    spent: { input: 0, output: 0, cost: 0 },
  };
  return retry(() => askUntilValid(client, call), {
    retries: options.maxRetries,
    isRetryable: (error) => error instanceof ModelCallError && error.isRetryable,
    retryAfterMs: (error) => (error instanceof ModelCallError ? error.retryAfterMs : undefined),
    baseMs: options.retryBaseMs ?? 500,
    maxMs: options.retryMaxMs ?? 20_000,
    random: options.random ?? Math.random,
    sleep: options.sleep,
    signal: options.signal,
  });
}

/** The replayed (cassette) or cached answer, when there is one that still fits the schema. */
function answerFromStore<T>(
  client: ClientState,
  request: ObjectRequest<T>,
  key: string,
): ObjectResult<T> | undefined {
  const { options } = client;
  const stored =
    options.cassette?.replay(key, () => `${request.purpose} with ${options.modelId}`) ??
    options.cache?.get(key);
  if (!stored) return undefined;
  const parsed = request.schema.safeParse(stored.output);
  if (!parsed.success) return undefined;
  const source = options.cassette?.mode === "replay" ? "cassette" : "cache";
  logCall(client, {
    purpose: request.purpose,
    key,
    status: source,
    attempt: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    promptBytes: 0,
    durationMs: 0,
    startedAt: client.now().toISOString(),
  });
  return {
    object: parsed.data,
    source,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    calls: 0,
    key,
  };
}

/**
 * Call until the output fits the schema: output that fails it is re-asked
 * once with the validation errors, here and without a backoff, because it is
 * not a transient failure. Any other failure is thrown as a `ModelCallError`
 * for the retry loop to judge.
 */
async function askUntilValid<T>(
  client: ClientState,
  call: ObjectCall<T>,
): Promise<ObjectResult<T>> {
  const { modelId } = client.options;
  for (;;) {
    const outcome = await callModelOnce(client, call);
    if (outcome.ok) return keepAnswer(client, call, outcome.object);
    const { failure, error } = outcome;
    if (failure.kind !== "invalid-output") {
      throw new ModelCallError(modelId, call.calls, failure, { cause: error });
    }
    if (call.repaired) throw new ModelOutputError(modelId, failure.message);
    call.repaired = true;
    call.prompt = repairPrompt(call.request.prompt, failure.message);
  }
}

/** The prompt again, with why the last answer was rejected. */
function repairPrompt(prompt: string, problems: string): string {
  return `${prompt}\n\nYour previous answer was rejected because it does not match the required JSON schema: ${problems}\nAnswer again with only a JSON object that matches the schema.`;
}

/** One model call with its own timeout; its usage and outcome are counted and logged. */
async function callModelOnce<T>(client: ClientState, call: ObjectCall<T>): Promise<CallOutcome<T>> {
  const { options } = client;
  const { request } = call;
  checkBudget(client, request, call.prompt);
  const startedAt = client.now();
  const started = performance.now();
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  call.calls += 1;
  client.total.calls += 1;
  const record = {
    purpose: request.purpose,
    key: call.key,
    attempt: call.calls,
    promptBytes: call.promptBytes,
    startedAt: startedAt.toISOString(),
  };
  try {
    const result = await generateText({
      model: client.model(),
      system: request.system,
      prompt: call.prompt,
      output: Output.object({
        schema: request.schema,
        ...(request.schemaName ? { name: request.schemaName } : {}),
      }),
      maxRetries: 0,
      abortSignal: signal,
      temperature: 0,
      ...(request.maxOutputTokens ? { maxOutputTokens: request.maxOutputTokens } : {}),
    });
    const inputTokens = result.usage.inputTokens ?? estimateTokens(request.system + call.prompt);
    const outputTokens = result.usage.outputTokens ?? 0;
    const costUsd = addUsage(client, call, inputTokens, outputTokens);
    const durationMs = performance.now() - started;
    logCall(client, { ...record, status: "ok", inputTokens, outputTokens, costUsd, durationMs });
    return { ok: true, object: result.output as T };
  } catch (error) {
    const failure = classifyModelError(error, {
      timedOut: timeout.aborted && !options.signal?.aborted,
      aborted: Boolean(options.signal?.aborted),
      now: client.now().getTime(),
    });
    const usage = NoObjectGeneratedError.isInstance(error) ? error.usage : undefined;
    const inputTokens = usage?.inputTokens ?? 0;
    const outputTokens = usage?.outputTokens ?? 0;
    const costUsd = addUsage(client, call, inputTokens, outputTokens);
    logCall(client, {
      ...record,
      status: "error",
      errorKind: failure.kind,
      error: failure.message,
      inputTokens,
      outputTokens,
      costUsd,
      durationMs: performance.now() - started,
    });
    return { ok: false, failure, error };
  }
}

/** Store a fresh answer in the cache and the cassette, and report it. */
function keepAnswer<T>(client: ClientState, call: ObjectCall<T>, object: T): ObjectResult<T> {
  const { options } = client;
  const { spent, key } = call;
  const answer = {
    key,
    modelId: options.modelId,
    output: object,
    inputTokens: spent.input,
    outputTokens: spent.output,
    costUsd: spent.cost,
    recordedAt: client.now().toISOString(),
  };
  options.cache?.set(answer);
  options.cassette?.record(answer);
  return {
    object,
    source: "model",
    inputTokens: spent.input,
    outputTokens: spent.output,
    costUsd: spent.cost,
    calls: call.calls,
    key,
  };
}

/** Refuse a call whose estimated cost would take total spend over `maxCostUsd`. */
function checkBudget(client: ClientState, request: ObjectRequest<unknown>, prompt: string): void {
  const { options, price, total } = client;
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

/** Add one call's tokens to the call's and the client's totals; returns its cost. */
function addUsage(
  client: ClientState,
  call: ObjectCall<unknown>,
  inputTokens: number,
  outputTokens: number,
): number {
  const cost = costOf(client.price, inputTokens, outputTokens);
  const { spent } = call;
  const { total } = client;
  spent.input += inputTokens;
  spent.output += outputTokens;
  spent.cost += cost;
  total.inputTokens += inputTokens;
  total.outputTokens += outputTokens;
  total.costUsd = Math.round((total.costUsd + cost) * 1e6) / 1e6;
  return cost;
}

function logCall(client: ClientState, record: Omit<ModelCallRecord, "modelId" | "runId">): void {
  const { options } = client;
  options.log?.record({
    ...record,
    modelId: options.modelId,
    ...(options.runId ? { runId: options.runId } : {}),
  });
}
