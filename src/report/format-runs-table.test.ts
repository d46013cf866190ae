import { describe, expect, it } from "vitest";
import { formatDuration, formatRunsTable } from "./format-runs-table.js";

describe("formatRunsTable", () => {
  it("colours statuses and outcomes only when asked", () => {
    const run = {
      id: "20261125T100000Z-bbbb",
      status: "interrupted" as const,
      startedAt: "2026-11-25T10:00:00.000Z",
      base: "a".repeat(40),
      head: "b".repeat(40),
      findings: 0,
    };
    expect(formatRunsTable([run], false)).not.toContain("\u001b[");
    expect(formatRunsTable([run], true)).toContain("\u001b[33minterrupted\u001b[39m");
  });

  it("formats durations for a table", () => {
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(12_345)).toBe("12.3 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
  });
});
