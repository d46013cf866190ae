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

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Call `attempt` until it succeeds, a non-transient error is thrown, or the
 * retries run out. Backoff is exponential with full jitter so sixteen
 * workers hitting a 429 together do not retry in lockstep; `retry-after`
 * wins when the server sends it.
 */
export async function withRetries<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const base = options.baseDelayMs ?? 250;
  const max = options.maxDelayMs ?? 8_000;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? defaultSleep;
  for (let index = 0; ; index++) {
    try {
      return await attempt();
    } catch (error) {
      const transient = error instanceof TargetError && error.transient;
      if (!transient || index >= options.retries) {
        if (transient && options.retries > 0) {
          throw new TargetError(
            `${(error as Error).message} (after ${options.retries + 1} attempts)`,
            {
              transient: true,
              cause: error,
            },
          );
        }
        throw error;
      }
      const hinted = error instanceof RetryableError ? error.retryAfterMs : undefined;
      const backoff = Math.min(max, base * 2 ** index) * (0.5 + random() / 2);
      await sleep(hinted !== undefined ? Math.min(hinted, 30_000) : backoff);
    }
  }
}

/** `retry-after` as ms: seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** HTTP statuses worth retrying: rate limits and server errors. */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}
