import { Octokit } from "@octokit/rest";
import { parseRetryAfter, retry } from "../core/index.js";

export interface GithubClientOptions {
  token: string;
  /** `GITHUB_API_URL`. */
  baseUrl: string;
  /** Longest wait for one rate-limit retry, ms: a server asking for more is waited this long. */
  maxRetryWaitMs: number;
  /** Retries of a rate-limited request before its error stands. */
  retries?: number;
  now: () => number;
  userAgent: string;
}

/** The REST client a CI run publishes with. */
export type GithubClient = Octokit;

/** An HTTP error as `@octokit/request` throws it. */
interface HttpError {
  status: number;
  message: string;
  response?: { headers?: Record<string, string | number | undefined> };
}

function asHttpError(error: unknown): HttpError | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const status = (error as { status?: unknown }).status;
  return typeof status === "number" ? (error as HttpError) : undefined;
}

function headersOf(error: HttpError): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(error.response?.headers ?? {})) {
    headers[key.toLowerCase()] = value === undefined ? undefined : String(value);
  }
  return headers;
}

/**
 * A rate limit, primary or secondary: 429, or a 403 that carries
 * `retry-after` or an exhausted `x-ratelimit-remaining`. GitHub documents
 * both shapes for its secondary limits.
 */
export function isRateLimited(error: unknown): boolean {
  const http = asHttpError(error);
  if (http === undefined) return false;
  if (http.status === 429) return true;
  if (http.status !== 403) return false;
  const headers = headersOf(http);
  return headers["retry-after"] !== undefined || headers["x-ratelimit-remaining"] === "0";
}

/**
 * A token that may read but not write here (a fork's pull request, or a
 * workflow without `pull-requests: write`): a 403 that is not a rate limit,
 * such as "Resource not accessible by integration".
 */
export function isPermissionDenied(error: unknown): boolean {
  const http = asHttpError(error);
  return http !== undefined && http.status === 403 && !isRateLimited(error);
}

/** Worth another attempt: a rate limit, or GitHub's own trouble (5xx). */
function isTransient(error: unknown): boolean {
  const status = asHttpError(error)?.status;
  return isRateLimited(error) || (status !== undefined && status >= 500);
}

/** The wait a rate-limited response asks for, ms: `retry-after`, else until `x-ratelimit-reset`. */
function rateLimitWaitMs(error: unknown, now: number): number | undefined {
  const http = asHttpError(error);
  if (http === undefined) return undefined;
  const headers = headersOf(http);
  const asked = parseRetryAfter(headers, now);
  if (asked !== undefined) return asked;
  const reset = Number(headers["x-ratelimit-reset"]);
  return Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - now) : undefined;
}

/**
 * An Octokit for `baseUrl` whose every request waits out rate limits (and
 * GitHub's 5xx) and tries again, a bounded number of times and never longer
 * than `maxRetryWaitMs` per wait (tests set it to milliseconds).
 *
 * @example
 * const github = createGithubClient({ token, baseUrl: env.GITHUB_API_URL, maxRetryWaitMs: 60_000, now: Date.now, userAgent: "jig" });
 */
export function createGithubClient(options: GithubClientOptions): GithubClient {
  const octokit = new Octokit({
    auth: options.token,
    baseUrl: options.baseUrl,
    userAgent: options.userAgent,
    // Octokit's default logger warns on stderr for deprecations; the CI log stays ours.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
  octokit.hook.wrap("request", (request, requestOptions) =>
    retry(async () => request(requestOptions), {
      retries: options.retries ?? 4,
      isRetryable: isTransient,
      retryAfterMs: (error) => rateLimitWaitMs(error, options.now()),
      baseMs: Math.min(1000, options.maxRetryWaitMs),
      maxMs: options.maxRetryWaitMs,
      maxRetryAfterMs: options.maxRetryWaitMs,
    }),
  );
  return octokit;
}
