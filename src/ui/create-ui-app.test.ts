import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApprovalStore } from "../agents/approval-store.js";
import { createAuditLog } from "../agents/audit-log.js";
import type { Report } from "../contract/index.js";
import { reportSchema } from "../contract/report-schema.js";
import { openJigDatabase } from "../store/sqlite-database.js";
import { createSqliteRunStore } from "../store/sqlite-run-store.js";
import { type SeededDashboard, seedDashboardStore } from "../test-support/seed-dashboard-store.js";
import { createTempRepo, type TempRepo } from "../test-support/temp-repo.js";
import { createUiTestApp, type UiTestApp } from "../test-support/ui-test-app.js";
import { CSP } from "./ui-security.js";

let repo: TempRepo;
let seeded: SeededDashboard;
let ui: UiTestApp;
const NOW = new Date("2026-11-30T12:00:00Z");

beforeAll(() => {
  repo = createTempRepo("jig-ui-");
  seeded = seedDashboardStore(repo.dir, {
    runs: 120,
    findingsPerRun: 6,
    evalRuns: 5,
    approvals: 8,
    now: NOW,
  });
  ui = createUiTestApp(repo.dir, { now: NOW });
});
afterAll(() => {
  ui.close();
  repo.cleanup();
});

const PAGES: Array<[string, string[]]> = [
  ["/runs", ["run-row", "run-verdict", "run-filter"]],
  ["/trends", ["chart-verdicts", "chart-findings", "chart-evals", "chart-cost"]],
  ["/approvals", ["approval-item", "approval-reason", "approve-button", "deny-button"]],
  ["/audit", ["audit-entry", "audit-chain-status"]],
  ["/autonomy", ["autonomy-map", "dark-factory-level"]],
];

