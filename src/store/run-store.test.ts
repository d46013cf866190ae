import { describe, expect, it } from "vitest";
import { InternalError } from "../core/index.js";
import { latestSchemaVersion, MIGRATIONS, pendingMigrations } from "./migrations.js";
import { generateRunId, resolveRunStatus } from "./run-store.js";

describe("generateRunId", () => {
  it("formats a UTC timestamp and four hex digits", () => {
    expect(generateRunId(new Date("2026-11-25T10:15:00.789Z"), () => 0.4979)).toBe(
      "20261125T101500Z-7f76",
    );
    expect(generateRunId(new Date("2026-01-02T03:04:05Z"), () => 0)).toBe("20260102T030405Z-0000");
    expect(generateRunId(new Date("2026-01-02T03:04:05Z"), () => 0.99999999)).toBe(
      "20260102T030405Z-ffff",
    );
  });

  it("sorts chronologically as plain strings", () => {
    const times = ["2026-11-25T10:15:00Z", "2026-11-25T09:59:59Z", "2027-01-01T00:00:00Z"];
    const ids = times.map((time) => generateRunId(new Date(time), () => 0.5));
    expect([...ids].sort()).toEqual([ids[1], ids[0], ids[2]]);
  });
});

describe("resolveRunStatus", () => {
  const reader = { host: "h", isProcessAlive: (pid: number) => pid === 1 };
  it("keeps finished runs finished and checks liveness only on the same host", () => {
    expect(resolveRunStatus("finished", { pid: 2, host: "h" }, reader)).toBe("finished");
    expect(resolveRunStatus("running", { pid: 1, host: "h" }, reader)).toBe("running");
    expect(resolveRunStatus("running", { pid: 2, host: "h" }, reader)).toBe("interrupted");
    expect(resolveRunStatus("running", { pid: 2, host: "other" }, reader)).toBe("running");
    expect(resolveRunStatus("running", { pid: null, host: null }, reader)).toBe("interrupted");
  });
});

describe("pendingMigrations", () => {
  it("plans the steps after the current version", () => {
    expect(pendingMigrations(0).map((step) => step.version)).toEqual(
      MIGRATIONS.map((step) => step.version),
    );
    expect(pendingMigrations(latestSchemaVersion())).toEqual([]);
  });

  it("rejects a list with a gap", () => {
    const gap = [
      { version: 1, name: "a", up: "" },
      { version: 3, name: "c", up: "" },
    ];
    expect(() => pendingMigrations(0, gap)).toThrow(InternalError);
  });
});
