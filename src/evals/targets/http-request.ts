import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { parseRetryAfter } from "../../core/retry.js";
import { isTransientStatus, RetryableError } from "./retry.js";
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
  const origin = originOf(url);
  const send = origin.secure ? httpsRequest : httpRequest;
  const headers = headerList(request, origin.host);
  return new Promise<HttpResponse>((resolve, reject) => {
    // Plain options rather than a URL object: node converts a URL on every call.
    const req = send(
      {
        protocol: origin.protocol,
        hostname: origin.hostname,
        port: origin.port,
        path: origin.path,
        method: request.method,
        headers,
        agent: origin.secure ? agents.https : agents.http,
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

interface Origin {
  secure: boolean;
  protocol: string;
  hostname: string;
  port: string | number;
  path: string;
  /** The Host header: hostname, and the port when it is not the default. */
  host: string;
}

/** A model target sends every request to one URL object: read its parts once. */
const origins = new WeakMap<URL, Origin>();

function originOf(url: URL): Origin {
  let found = origins.get(url);
  if (!found) {
    const secure = url.protocol === "https:";
    found = {
      secure,
      protocol: url.protocol,
      hostname: url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname,
      port: url.port || (secure ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      host: url.host,
    };
    origins.set(url, found);
  }
  return found;
}

/**
 * Headers as a flat `[name, value, ...]` list. Node stores a list as is
 * (still validating each header) instead of calling `setHeader` per header
 * and adding Host itself, which was a visible share of a model call's CPU.
 * So Host is added here unless the caller set one, and Content-Length always
 * comes from the body.
 */
function headerList(request: HttpRequest, host: string): string[] {
  const list: string[] = [];
  let hasHost = false;
  for (const name of Object.keys(request.headers)) {
    const lower = name.toLowerCase();
    if (lower === "content-length" && request.body !== undefined) continue;
    if (lower === "host") hasHost = true;
    list.push(name, request.headers[name] as string);
  }
  if (!hasHost) list.push("host", host);
  if (request.body !== undefined)
    list.push("content-length", String(Buffer.byteLength(request.body)));
  return list;
}

/** Reject statuses that are worth a retry (429, 5xx) with their `retry-after`. */
export function throwIfTransient(response: HttpResponse, now: number): void {
  if (!isTransientStatus(response.status)) return;
  throw new RetryableError(
    `HTTP ${response.status}: ${response.body.slice(0, 200)}`,
    parseRetryAfter(response.headers, now),
  );
}
