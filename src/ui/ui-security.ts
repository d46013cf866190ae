import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": CSP,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Cache-Control": "no-store",
};

export const SESSION_COOKIE = "jig_session";

/** Equal strings in time independent of where they differ (hashing first evens out lengths). */
export function safeEqual(a: string, b: string): boolean {
  const left = createHash("sha256").update(a).digest();
  const right = createHash("sha256").update(b).digest();
  return timingSafeEqual(left, right);
}

export function newSessionId(): string {
  return randomBytes(24).toString("base64url");
}

/** The CSRF token of a session: an HMAC of its id under the server's secret, so it needs no storage. */
export function csrfToken(secret: Buffer, sessionId: string): string {
  return createHmac("sha256", secret).update(`csrf:${sessionId}`).digest("base64url");
}

/** The bearer token of an `Authorization` header, if any. */
export function bearerOf(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  return match ? match[1] : undefined;
}

/** Whether a Host header names the address the server is bound to (a DNS-rebinding guard). */
export function hostAllowed(host: string | undefined, allowed: readonly string[]): boolean {
  if (!host) return false;
  return allowed.includes(host.toLowerCase());
}

/** The Host values a server bound to `host:port` answers to. */
export function allowedHosts(host: string, port: number): string[] {
  const hosts = [`${host}:${port}`];
  if (host === "127.0.0.1" || host === "localhost")
    hosts.push(`localhost:${port}`, `127.0.0.1:${port}`);
  if (host.includes(":") && !host.startsWith("[")) hosts.push(`[${host}]:${port}`);
  return [...new Set(hosts.map((h) => h.toLowerCase()))];
}

/** Hosts that only this machine can reach; any other needs a token. */
export function isLoopback(host: string): boolean {
  return host === "127.0.0.1" || host === "localhost" || host === "::1" || host === "[::1]";
}
