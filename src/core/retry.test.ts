import { describe, expect, it } from "vitest";
import { backoffDelayMs, parseRetryAfter, retry, sleep } from "./retry.js";

const NOW = Date.parse("2025-01-01T00:00:00Z");

describe("parseRetryAfter", () => {
  it("reads retry-after in seconds, fractions included", () => {
    expect(parseRetryAfter({ "retry-after": "2" }, NOW)).toBe(2000);
    expect(parseRetryAfter({ "retry-after": "0.25" }, NOW)).toBe(250);
    expect(parseRetryAfter({ "retry-after": "0" }, NOW)).toBe(0);
  });

  it("reads retry-after as an HTTP date, measured from now, and a past date as 0", () => {
    expect(parseRetryAfter({ "retry-after": "Wed, 01 Jan 2025 00:00:30 GMT" }, NOW)).toBe(30_000);
    expect(parseRetryAfter({ "retry-after": "Tue, 31 Dec 2024 23:59:00 GMT" }, NOW)).toBe(0);
  });

  it("prefers retry-after-ms, and finds headers whatever their case", () => {
    expect(parseRetryAfter({ "retry-after-ms": "150", "retry-after": "9" }, NOW)).toBe(150);
    expect(parseRetryAfter({ "Retry-After": "3" }, NOW)).toBe(3000);
    expect(parseRetryAfter({ "Retry-After-Ms": "40" }, NOW)).toBe(40);
  });

  it("takes the first of a repeated header, as node:http hands them over", () => {
    expect(parseRetryAfter({ "retry-after": ["4", "9"] }, NOW)).toBe(4000);
  });

  it("is undefined without a readable value, and falls back from a bad retry-after-ms", () => {
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfter({}, NOW)).toBeUndefined();
    expect(parseRetryAfter({ "retry-after": "soon" }, NOW)).toBeUndefined();
    expect(parseRetryAfter({ "retry-after": "" }, NOW)).toBeUndefined();
    expect(parseRetryAfter({ "retry-after": "-5" }, NOW)).toBeUndefined();
    expect(parseRetryAfter({ "retry-after-ms": "-1", "retry-after": "1" }, NOW)).toBe(1000);
    expect(parseRetryAfter({ "retry-after-ms": "", "retry-after": "1" }, NOW)).toBe(1000);
  });
});

describe("backoffDelayMs", () => {
  const options = { baseMs: 100, maxMs: 1000, random: () => 0.999999 };

  it("doubles from the base and stops at the cap", () => {
    expect(
      [0, 1, 2, 3, 4, 10].map((attempt) => backoffDelayMs(attempt, undefined, options)),
    ).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it("jitters between half and all of the step", () => {
    expect(backoffDelayMs(2, undefined, { ...options, random: () => 0 })).toBe(200);
    expect(backoffDelayMs(2, undefined, { ...options, random: () => 0.5 })).toBe(300);
  });

  it("waits what the server asked, capped at twice maxMs unless told otherwise", () => {
    expect(backoffDelayMs(5, 1500, options)).toBe(1500);
    expect(backoffDelayMs(0, 60_000, options)).toBe(2000);
    expect(backoffDelayMs(0, 60_000, { ...options, maxRetryAfterMs: 30_000 })).toBe(30_000);
    expect(backoffDelayMs(0, 0, options)).toBe(0);
  });
});

describe("sleep", () => {
  it("resolves after the delay", async () => {
    const started = performance.now();
    await sleep(20);
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
  });

  it("rejects with the abort reason, at once when already aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Error("stopped"));
    await expect(sleep(10_000, controller.signal)).rejects.toThrow("stopped");
  });

  it("rejects as soon as the signal aborts while waiting", async () => {
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(new Error("cancelled")), 10);
    await expect(sleep(10_000, controller.signal)).rejects.toThrow("cancelled");
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

class Transient extends Error {
  constructor(readonly retryAfterMs?: number) {
    super("transient");
  }
}

describe("retry", () => {
  const quick = {
    baseMs: 100,
    maxMs: 1000,
    random: () => 0,
    isRetryable: (error: unknown) => error instanceof Transient,
    retryAfterMs: (error: unknown) => (error instanceof Transient ? error.retryAfterMs : undefined),
  };

  it("retries retryable errors with backoff until the attempt succeeds", async () => {
    const waits: number[] = [];
    const seen: number[] = [];
    const result = await retry(
      async (attempt) => {
        seen.push(attempt);
        if (attempt < 2) throw new Transient();
        return "answer";
      },
      { ...quick, retries: 5, sleep: async (ms) => void waits.push(ms) },
    );
    expect(result).toBe("answer");
    expect(seen).toEqual([0, 1, 2]);
    expect(waits).toEqual([50, 100]);
  });

  it("honours the wait an error carries", async () => {
    const waits: number[] = [];
    await retry(
      async (attempt) => {
        if (attempt === 0) throw new Transient(700);
        return "ok";
      },
      { ...quick, retries: 1, sleep: async (ms) => void waits.push(ms) },
    );
    expect(waits).toEqual([700]);
  });

  it("rethrows the last error as it is once the retries run out", async () => {
    let attempts = 0;
    const failure = retry(
      async () => {
        attempts += 1;
        throw new Transient();
      },
      { ...quick, retries: 2, sleep: async () => {} },
    );
    await expect(failure).rejects.toBeInstanceOf(Transient);
    expect(attempts).toBe(3);
  });

  it("does not retry an error isRetryable refuses", async () => {
    let attempts = 0;
    const failure = retry(
      async () => {
        attempts += 1;
        throw new TypeError("bad input");
      },
      { ...quick, retries: 5, sleep: async () => {} },
    );
    await expect(failure).rejects.toThrow("bad input");
    expect(attempts).toBe(1);
  });

  it("stops waiting and rejects when the signal aborts", async () => {
    const controller = new AbortController();
    let attempts = 0;
    const failure = retry(
      async () => {
        attempts += 1;
        if (attempts === 1) setTimeout(() => controller.abort(new Error("user cancelled")), 10);
        throw new Transient(60_000);
      },
      { ...quick, maxRetryAfterMs: 60_000, retries: 3, signal: controller.signal },
    );
    await expect(failure).rejects.toThrow("user cancelled");
    expect(attempts).toBe(1);
  });
});
