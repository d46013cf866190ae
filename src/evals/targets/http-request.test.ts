import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpAgents, sendRequest, throwIfTransient } from "./http-request.js";
import { RetryableError } from "./retry.js";

interface Seen {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

const seen: Seen[] = [];
const server = createServer((request, response) => {
  let body = "";
  request.on("data", (chunk) => (body += chunk));
  request.on("end", () => {
    seen.push({ method: request.method, url: request.url, headers: request.headers, body });
    response.end("ok");
  });
});
let base = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("sendRequest", () => {
  it("sends the method, path, Host, caller headers and the body's Content-Length", async () => {
    const agents = createHttpAgents();
    try {
      const url = new URL(`${base}/v1/chat?x=1`);
      for (const prompt of ["héllo", "second request on the same URL"]) {
        const response = await sendRequest(agents, {
          method: "POST",
          url,
          headers: { "content-type": "application/json", "X-Name": "jig", "Content-Length": "1" },
          body: JSON.stringify({ prompt }),
          timeoutMs: 5_000,
        });
        expect(response).toMatchObject({ status: 200, body: "ok" });
        const request = seen.at(-1) as Seen;
        expect(request).toMatchObject({ method: "POST", url: "/v1/chat?x=1" });
        expect(request.body).toBe(JSON.stringify({ prompt }));
        expect(request.headers).toMatchObject({
          host: new URL(base).host,
          "content-type": "application/json",
          "x-name": "jig",
          "content-length": String(Buffer.byteLength(JSON.stringify({ prompt }))),
          connection: "keep-alive",
        });
      }
    } finally {
      agents.destroy();
    }
  });

  it("keeps a caller's Host header and sends no Content-Length without a body", async () => {
    const agents = createHttpAgents();
    try {
      await sendRequest(agents, {
        method: "GET",
        url: new URL(`${base}/status`),
        headers: { host: "api.example.test" },
        timeoutMs: 5_000,
      });
      const request = seen.at(-1) as Seen;
      expect(request).toMatchObject({ method: "GET", url: "/status" });
      expect(request.headers.host).toBe("api.example.test");
      expect(request.headers["content-length"]).toBeUndefined();
    } finally {
      agents.destroy();
    }
  });
});

describe("throwIfTransient", () => {
  const now = Date.parse("2025-01-01T00:00:00Z");

  it("rejects 429 and 5xx with the wait retry-after asks for, in seconds or as a date", () => {
    const slow = () =>
      throwIfTransient({ status: 429, headers: { "retry-after": "3" }, body: "slow down" }, now);
    expect(slow).toThrow(RetryableError);
    expect(slow).toThrow("HTTP 429: slow down");
    try {
      slow();
    } catch (error) {
      expect((error as RetryableError).retryAfterMs).toBe(3000);
    }
    try {
      throwIfTransient(
        { status: 503, headers: { "retry-after": "Wed, 01 Jan 2025 00:00:10 GMT" }, body: "" },
        now,
      );
      expect.unreachable();
    } catch (error) {
      expect((error as RetryableError).retryAfterMs).toBe(10_000);
    }
  });

  it("lets other statuses through for the caller to judge", () => {
    expect(() => throwIfTransient({ status: 404, headers: {}, body: "" }, now)).not.toThrow();
    expect(() => throwIfTransient({ status: 200, headers: {}, body: "" }, now)).not.toThrow();
  });
});
