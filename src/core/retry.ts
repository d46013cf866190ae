/**
 * Retrying transient failures: the one copy used by model calls and eval
 * targets. Pure apart from `sleep`, which takes the timer; the clock (`now`),
 * the jitter source (`random`) and `sleep` itself are passed in so tests need
 * no fake timers.
 */

/** Response headers as fetch, the AI SDK or `node:http` hand them over. */
export type RetryAfterHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * How long the server asked us to wait, in ms: `retry-after-ms` (OpenAI,
 * Anthropic) when present, else `retry-after` as delay-seconds or an
 * HTTP-date, measured from `now`. Undefined when neither is sent or readable;
 * a date in the past means "now" (0).
 *
 * @example
 * parseRetryAfter({ "retry-after": "2" }, Date.now()); // 2000
 * parseRetryAfter({ "Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT" }, now); // ms until then
 */
export function parseRetryAfter(
  headers: RetryAfterHeaders | undefined,
  now: number,
): number | undefined {
  if (headers === undefined) return undefined;
  const milliseconds = headerValue(headers, "retry-after-ms");
  if (milliseconds !== undefined && milliseconds.trim() !== "") {
    const value = Number(milliseconds);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const raw = headerValue(headers, "retry-after")?.trim();
  if (raw === undefined || raw === "") return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A header by lowercase name, whatever case the sender used; the first of a repeated one. */
function headerValue(headers: RetryAfterHeaders, name: string): string | undefined {
  let value = headers[name];
  if (value === undefined) {
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() === name) {
        value = headers[key];
        break;
      }
    }
  }
  return typeof value === "string" ? value : value?.[0];
}

export interface BackoffOptions {
  /** First delay in ms; it doubles with each attempt. */
  baseMs: number;
  /** Cap on the exponential delay, ms. */
  maxMs: number;
  /** Cap on a server's `retry-after`, ms (default twice `maxMs`). */
  maxRetryAfterMs?: number | undefined;
  /** In [0, 1); `Math.random` outside tests. */
  random: () => number;
}

/**
 * Delay before retry number `attempt` (0-based): the server's `retry-after`
 * when it sent one (capped, so a hostile or confused server cannot park us
 * for an hour), else exponential backoff with jitter in [50%, 100%] of the
 * step, so a fleet of callers hitting the same 429 does not retry in lockstep.
 */
export function backoffDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  options: BackoffOptions,
): number {
  if (retryAfterMs !== undefined) {
    return Math.min(retryAfterMs, options.maxRetryAfterMs ?? options.maxMs * 2);
  }
  const exponential = Math.min(options.maxMs, options.baseMs * 2 ** attempt);
  return Math.round(exponential * (0.5 + options.random() / 2));
}

/** Wait `ms`; rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export interface RetryOptions extends Partial<BackoffOptions> {
  /** Retries after the first attempt: 2 means at most 3 attempts. */
  retries: number;
  /** Whether an error is worth another attempt (like the AI SDK's `isRetryable`). */
  isRetryable: (error: unknown) => boolean;
  /** The wait the server asked for with this error, if any. */
  retryAfterMs?: ((error: unknown) => number | undefined) | undefined;
  /** Stops the waiting between attempts (the attempt itself gets no signal from here). */
  signal?: AbortSignal | undefined;
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
}

/**
 * Run `attempt` until it resolves, throws an error `isRetryable` refuses, or
 * the retries run out; the last error is rethrown as it is, so callers keep
 * their own error types. Waits `backoffDelayMs` between attempts (defaults:
 * 500 ms base, 20 s cap).
 *
 * @example
 * const body = await retry(() => fetchJson(url), {
 *   retries: 3,
 *   isRetryable: (error) => error instanceof HttpError && error.status >= 500,
 * });
 */
export async function retry<T>(
  attempt: (attemptIndex: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const backoff: BackoffOptions = {
    baseMs: options.baseMs ?? 500,
    maxMs: options.maxMs ?? 20_000,
    maxRetryAfterMs: options.maxRetryAfterMs,
    random: options.random ?? Math.random,
  };
  const wait = options.sleep ?? sleep;
  for (let index = 0; ; index++) {
    try {
      return await attempt(index);
    } catch (error) {
      if (index >= options.retries || !options.isRetryable(error)) throw error;
      await wait(backoffDelayMs(index, options.retryAfterMs?.(error), backoff), options.signal);
    }
  }
}
