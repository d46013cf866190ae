import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { isTransientStatus, parseRetryAfter, RetryableError } from "./retry.js";
import { TargetError } from "./target.js";

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HttpRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string | undefined;
  timeoutMs: number;
}

/**
 * Keep-alive agents shared by every http and model target of one process.
 * A fresh TCP connection per scenario costs more CPU than everything else
 * jig does for it, so sockets are reused across scenarios.
 */
export interface HttpAgents {
  http: HttpAgent;
  https: HttpsAgent;
  destroy(): void;
}

export function createHttpAgents(): HttpAgents {
  const http = new HttpAgent({ keepAlive: true, maxSockets: 256, keepAliveMsecs: 10_000 });
  const https = new HttpsAgent({ keepAlive: true, maxSockets: 256, keepAliveMsecs: 10_000 });
  return {
    http,
    https,
    destroy() {
      http.destroy();
      https.destroy();
    },
  };
}

/**
 * One HTTP request over `node:http` with a keep-alive agent. Connection
 * errors and timeouts reject with a transient `RetryableError`; any status
 * resolves (callers decide which statuses are errors).
 */
export function sendRequest(agents: HttpAgents, request: HttpRequest): Promise<HttpResponse> {
  const { url } = request;
  const secure = url.protocol === "https:";
  const send = secure ? httpsRequest : httpRequest;
  return new Promise<HttpResponse>((resolve, reject) => {
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body !== undefined) headers["content-length"] = Buffer.byteLength(request.body);
    // Plain options rather than a URL object: node converts a URL on every call.
    const req = send(
      {
        protocol: url.protocol,
        hostname: url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname,
        port: url.port || (secure ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        method: request.method,
        headers,
        agent: secure ? agents.https : agents.http,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          clearTimeout(timer);
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body:
              chunks.length === 1
                ? (chunks[0] as Buffer).toString("utf8")
                : Buffer.concat(chunks).toString("utf8"),
          });
        });
        response.on("error", (error) => {
          clearTimeout(timer);
          reject(new RetryableError(`connection error: ${error.message}`, undefined, error));
        });
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new RetryableError(`timed out after ${request.timeoutMs} ms`));
    }, request.timeoutMs);
    req.on("error", (error) => {
      clearTimeout(timer);
      reject(
        error instanceof TargetError
          ? error
          : new RetryableError(`connection error: ${error.message}`, undefined, error),
      );
    });
    if (request.body !== undefined) req.end(request.body);
    else req.end();
  });
}

/** Reject statuses that are worth a retry (429, 5xx) with their `retry-after`. */
export function throwIfTransient(response: HttpResponse, now: number): void {
  if (!isTransientStatus(response.status)) return;
  const retryAfter = response.headers["retry-after"];
  throw new RetryableError(
    `HTTP ${response.status}: ${response.body.slice(0, 200)}`,
    parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, now),
  );
}
