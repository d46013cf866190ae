import { describe, expect, it } from "vitest";
import { parseRunFilters, weekOf } from "./ui-queries.js";
import { allowedHosts, bearerOf, csrfToken, hostAllowed, safeEqual } from "./ui-security.js";

describe("ui-security", () => {
  it("accepts only the bound host:port (and localhost on a loopback bind)", () => {
    const loopback = allowedHosts("127.0.0.1", 4477);
    expect(hostAllowed("127.0.0.1:4477", loopback)).toBe(true);
    expect(hostAllowed("LOCALHOST:4477", loopback)).toBe(true);
    expect(hostAllowed("127.0.0.1", loopback)).toBe(false);
    expect(hostAllowed("evil.example:4477", loopback)).toBe(false);
    expect(hostAllowed(undefined, loopback)).toBe(false);
    const lan = allowedHosts("192.168.1.5", 8080);
    expect(hostAllowed("192.168.1.5:8080", lan)).toBe(true);
    expect(hostAllowed("localhost:8080", lan)).toBe(false);
  });

  it("compares tokens whatever their lengths, and reads bearer headers", () => {
    expect(safeEqual("abc", "abc")).toBe(true);
    expect(safeEqual("abc", "abcd")).toBe(false);
    expect(safeEqual("", "x")).toBe(false);
    expect(bearerOf("Bearer t0k")).toBe("t0k");
    expect(bearerOf("Basic t0k")).toBeUndefined();
    expect(bearerOf(undefined)).toBeUndefined();
  });

  it("derives a different CSRF token per session and per secret", () => {
    const secret = Buffer.alloc(32, 1);
    expect(csrfToken(secret, "a")).toBe(csrfToken(secret, "a"));
    expect(csrfToken(secret, "a")).not.toBe(csrfToken(secret, "b"));
    expect(csrfToken(Buffer.alloc(32, 2), "a")).not.toBe(csrfToken(secret, "a"));
  });
});

describe("ui-queries helpers", () => {
  it("keeps known, non-empty filters and drops malformed dates", () => {
    expect(
      parseRunFilters({
        verdict: "fail",
        branch: " ",
        spec: "SPEC-1",
        from: "2026-13",
        to: "2026-01-31",
        x: "y",
      }),
    ).toEqual({ verdict: "fail", spec: "SPEC-1", to: "2026-01-31" });
  });

  it("names a week by its Monday (UTC)", () => {
    expect(weekOf("2026-11-30")).toBe("2026-11-30");
    expect(weekOf("2026-12-06")).toBe("2026-11-30");
    expect(weekOf("2026-12-07")).toBe("2026-12-07");
  });
});
