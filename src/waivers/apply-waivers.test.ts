import { describe, expect, it } from "vitest";
import type { Finding } from "../core/finding.js";
import { applyWaivers, waiverNotices } from "./apply-waivers.js";
import type { Waiver } from "./waiver-schema.js";

const finding = (fingerprint: string, overrides: Partial<Finding> = {}): Finding => ({
  id: `failure-models-${fingerprint}`,
  layer: "failure-models",
  ruleId: "FM-SQL-001",
  severity: "high",
  file: "src/users.js",
  line: 3,
  title: "SQL by concatenation",
  message: "m",
  fingerprint,
  ...overrides,
});

const waiver = (fingerprint: string, expires: string): Waiver => ({
  fingerprint,
  reason: "a fixture",
  owner: "Dana <dana@example.com>",
  expires,
});

const at = (day: string) => new Date(`${day}T12:00:00Z`);

describe("applyWaivers", () => {
  const set = {
    waivers: [waiver("aaaaaaaaaaaaaaaa", "2027-01-31")],
    label: "jig.waivers.yaml@1234567",
  };

  it("marks the finding a waiver names by fingerprint, and no other", () => {
    const { findings, uses } = applyWaivers(
      [finding("aaaaaaaaaaaaaaaa"), finding("bbbbbbbbbbbbbbbb")],
      set,
      at("2027-01-01"),
    );
    expect(findings[0]?.waiver).toEqual({
      reason: "a fixture",
      owner: "Dana <dana@example.com>",
      expires: "2027-01-31",
      by: "jig.waivers.yaml@1234567",
    });
    expect(findings[1]?.waiver).toBeUndefined();
    expect(uses).toEqual([expect.objectContaining({ matched: 1, expired: false, daysLeft: 30 })]);
  });

  it("applies through its last day and expires the day after", () => {
    const onLastDay = applyWaivers([finding("aaaaaaaaaaaaaaaa")], set, at("2027-01-31"));
    expect(onLastDay.findings[0]?.waiver?.expired).toBeUndefined();
    const dayAfter = applyWaivers([finding("aaaaaaaaaaaaaaaa")], set, at("2027-02-01"));
    expect(dayAfter.findings[0]?.waiver?.expired).toBe(true);
    expect(dayAfter.uses[0]).toMatchObject({ expired: true, daysLeft: -1 });
  });

  it("never waives a finding that asks for a person", () => {
    const { findings, uses } = applyWaivers(
      [finding("aaaaaaaaaaaaaaaa", { needsHuman: true, ruleId: "JIG-T001" })],
      set,
      at("2027-01-01"),
    );
    expect(findings[0]?.waiver).toBeUndefined();
    expect(uses[0]?.matched).toBe(0);
  });
});

describe("waiverNotices", () => {
  const waivers = [
    waiver("aaaaaaaaaaaaaaaa", "2027-01-10"),
    waiver("bbbbbbbbbbbbbbbb", "2027-01-20"),
    waiver("cccccccccccccccc", "2027-06-01"),
    waiver("dddddddddddddddd", "2026-12-31"),
  ];

  it("names the expired, those expiring within 14 days, and those matching nothing", () => {
    const notices = waiverNotices(
      waivers,
      [{ fingerprint: "aaaaaaaaaaaaaaaa" }, { fingerprint: "dddddddddddddddd" }],
      at("2027-01-01"),
    );
    expect(notices.map((notice) => [notice.waiver.fingerprint, notice.problem])).toEqual([
      ["aaaaaaaaaaaaaaaa", "expiring"],
      ["bbbbbbbbbbbbbbbb", "unmatched"],
      ["cccccccccccccccc", "unmatched"],
      ["dddddddddddddddd", "expired"],
    ]);
    expect(notices[0]?.summary).toContain("in 9 days");
  });

  it("does not judge matching without findings to compare with", () => {
    const notices = waiverNotices(waivers, undefined, at("2027-01-01"));
    expect(notices.map((notice) => notice.problem)).toEqual(["expiring", "expired"]);
  });
});
