import { retry } from "../../core/retry.js";
import { TargetError } from "./target.js";

export interface RetryOptions {
  retries: number;
  /** First backoff, ms; doubles each attempt, with jitter. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** A transient failure that says how long to wait (`retry-after`). */
export class RetryableError extends TargetError {
  readonly retryAfterMs: number | undefined;
  constructor(message: string, retryAfterMs?: number, cause?: unknown) {
    super(message, { transient: true, cause });
    this.name = "RetryableError";
    this.retryAfterMs = retryAfterMs;
  }
}

const isTransient = (error: unknown) => error instanceof TargetError && error.transient;

/**
 * Eval targets' retry policy over the shared `retry` loop: transient
 * `TargetError`s are retried (250 ms base, 8 s cap, jittered, `retry-after`
 * honoured up to 30 s, since sixteen workers hitting a 429 together should
 * not retry in lockstep); when the retries run out, the message says how many
 * attempts were made.
 */
export async function withRetries<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  try {
    return await retry(attempt, {
      retries: options.retries,
      isRetryable: isTransient,
      retryAfterMs: (error) => (error instanceof RetryableError ? error.retryAfterMs : undefined),
      baseMs: options.baseDelayMs ?? 250,
      maxMs: options.maxDelayMs ?? 8_000,
      maxRetryAfterMs: 30_000,
      random: options.random ?? Math.random,
      sleep: options.sleep,
    });
  } catch (error) {
    // A transient error gets here only once every retry is spent.
    if (isTransient(error) && options.retries > 0) {
      throw new TargetError(`${(error as Error).message} (after ${options.retries + 1} attempts)`, {
        transient: true,
        cause: error,
      });
    }
    throw error;
  }
}

/** HTTP statuses worth retrying: rate limits and server errors. */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}
