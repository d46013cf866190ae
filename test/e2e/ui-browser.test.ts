// biome-ignore-all lint/performance/useDomNodeTextContent: the tests read the text a person sees, which is innerText (textContent would include JSON blocks and hidden text)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAxeViolations, formatAxeViolations } from "../../src/test-support/axe-check.js";
import { createChromiumSession, launchChromium } from "../../src/test-support/launch-chromium.js";
import {
  type SeededDashboard,
  seedDashboardStore,
} from "../../src/test-support/seed-dashboard-store.js";
import { createTempRepo, type TempRepo } from "../../src/test-support/temp-repo.js";
import { type JigUiServer, startJigUi } from "./jig-ui-server.js";
import {
  countIn,
  openDesktop,
  PHONE,
  queryAll,
  queryStore,
  screenshot,
  testId,
  writeAutonomyConfig,
} from "./ui-browser-support.js";

describe("launchChromium", () => {
  it("names the missing binary and how to install it, in one line", async () => {
    await expect(launchChromium("/nonexistent/chromium")).rejects.toThrow(
      /^Chromium not found at \/nonexistent\/chromium: install it with 'apt-get install -y chromium'/,
    );
  });
});

describe("jig ui in a real browser (e2e)", () => {
  const chromium = createChromiumSession();
  let big: { repo: TempRepo; seeded: SeededDashboard; server: JigUiServer };
  let facts: {
    runs: number;
    findings: number;
    evalRuns: number;
    approvals: number;
    fail: number;
    pending: number;
  };

  beforeAll(async () => {
    const browser = chromium.start();
    // One large store for the read-only pages; seeded once for the whole file.
    const bigRepo = createTempRepo("jig-e2e-ui-big-");
    writeAutonomyConfig(bigRepo);
    const bigSeed = seedDashboardStore(bigRepo.dir, {
      runs: 500,
      findingsPerRun: 16,
      evalRuns: 20,
      approvals: 30,
    });
    const count = (sql: string) => countIn(bigSeed.storePath, sql);
    facts = {
      runs: count("SELECT count(*) AS n FROM runs"),
      findings: count("SELECT count(*) AS n FROM findings"),
      evalRuns: count("SELECT count(*) AS n FROM eval_runs"),
      approvals: count("SELECT count(*) AS n FROM approvals"),
      fail: count("SELECT count(*) AS n FROM runs WHERE outcome = 'fail'"),
      pending: count("SELECT count(*) AS n FROM approvals WHERE status = 'pending'"),
    };
    const [server] = await Promise.all([startJigUi(bigRepo.dir, ["--port", "0"]), browser]);
    big = { repo: bigRepo, seeded: bigSeed, server };
  });

  afterAll(async () => {
    await chromium.stop();
    if (!big) return;
    const code = await big.server.stop();
    big.repo.cleanup();
    // SIGTERM is a normal stop: exit 0.
    expect(code).toBe(0);
  });

  const desktop = () => openDesktop(chromium);
  const shot = screenshot;

  it("the seeded store is as large as the issue asks", () => {
    expect(facts.runs).toBe(500);
    expect(facts.findings).toBeGreaterThanOrEqual(5000);
    expect(facts.evalRuns).toBe(20);
    expect(facts.approvals).toBe(30);
  });

  it("clicks through runs, a filter, a run, a comparison, trends, approvals, audit and autonomy", async () => {
    const { context, page } = await desktop();
    const storePath = big.seeded.storePath;
    await page.goto(big.server.url);
    expect(new URL(page.url()).pathname).toBe("/runs");
    // Runs: 50 a page, the total from the store.
    expect(await page.locator(testId("run-row")).count()).toBe(50);
    await expect(page.locator("main").innerText()).resolves.toContain(`${facts.runs} runs`);
    await shot(page, "runs");

    // Spec and agent are dropdowns of the values in the store.
    const optionsOf = (name: string) =>
      page
        .locator(`${testId("run-filter")} select[name="${name}"] option`)
        .evaluateAll((nodes) => nodes.map((node) => (node as HTMLOptionElement).value));
    const specIds = await optionsOf("spec");
    const agents = await optionsOf("agent");
    const distinct = (sql: string) =>
      new Set(
        queryAll<{ v: string }>(storePath, sql)
          .map((row) => row.v)
          .filter(Boolean),
      );
    expect(new Set(specIds.filter(Boolean))).toEqual(
      distinct("SELECT DISTINCT json_extract(report_json, '$.spec.id') AS v FROM runs"),
    );
    expect(new Set(agents.filter(Boolean))).toEqual(
      distinct(
        "SELECT DISTINCT a.value AS v FROM runs, json_each(runs.report_json, '$.merge.agents') a",
      ),
    );
    const agent = agents.find(Boolean) as string;
    await page.locator(`${testId("run-filter")} select[name="agent"]`).selectOption(agent);
    await Promise.all([
      page.waitForURL(/agent=/),
      page.locator(`${testId("run-filter")} [type="submit"]`).click(),
    ]);
    const byAgent = await page
      .locator(`${testId("run-row")} td[data-label="Agents"]`)
      .allInnerTexts();
    expect(byAgent.length).toBeGreaterThan(0);
    for (const cell of byAgent) expect(cell.split(", ")).toContain(agent);
    // Free text still works through the API (a value the dropdown does not offer).
    const api = (await (
      await fetch(`${big.server.url}api/v1/runs?agent=${encodeURIComponent(agent)}`)
    ).json()) as { total: number };
    await expect(page.locator("main").innerText()).resolves.toContain(`${api.total} runs`);
    const none = (await (await fetch(`${big.server.url}api/v1/runs?spec=NOT-A-SPEC`)).json()) as {
      total: number;
    };
    expect(none.total).toBe(0);
    await page.goto(`${big.server.url}runs`);

    // Filter by verdict through the form, as a person would.
    await page.locator(`${testId("run-filter")} select[name="verdict"]`).selectOption("fail");
    await Promise.all([
      page.waitForURL(/verdict=fail/),
      page.locator(`${testId("run-filter")} [type="submit"]`).click(),
    ]);
    const verdicts = await page
      .locator(`${testId("run-row")} ${testId("run-verdict")}`)
      .allInnerTexts();
    expect(verdicts.length).toBe(Math.min(50, facts.fail));
    expect(new Set(verdicts.map((v) => v.trim()))).toEqual(new Set(["fail"]));
    await expect(page.locator("main").innerText()).resolves.toContain(`${facts.fail} runs`);

    // Open the first failing run.
    const firstRow = page.locator(testId("run-row")).first();
    const runId = (await firstRow.getAttribute("data-run-id")) as string;
    await Promise.all([page.waitForURL(/\/runs\/[^/?]+$/), firstRow.locator("a").first().click()]);
    expect(decodeURIComponent(new URL(page.url()).pathname)).toBe(`/runs/${runId}`);
    expect((await page.locator(testId("run-verdict")).first().innerText()).trim()).toBe(
      queryStore<{ outcome: string }>(storePath, "SELECT outcome FROM runs WHERE id = ?", runId)
        .outcome,
    );
    expect(await page.locator(testId("layer")).count()).toBe(4);
    expect(await page.locator(testId("finding")).count()).toBe(
      countIn(storePath, "SELECT count(*) AS n FROM findings WHERE run_id = ?", runId),
    );
    expect(await page.locator(`${testId("criteria-table")} tbody tr`).count()).toBe(3);
    // A finding shows its code excerpt from the commit.
    await expect(
      page
        .locator(`${testId("finding")} pre`)
        .first()
        .innerText(),
    ).resolves.toMatch(/example source line/);
    await shot(page, "run");

    // Compare this run with the run that has findings.
    await page.goto(`${big.server.url}runs`);
    await page.locator('input[name="a"]').fill(runId);
    await page.locator('input[name="b"]').fill(big.seeded.runWithFindings);
    await Promise.all([
      page.waitForURL(/\/runs\/compare\?/),
      page.locator('form[action="/runs/compare"] [type="submit"]').click(),
    ]);
    const compare = await page.locator(testId("compare")).innerText();
    expect(compare).toContain(runId);
    expect(compare).toContain(big.seeded.runWithFindings);
    await shot(page, "compare");

    // Trends: every chart is drawn (uPlot renders a canvas into its container).
    await Promise.all([
      page.waitForURL(/\/trends$/),
      page.getByRole("link", { name: "Trends" }).click(),
    ]);
    for (const chart of ["chart-verdicts", "chart-evals", "chart-cost"]) {
      await page
        .locator(`${testId(chart)} canvas`)
        .first()
        .waitFor({ state: "attached", timeout: 10_000 });
    }
    // The tables beside the charts agree with the store.
    const table = async (caption: RegExp) =>
      (
        await page
          .locator("table", { has: page.locator("caption", { hasText: caption }) })
          .locator("tbody tr")
          .allInnerTexts()
      ).map((row) => row.split("\t").map((cell) => cell.trim()));
    const evalRows = await table(/Latest eval run per suite/);
    expect(evalRows.map((row) => row[0]).sort()).toEqual(["login", "refunds"]);
    for (const row of evalRows) expect(row[1]).toBe(String(facts.evalRuns));
    const costRows = await table(/Review cost per week/);
    expect(costRows.reduce((sum, row) => sum + Number(row[1]), 0)).toBe(
      countIn(storePath, "SELECT count(*) AS n FROM model_calls"),
    );
    const modelRows = await table(/Failure models by domain/);
    const sqlFindings = modelRows
      .filter((row) => row[0] === "FM-SQL-001")
      .reduce((sum, row) => sum + (Number(row[2]) || 0), 0);
    expect(sqlFindings).toBe(
      countIn(storePath, "SELECT count(*) AS n FROM findings WHERE rule_id = 'FM-SQL-001'"),
    );
    // Models that never fire are listed as such, not left out.
    expect(modelRows.some((row) => row[2] === "never fired")).toBe(true);
    // The chart: at most 15 horizontal bars, the most frequent models first,
    // each label drawn apart from the next (none overlap).
    const bars = page.locator(`${testId("chart-findings")} ${testId("model-bar")}`);
    const fired = modelRows.filter((row) => Number(row[2]) > 0);
    expect(await bars.count()).toBe(Math.min(15, fired.length));
    const barCounts = await bars.evaluateAll((nodes) =>
      nodes.map((node) => Number(node.getAttribute("data-count"))),
    );
    expect(barCounts).toEqual([...barCounts].sort((a, b) => b - a));
    expect(barCounts[0]).toBe(Math.max(...fired.map((row) => Number(row[2]))));
    const labelBoxes = await page
      .locator(`${testId("chart-findings")} text.label`)
      .evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().toJSON()));
    for (let i = 1; i < labelBoxes.length; i++) {
      expect(labelBoxes[i].top).toBeGreaterThanOrEqual(labelBoxes[i - 1].bottom - 1);
    }
    // The per-domain table adds up to the per-model one.
    const domainRows = await table(/Findings per domain/);
    expect(domainRows.reduce((sum, row) => sum + Number(row[3]), 0)).toBe(
      modelRows.reduce((sum, row) => sum + (Number(row[2]) || 0), 0),
    );
    await shot(page, "trends");

    // Approvals: the pending queue, with the content to approve.
    await Promise.all([
      page.waitForURL(/\/approvals$/),
      page.getByRole("link", { name: "Approvals" }).click(),
    ]);
    const items = page.locator(testId("approval-item"));
    expect(await items.count()).toBe(facts.pending);
    expect(
      (
        await items.evaluateAll((nodes) =>
          nodes.map((node) => node.getAttribute("data-approval-id")),
        )
      ).sort(),
    ).toEqual([...big.seeded.pendingApprovalIds].sort());
    // Each pending approval shows what it would allow: a Write's path and
    // full text, a Bash command (the seed alternates the two).
    const firstPending = items.first();
    const content = firstPending.locator(testId("approval-content"));
    const written = await content.locator(testId("approval-text")).count();
    if (written > 0) {
      await expect(content.locator(testId("approval-path")).innerText()).resolves.toMatch(/\S/);
      await expect(content.locator(testId("approval-text")).innerText()).resolves.toMatch(
        /export const refund = \d+;/,
      );
    } else {
      await expect(content.locator(testId("approval-command")).innerText()).resolves.toMatch(
        /^\$ npm publish --tag beta-\d+/,
      );
    }
    await shot(page, "approvals");

    // Audit: entries and the chain's verification status.
    await Promise.all([
      page.waitForURL(/\/audit$/),
      page.getByRole("link", { name: "Audit" }).click(),
    ]);
    const auditRows = countIn(storePath, "SELECT count(*) AS n FROM audit_log");
    expect(auditRows).toBeGreaterThan(0);
    expect(await page.locator(testId("audit-entry")).count()).toBe(Math.min(auditRows, 200));
    await expect(page.locator(testId("audit-chain-status")).innerText()).resolves.toMatch(
      new RegExp(`verified: ${auditRows} records`),
    );
    await shot(page, "audit");
    // Filtered by decision through its form.
    await page.getByLabel("Decision").selectOption("deny");
    await Promise.all([
      page.waitForURL(/decision=deny/),
      page.locator('form[action="/audit"] [type="submit"]').click(),
    ]);
    expect(await page.locator(testId("audit-entry")).count()).toBe(
      countIn(storePath, "SELECT count(*) AS n FROM audit_log WHERE decision = 'deny'"),
    );

    // Autonomy: the agents × domains map and the Dark Factory level.
    await Promise.all([
      page.waitForURL(/\/autonomy$/),
      page.getByRole("link", { name: "Autonomy" }).click(),
    ]);
    // One row per agent × domain (3 × 3 in the seed), the modes from autonomy.yaml.
    const map = page.locator(`${testId("autonomy-map")} tbody tr`);
    expect(await map.count()).toBe(9);
    const rows = (await map.allInnerTexts()).map((row) => row.replace(/\s+/g, " "));
    expect(rows.find((row) => row.startsWith("docs-writer docs"))).toMatch(/full-auto/);
    expect(rows.find((row) => row.startsWith("coder billing"))).toMatch(/supervised/);
    // Agreement with its interval, e.g. "85.7% [60.1%–96.0%] of 14".
    expect(rows[0]).toMatch(/\d+(\.\d)?% \[\d+(\.\d)?%–\d+(\.\d)?%\]/);
    await expect(page.locator(testId("dark-factory-level")).innerText()).resolves.toMatch(
      /Level \d of 5/,
    );
    await shot(page, "autonomy");
    await context.close();
  });

  it("the runs page fits a phone", async () => {
    const context = await chromium.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${big.server.url}runs`);
    expect(await page.locator(testId("run-row")).count()).toBe(50);
    // The page itself does not scroll sideways (wide tables scroll in their own box).
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(1);
    // Each row is readable: the run id and the verdict take a line or two,
    // not one character per line (the table layout gave ids 5+ lines).
    const lineHeight = await page.evaluate(() =>
      Number.parseFloat(getComputedStyle(document.body).lineHeight),
    );
    const heights = async (selector: string) =>
      page
        .locator(selector)
        .evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().height));
    const idHeights = await heights(`${testId("run-row")} td[data-label="Run"]`);
    const verdictHeights = await heights(`${testId("run-row")} td[data-label="Verdict"]`);
    expect(idHeights).toHaveLength(50);
    expect(Math.max(...idHeights)).toBeLessThanOrEqual(2.2 * lineHeight);
    expect(Math.max(...verdictHeights)).toBeLessThanOrEqual(1.6 * lineHeight);
    // The verdict badge reads whole on one line ("pass", not "pa/ss").
    const badgeHeights = await heights(`${testId("run-row")} ${testId("run-verdict")}`);
    expect(Math.max(...badgeHeights)).toBeLessThanOrEqual(1.3 * lineHeight);
    await shot(page, "runs-phone");

    // A run's detail page, also without sideways scrolling.
    await page.goto(`${big.server.url}runs/${encodeURIComponent(big.seeded.runWithFindings)}`);
    expect(
      await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      ),
    ).toBeLessThanOrEqual(1);
    const criteria = await heights(`${testId("criteria-table")} td[data-label="Status"]`);
    expect(Math.max(...criteria)).toBeLessThanOrEqual(2.2 * lineHeight);
    await shot(page, "run-phone");

    // The audit log: one card per record, its hashes and inputs wrapped inside the card.
    await page.goto(`${big.server.url}audit`);
    expect(
      await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      ),
    ).toBeLessThanOrEqual(1);
    const agents = await heights(`${testId("audit-entry")} td[data-label="Agent"]`);
    expect(agents.length).toBeGreaterThan(0);
    expect(Math.max(...agents)).toBeLessThanOrEqual(2.2 * lineHeight);
    await shot(page, "audit-phone");
    await context.close();
  });

  it("without a token (127.0.0.1), a POST without the CSRF token is still refused", async () => {
    const pendingId = big.seeded.pendingApprovalIds[0] as string;
    const forged = await fetch(`${big.server.url}approvals/${pendingId}/approve`, {
      method: "POST",
      body: new URLSearchParams({ reason: "a page on another site posted this" }),
      redirect: "manual",
    });
    expect(forged.status).toBe(403);
    expect(
      queryStore<{ status: string }>(
        big.seeded.storePath,
        "SELECT status FROM approvals WHERE id = ?",
        pendingId,
      ).status,
    ).toBe("pending");
  });

  it("every page passes axe-core with no serious or critical violations", async () => {
    const { context, page } = await desktop();
    const [a, b] = big.seeded.runIds;
    const pages = [
      "runs",
      `runs/${encodeURIComponent(big.seeded.runWithFindings)}`,
      `runs/compare?a=${encodeURIComponent(a as string)}&b=${encodeURIComponent(b as string)}`,
      "trends",
      "approvals",
      "audit",
      "autonomy",
    ];
    const problems: string[] = [];
    for (const path of pages) {
      await page.goto(`${big.server.url}${path}`);
      problems.push(formatAxeViolations(await findAxeViolations(page), `/${path}`));
    }
    expect(problems.filter(Boolean).join("\n")).toBe("");
    await context.close();
  });
});
