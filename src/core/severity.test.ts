import { describe, expect, it } from "vitest";
import { isSeverity, meetsSeverity, SEVERITIES } from "./severity.js";

describe("isSeverity", () => {
  it("accepts every severity", () => {
    for (const severity of SEVERITIES) expect(isSeverity(severity)).toBe(true);
  });

  it("rejects names every object inherits, so a YAML value `toString` is not a severity", () => {
    for (const inherited of ["toString", "constructor", "hasOwnProperty", "__proto__", "valueOf"]) {
      expect(isSeverity(inherited), inherited).toBe(false);
    }
  });

  it("rejects other strings and non-strings", () => {
    expect(isSeverity("High")).toBe(false);
    expect(isSeverity("")).toBe(false);
    expect(isSeverity(3)).toBe(false);
    expect(isSeverity(undefined)).toBe(false);
  });
});

describe("meetsSeverity", () => {
  it("compares against a threshold, worse meeting milder", () => {
    expect(meetsSeverity("high", "medium")).toBe(true);
    expect(meetsSeverity("medium", "medium")).toBe(true);
    expect(meetsSeverity("low", "medium")).toBe(false);
  });
});
