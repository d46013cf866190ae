import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportSchema } from "../contract/report-schema.js";
import { openJigDatabase } from "../store/sqlite-database.js";
import { createSqliteRunStore } from "../store/sqlite-run-store.js";
import { type SeededDashboard, seedDashboardStore } from "./seed-dashboard-store.js";
import { createTempRepo, type TempRepo } from "./temp-repo.js";

const NOW = new Date("2026-11-30T12:00:00Z");

describe("seedDashboardStore", () => {
  let repo: TempRepo;
  let seeded: SeededDashboard;
  beforeAll(() => {
    repo = createTempRepo("jig-seed-");
    seeded = seedDashboardStore(repo.dir, {
      runs: 90,
      findingsPerRun: 10,
      evalRuns: 4,
      approvals: 10,
      now: NOW,
    });
  });
  afterAll(() => repo.cleanup());

  it("stores valid reports over ~60 days with several branches, specs, agents and verdicts", () => {
    const db = openJigDatabase(seeded.storePath);
    try {
      const store = createSqliteRunStore(db);
      const reports = seeded.runIds.map((id) => store.getRun(id));
      for (const report of reports) expect(reportSchema.safeParse(report).success).toBe(true);
      const days =
        (Date.parse(reports.at(-1)?.run.startedAt ?? "") -
          Date.parse(reports[0]?.run.startedAt ?? "")) /
        86_400_000;
      expect(days).toBeGreaterThan(55);
      expect(new Set(reports.map((r) => r?.range.headRef)).size).toBeGreaterThan(3);
      expect(new Set(reports.map((r) => r?.spec?.id)).size).toBe(3);
      expect(new Set(reports.flatMap((r) => r?.merge?.agents ?? [])).size).toBe(3);
      expect(new Set(reports.map((r) => r?.verdict.outcome))).toEqual(
        new Set(["pass", "fail", "needs-human"]),
      );
      const count = (table: string) =>
        (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      expect(count("eval_runs")).toBe(4);
      expect(count("approvals")).toBe(10);
      expect(count("audit_log")).toBe(20);
      expect(seeded.pendingApprovalIds).toHaveLength(5);
    } finally {
      db.close();
    }
  });

  it("builds the same runs from the same seed and clock", () => {
    const other = createTempRepo("jig-seed-again-");
    try {
      const again = seedDashboardStore(other.dir, {
        runs: 90,
        findingsPerRun: 10,
        evalRuns: 4,
        approvals: 10,
        now: NOW,
      });
      expect(again.runIds.length).toBe(seeded.runIds.length);
      expect(again.runIds).toEqual(seeded.runIds);
      expect(again.runWithFindings).toBe(seeded.runWithFindings);
    } finally {
      other.cleanup();
    }
  });
});
