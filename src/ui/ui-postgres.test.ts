import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuditLog } from "../agents/audit-log.js";
import { connectPostgres } from "../store/postgres-connection.js";
import { copySqliteStoreToPostgres } from "../store/postgres-copy-store.js";
import { openPostgresDatabase } from "../store/postgres-database.js";
import { type JigDatabase, openJigDatabase } from "../store/sqlite-database.js";
import { type SeededDashboard, seedDashboardStore } from "../test-support/seed-dashboard-store.js";
import {
  type PostgresServer,
  postgresSkipReason,
  startPostgres,
} from "../test-support/start-postgres.js";
import { createTempRepo, type TempRepo } from "../test-support/temp-repo.js";
import { createUiTestApp, type UiTestApp } from "../test-support/ui-test-app.js";

const NOW = new Date("2026-11-30T12:00:00Z");

// The dashboard's queries, written for SQLite, over the Postgres facade (the
// team store): the seeded SQLite store is copied as `jig store migrate` does.
describe.skipIf(postgresSkipReason() !== undefined)("jig ui on a Postgres store", () => {
  let server: PostgresServer;
  let repo: TempRepo;
  let seeded: SeededDashboard;
  let db: JigDatabase;
  let ui: UiTestApp;
  beforeAll(async () => {
    repo = createTempRepo("jig-ui-pg-");
    seeded = seedDashboardStore(repo.dir, {
      runs: 60,
      findingsPerRun: 4,
      evalRuns: 3,
      approvals: 4,
      now: NOW,
    });
    server = await startPostgres();
    const admin = connectPostgres(server.url());
    admin.exec("CREATE DATABASE jig_ui");
    admin.close();
    openPostgresDatabase(server.url("jig_ui")).close();
    const source = openJigDatabase(seeded.storePath);
    const target = connectPostgres(server.url("jig_ui"));
    try {
      const copied = copySqliteStoreToPostgres(source, target);
      expect(copied.mismatches).toEqual([]);
    } finally {
      target.close();
      source.close();
    }
    db = openPostgresDatabase(server.url("jig_ui"));
    ui = createUiTestApp(repo.dir, { now: NOW, db });
  }, 120_000);
  afterAll(() => {
    ui?.close();
    db?.close();
    server?.stop();
    repo?.cleanup();
  });

  it("renders every page and filters runs the same as on SQLite", async () => {
    for (const path of [
      "/runs",
      `/runs/${seeded.runWithFindings}`,
      "/trends",
      "/approvals",
      "/audit",
      "/autonomy",
    ]) {
      expect((await ui.request(path)).status, path).toBe(200);
    }
    const runs = async (query: string) =>
      ((await (await ui.request(`/api/v1/runs?${query}`)).json()) as { total: number }).total;
    expect(await runs("")).toBe(60);
    expect(await runs("spec=SPEC-0002")).toBe(20);
    expect(await runs("agent=docs-writer")).toBe(20);
    expect(await runs("branch=chore/deps")).toBe(12);
    const trends = (await (await ui.request("/api/v1/trends")).json()) as {
      verdictsPerDay: unknown[];
      costPerWeek: unknown[];
    };
    expect(trends.verdictsPerDay.length).toBeGreaterThan(30);
    expect(trends.costPerWeek.length).toBeGreaterThan(5);
  });

  it("records an approval in the Postgres store and its audit log", async () => {
    const id = seeded.pendingApprovalIds[0] as string;
    const csrf = await ui.csrf();
    const response = await ui.request(`/approvals/${id}/approve`, {
      method: "POST",
      body: new URLSearchParams({ reason: "team store", csrf }),
    });
    expect(response.status).toBe(303);
    const last = createAuditLog(db).tail({ limit: 1 })[0];
    expect(last).toMatchObject({ approvalId: id, decision: "allow", adapter: "ui" });
    expect(createAuditLog(db).verify().ok).toBe(true);
  });
});
