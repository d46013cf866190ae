import { describe, expect, it } from "vitest";
import { RetryableError, withRetries } from "./retry.js";
import { TargetError } from "./target.js";

describe("withRetries (eval targets' retry policy)", () => {
  it("retries transient errors with jittered backoff from 250 ms, then answers", async () => {
    const waits: number[] = [];
    let attempts = 0;
    const answer = await withRetries(
      async () => {
        attempts += 1;
        if (attempts < 3) throw new TargetError("flaky", { transient: true });
        return "ok";
      },
      { retries: 3, random: () => 0, sleep: async (ms) => void waits.push(ms) },
    );
    expect(answer).toBe("ok");
    expect(waits).toEqual([125, 250]);
  });

  it("waits what retry-after asked, up to 30 s", async () => {
    const waits: number[] = [];
    let attempts = 0;
    await withRetries(
      async () => {
        attempts += 1;
        if (attempts === 1) throw new RetryableError("HTTP 429", 12_000);
        if (attempts === 2) throw new RetryableError("HTTP 429", 600_000);
        return "ok";
      },
      { retries: 2, sleep: async (ms) => void waits.push(ms) },
    );
    expect(waits).toEqual([12_000, 30_000]);
  });

  it("says how many attempts were made once the retries run out", async () => {
    const failure = withRetries(
      async () => {
        throw new RetryableError("HTTP 503: busy");
      },
      { retries: 2, sleep: async () => {} },
    );
    await expect(failure).rejects.toThrow("HTTP 503: busy (after 3 attempts)");
    await expect(failure).rejects.toMatchObject({ transient: true });
  });

  it("passes a non-transient error through at once, unchanged", async () => {
    let attempts = 0;
    const error = new TargetError("HTTP 401: bad key");
    const failure = withRetries(
      async () => {
        attempts += 1;
        throw error;
      },
      { retries: 5, sleep: async () => {} },
    );
    await expect(failure).rejects.toBe(error);
    expect(attempts).toBe(1);
  });
});