describe("pages", () => {
  it.each(PAGES)("%s is a full page with its test hooks", async (path, testids) => {
    const response = await ui.request(path);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('<html lang="en">');
    expect(text).toMatch(/<main>[\s\S]*<h1>/);
    for (const link of ["/runs", "/trends", "/approvals", "/audit", "/autonomy"])
      expect(text).toContain(`href="${link}"`);
    for (const id of testids) expect(text).toContain(`data-testid="${id}"`);
    // No inline scripts or styles: the CSP would block them.
    expect(text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(text).not.toMatch(/\sstyle=|<style|\shx-on/);
  });

  it("/ redirects to /runs", async () => {
    const response = await ui.request("/");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/runs");
  });

  it("the runs page shows 50 runs a page, newest first, and pages on", async () => {
    const first = await (await ui.request("/runs")).text();
    const ids = [...first.matchAll(/data-run-id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(50);
    expect(ids[0]).toBe(seeded.runIds.at(-1));
    expect(first).toContain("page 1 of 3");
    const third = await (await ui.request("/runs?page=3")).text();
    expect([...third.matchAll(/data-testid="run-row"/g)]).toHaveLength(20);
  });

  it("a run shows its layers, findings with excerpts, criteria and merge decision", async () => {
    const text = await (await ui.request(`/runs/${seeded.runWithFindings}`)).text();
    expect(text).toContain('data-testid="layer"');
    expect(text).toContain('data-testid="finding"');
    expect(text).toContain('data-testid="criteria-table"');
    expect(text).toContain("const excerpt = 1;");
    expect(text).toContain("Merge decision");
    expect(text).toContain("review coverage");
  });

  it("compare shows two runs side by side; an unknown run is a 404 page", async () => {
    const [a, b] = seeded.runIds;
    const text = await (await ui.request(`/runs/compare?a=${a}&b=${b}`)).text();
    expect(text).toContain('data-testid="compare"');
    expect(text).toContain(a);
    expect(text).toContain(b);
    expect((await ui.request("/runs/nope-nope")).status).toBe(404);
  });

  it("trends list failure models that never fired", async () => {
    const text = await (await ui.request("/trends")).text();
    expect(text).toMatch(/FM-NEVER-001<\/td><td>never<\/td><td>never fired/);
  });
});

describe("filters", () => {
  it("filters runs by verdict, branch, spec, agent and date", async () => {
    const page = async (query: string) =>
      (await (await ui.request(`/api/v1/runs?${query}`)).json()) as {
        total: number;
        runs: Array<{
          outcome: string;
          branch: string;
          spec?: { id: string };
          agents: string[];
          startedAt: string;
        }>;
      };
    const all = await page("");
    const fails = await page("verdict=fail");
    expect(fails.total).toBeGreaterThan(0);
    expect(fails.total).toBeLessThan(all.total);
    expect(fails.runs.every((r) => r.outcome === "fail")).toBe(true);
    const branch = await page("branch=chore/deps");
    expect(branch.total).toBeGreaterThan(0);
    expect(branch.runs.every((r) => r.branch === "chore/deps")).toBe(true);
    const spec = await page("spec=SPEC-0002");
    expect(spec.total).toBe(40);
    expect(spec.runs.every((r) => r.spec?.id === "SPEC-0002")).toBe(true);
    const agent = await page("agent=docs-writer");
    expect(agent.total).toBe(40);
    expect(agent.runs.every((r) => r.agents.includes("docs-writer"))).toBe(true);
    const dated = await page("from=2026-11-20&to=2026-11-25");
    expect(dated.total).toBeGreaterThan(0);
    expect(dated.runs.every((r) => r.startedAt >= "2026-11-20" && r.startedAt < "2026-11-26")).toBe(
      true,
    );
    // A LIKE wildcard in a filter matches literally.
    expect((await page("agent=%25")).total).toBe(0);
  });

  it("filters the audit log by agent and decision", async () => {
    const body = (await (await ui.request("/api/v1/audit?decision=deny")).json()) as {
      entries: Array<{ decision: string }>;
    };
    expect(body.entries.length).toBeGreaterThan(0);
    expect(body.entries.every((e) => e.decision === "deny")).toBe(true);
  });
});

describe("the JSON API", () => {
  it("serves runs, a report, trends, approvals, audit and autonomy under /api/v1", async () => {
    const runs = (await (await ui.request("/api/v1/runs")).json()) as Record<string, unknown>;
    expect(runs).toMatchObject({
      schema: "jig.ui/v1",
      reportSchema: "jig.report/v1",
      page: 1,
      pages: 3,
      total: 120,
    });
    const report = await (await ui.request(`/api/v1/runs/${seeded.runWithFindings}`)).json();
    expect(reportSchema.safeParse(report).success).toBe(true);
    const trends = (await (await ui.request("/api/v1/trends")).json()) as Record<string, unknown[]>;
    expect(trends.verdictsPerDay?.length).toBeGreaterThan(50);
    expect(trends.evals).toHaveLength(2);
    expect(trends.costPerWeek?.length).toBeGreaterThan(7);
    const approvals = (await (await ui.request("/api/v1/approvals")).json()) as {
      pending: unknown[];
    };
    expect(approvals.pending.length).toBe(seeded.pendingApprovalIds.length);
    const audit = (await (await ui.request("/api/v1/audit")).json()) as {
      verification: { ok: boolean };
    };
    expect(audit.verification.ok).toBe(true);
    const autonomy = (await (await ui.request("/api/v1/autonomy")).json()) as { status: unknown };
    expect(autonomy.status).toBeDefined();
    expect((await ui.request("/api/v1/runs/nope")).status).toBe(404);
  });
});

describe("approvals", () => {
  it("approve and deny are recorded in the store and the audit log with identity and reason", async () => {
    const [first, second] = seeded.pendingApprovalIds as [string, string];
    const csrf = await ui.csrf();
    const approve = await ui.request(`/approvals/${first}/approve`, {
      method: "POST",
      body: new URLSearchParams({ reason: "planned change", csrf }),
    });
    expect(approve.status).toBe(303);
    const deny = await ui.request(`/approvals/${second}/deny`, {
      method: "POST",
      body: new URLSearchParams({ reason: "not in scope", csrf }),
    });
    expect(deny.status).toBe(303);
    const db = openJigDatabase(seeded.storePath);
    try {
      const store = createApprovalStore(db, { ttlMinutes: 60 });
      expect(store.get(first, NOW)).toMatchObject({
        status: "approved",
        decidedBy: "tester@example.com",
        decisionReason: "planned change",
      });
      expect(store.get(second, NOW)).toMatchObject({
        status: "denied",
        decisionReason: "not in scope",
      });
      const log = createAuditLog(db);
      const entries = log.tail({ limit: 2 });
      expect(entries.map((e) => [e.approvalId, e.decision, e.adapter])).toEqual(
        expect.arrayContaining([
          [first, "allow", "ui"],
          [second, "deny", "ui"],
        ]),
      );
      expect(entries.find((e) => e.approvalId === first)?.reason).toContain("tester@example.com");
      expect(log.verify().ok).toBe(true);
    } finally {
      db.close();
    }
    // The queue no longer lists them.
    const page = await (await ui.request("/approvals")).text();
    expect(page).not.toContain(`data-approval-id="${first}"`);
  });

  it("an empty reason is a 400; a missing or wrong CSRF token is a 403", async () => {
    const id = seeded.pendingApprovalIds.at(-1) as string;
    const csrf = await ui.csrf();
    const empty = await ui.request(`/approvals/${id}/approve`, {
      method: "POST",
      body: new URLSearchParams({ reason: "  ", csrf }),
    });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("reason is required");
    const missing = await ui.request(`/approvals/${id}/approve`, {
      method: "POST",
      body: new URLSearchParams({ reason: "ok" }),
    });
    expect(missing.status).toBe(403);
    const wrong = await ui.request(`/approvals/${id}/deny`, {
      method: "POST",
      body: new URLSearchParams({ reason: "ok", csrf: `${csrf}x` }),
    });
    expect(wrong.status).toBe(403);
    const api = (await (await ui.request("/api/v1/approvals")).json()) as {
      pending: Array<{ id: string }>;
    };
    expect(api.pending.map((a) => a.id)).toContain(id);
  });

  it("the polled list answers 204 while the queue is unchanged", async () => {
    const { version } = (await (await ui.request("/api/v1/approvals")).json()) as {
      version: string;
    };
    expect((await ui.request(`/approvals/list?v=${version}`)).status).toBe(204);
    const changed = await ui.request("/approvals/list?v=old");
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain('hx-trigger="every 2s"');
  });
});

describe("security", () => {
  it("every response carries the CSP and hardening headers, errors and 404s included", async () => {
    const responses = [
      await ui.request("/runs"),
      await ui.request("/no/such/page"),
      await ui.request("/api/v1/runs/nope"),
      await ui.request("/assets/app.js"),
      await ui.request("/runs", { headers: { host: "evil.example:4477" } }),
      await ui.request("/approvals/x/approve", { method: "POST", body: new URLSearchParams({}) }),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 404, 404, 200, 421, 403]);
    for (const response of responses) {
      expect(response.headers.get("content-security-policy")).toBe(CSP);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    }
  });

  it("refuses a Host header other than the bound host:port (DNS rebinding)", async () => {
    expect(
      (await ui.request("/api/v1/runs", { headers: { host: "attacker.example" } })).status,
    ).toBe(421);
    expect((await ui.request("/api/v1/runs", { headers: { host: "127.0.0.1:9999" } })).status).toBe(
      421,
    );
    expect((await ui.request("/api/v1/runs", { headers: { host: "localhost:4477" } })).status).toBe(
      200,
    );
  });

  it("the session cookie is HttpOnly and SameSite=Strict", async () => {
    const fresh = createUiTestApp(repo.dir, { now: NOW });
    try {
      const cookie = (await fresh.request("/runs")).headers.get("set-cookie") ?? "";
      expect(cookie).toMatch(/jig_session=/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
    } finally {
      fresh.close();
    }
  });

  it("with a token: 401 for the API, a redirect to /login for pages, and in with a bearer or a login", async () => {
    const locked = createUiTestApp(repo.dir, { now: NOW, token: "s3cret-token" });
    try {
      expect((await locked.request("/api/v1/runs")).status).toBe(401);
      const pageResponse = await locked.request("/runs");
      expect(pageResponse.status).toBe(302);
      expect(pageResponse.headers.get("location")).toBe("/login");
      expect(
        (await locked.request("/api/v1/runs", { headers: { authorization: "Bearer wrong" } }))
          .status,
      ).toBe(401);
      expect(
        (
          await locked.request("/api/v1/runs", {
            headers: { authorization: "Bearer s3cret-token" },
          })
        ).status,
      ).toBe(200);
      const csrf = await locked.csrf();
      const bad = await locked.request("/login", {
        method: "POST",
        body: new URLSearchParams({ token: "nope", name: "ann", csrf }),
      });
      expect(bad.status).toBe(401);
      const noCsrf = await locked.request("/login", {
        method: "POST",
        body: new URLSearchParams({ token: "s3cret-token", name: "ann" }),
      });
      expect(noCsrf.status).toBe(403);
      const good = await locked.request("/login", {
        method: "POST",
        body: new URLSearchParams({ token: "s3cret-token", name: "ann@example.com", csrf }),
      });
      expect(good.status).toBe(303);
      expect((await locked.request("/runs")).status).toBe(200);
      // Decisions go under the logged-in name.
      const id = seeded.pendingApprovalIds[2] as string;
      const page = await (await locked.request("/approvals")).text();
      const token = /name="csrf" value="([^"]+)"/.exec(page)?.[1] as string;
      const decided = await locked.request(`/approvals/${id}/deny`, {
        method: "POST",
        body: new URLSearchParams({ reason: "looks wrong", csrf: token }),
      });
      expect(decided.status).toBe(303);
      const approvals = (await (
        await locked.request("/api/v1/approvals", {
          headers: { authorization: "Bearer s3cret-token" },
        })
      ).json()) as { pending: Array<{ id: string }> };
      expect(approvals.pending.map((a) => a.id)).not.toContain(id);
      const db = openJigDatabase(seeded.storePath);
      try {
        expect(createApprovalStore(db, { ttlMinutes: 60 }).get(id, NOW)?.decidedBy).toBe(
          "ann@example.com",
        );
      } finally {
        db.close();
      }
    } finally {
      locked.close();
    }
  });
});

describe("filter choices", () => {
  it("offers the store's specs and agents as dropdowns, and picks up a run finished later", async () => {
    type Choices = { specs: Array<{ id: string }>; agents: string[]; branches: string[] };
    const choices = async () =>
      (await (await ui.request("/api/v1/runs/filters")).json()) as Choices;
    const before = await choices();
    expect(before.specs.map((spec) => spec.id)).toEqual(["SPEC-0001", "SPEC-0002", "SPEC-0003"]);
    expect(before.agents.length).toBeGreaterThan(0);
    const page = await (await ui.request("/runs")).text();
    for (const agent of before.agents) expect(page).toContain(`<option value="${agent}">`);
    expect(page).toMatch(/<select id="filter-spec" name="spec">/);

    // A run gated after the first page view, by a new agent for a new spec.
    const report = (await (
      await ui.request(`/api/v1/runs/${seeded.runWithFindings}`)
    ).json()) as Report;
    const late = new Date(NOW.getTime() + 60_000).toISOString();
    const db = openJigDatabase(seeded.storePath);
    try {
      createSqliteRunStore(db).finishRun({
        ...report,
        run: { ...report.run, id: "20261130T120100Z-late", startedAt: late, finishedAt: late },
        spec: { ...(report.spec as NonNullable<Report["spec"]>), id: "SPEC-0999", title: "Late" },
        merge: { ...(report.merge as NonNullable<Report["merge"]>), agents: ["late-agent"] },
      });
    } finally {
      db.close();
    }
    const after = await choices();
    expect(after.specs.map((spec) => spec.id)).toContain("SPEC-0999");
    expect(after.agents).toEqual([...new Set([...before.agents, "late-agent"])].sort());
    // A value typed into the URL (free text) is applied and kept in the form.
    const filtered = await (await ui.request("/runs?agent=late-agent")).text();
    expect(filtered).toContain("1 runs");
    expect(filtered).toContain('<option value="late-agent" selected>');
  });
});

describe("audit chain status", () => {
  // Last in the file: it edits the shared store's audit log.
  it("says the chain is broken when a record was edited", async () => {
    const before = await (await ui.request("/audit")).text();
    expect(before).toMatch(/data-testid="audit-chain-status"[^>]*>Chain verified/);
    const db = openJigDatabase(seeded.storePath);
    try {
      db.prepare("UPDATE audit_log SET reason = 'rewritten' WHERE seq = 1").run();
    } finally {
      db.close();
    }
    const fresh = createUiTestApp(repo.dir, { now: NOW });
    try {
      const after = await (await fresh.request("/audit")).text();
      expect(after).toMatch(/data-testid="audit-chain-status"[^>]*>Chain BROKEN/);
      expect(after).toContain("#1:");
    } finally {
      fresh.close();
    }
  });
});
