import { isAbsolute, join } from "node:path";
import type { JigConfig } from "../config/config-schema.js";
import { UsageError } from "../core/errors.js";
import {
  type Cassette,
  type CassetteMode,
  createFileModelCache,
  openCassette,
} from "./model-cache.js";
import type { ModelCallLog } from "./model-call-log.js";
import { createModelClient, type ModelClient } from "./model-client.js";
import { type ModelId, parseModelId } from "./model-id.js";
import type { ModelEnv } from "./model-roles.js";
import { mergePrices } from "./price-table.js";
import { resolveModel } from "./resolve-model.js";

export interface ConfiguredClientOptions {
  config: JigConfig;
  env: ModelEnv;
  /** Repo root: cache, cassette and `command:` models are relative to it. */
  cwd: string;
  /** Bypass the answer cache (`--no-cache`). */
  noCache?: boolean | undefined;
  log?: ModelCallLog | undefined;
  runId?: string | undefined;
  maxCostUsd?: number | undefined;
  signal?: AbortSignal | undefined;
  now?: () => Date;
  fetch?: typeof globalThis.fetch;
  /** Backoff base and cap (ms); tests shrink them. */
  retryBaseMs?: number;
  retryMaxMs?: number;
}

/**
 * A `ModelClient` for `modelId` wired from config and env: provider, timeout,
 * retries, prices (`models.prices` over the built-in table), the
 * `.jig/cache` answer cache, and the cassette from `JIG_CASSETTE` /
 * `JIG_CASSETTE_MODE` (or `models.cassette`). The model itself is resolved
 * lazily, so a replayed or cached run needs no API key.
 *
 * @example
 * const client = createConfiguredModelClient("anthropic:claude-sonnet-4-5", { config, env: process.env, cwd });
 */
export function createConfiguredModelClient(
  modelId: string | ModelId,
  options: ConfiguredClientOptions,
): ModelClient {
  const parsed = typeof modelId === "string" ? parseModelId(modelId) : modelId;
  const { config, env, cwd } = options;
  const cassette = openConfiguredCassette(config, env, cwd);
  const cacheDir = absolute(cwd, config.models.cacheDir);
  return createModelClient({
    modelId: parsed.id,
    model: () =>
      resolveModel(parsed, {
        config,
        env,
        cwd,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
    timeoutMs: config.models.timeoutMs,
    maxRetries: config.models.maxRetries,
    prices: mergePrices(config.models.prices),
    cache: options.noCache ? undefined : createFileModelCache(cacheDir),
    cassette,
    log: options.log,
    runId: options.runId,
    maxCostUsd: options.maxCostUsd,
    signal: options.signal,
    ...(options.now ? { now: options.now } : {}),
    ...(options.retryBaseMs !== undefined ? { retryBaseMs: options.retryBaseMs } : {}),
    ...(options.retryMaxMs !== undefined ? { retryMaxMs: options.retryMaxMs } : {}),
  });
}

/** The cassette from env (`JIG_CASSETTE`, `JIG_CASSETTE_MODE`) or config, if any. */
export function openConfiguredCassette(
  config: JigConfig,
  env: ModelEnv,
  cwd: string,
): Cassette | undefined {
  const path = env.JIG_CASSETTE || config.models.cassette;
  if (!path) return undefined;
  const rawMode = env.JIG_CASSETTE_MODE || config.models.cassetteMode;
  if (rawMode !== "record" && rawMode !== "replay") {
    throw new UsageError(`JIG_CASSETTE_MODE must be record or replay, got "${rawMode}"`, {
      code: "models/bad-cassette-mode",
    });
  }
  return openCassette(absolute(cwd, path), rawMode satisfies CassetteMode);
}

function absolute(cwd: string, path: string): string {
  return isAbsolute(path) ? path : join(cwd, path);
}
