// biome-ignore-all lint/performance/useDomNodeTextContent: the tests read the text a person sees, which is innerText
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAxeViolations, formatAxeViolations } from "../../src/test-support/axe-check.js";
import { createChromiumSession } from "../../src/test-support/launch-chromium.js";
import {
  type SeededDashboard,
  seedDashboardStore,
} from "../../src/test-support/seed-dashboard-store.js";
import { createTempRepo, type TempRepo } from "../../src/test-support/temp-repo.js";
import { type JigUiServer, startJigUi } from "./jig-ui-server.js";
import { runJig } from "./run-jig.js";
import {
  openDesktop,
  PHONE,
  queryStore,
  requestApproval,
  screenshot,
  testId,
} from "./ui-browser-support.js";

const TOKEN = "t0ken-for-the-browser-test";
const REVIEWER = "Dana Reviewer";

/** The tests that change state, on a small store of their own behind a token. */
describe("jig ui approvals and login in a real browser (e2e)", () => {
  const chromium = createChromiumSession();
  let small: { repo: TempRepo; seeded: SeededDashboard; server: JigUiServer };

  beforeAll(async () => {
    const browser = chromium.start();
    const repo = createTempRepo("jig-e2e-ui-small-");
    const seeded = seedDashboardStore(repo.dir, {
      runs: 12,
      findingsPerRun: 3,
      evalRuns: 2,
      approvals: 8,
      seed: 7,
    });
    const [server] = await Promise.all([
      startJigUi(repo.dir, ["--port", "0", "--host", "127.0.0.1", "--token", TOKEN]),
      browser,
    ]);
    small = { repo, seeded, server };
  });

  afterAll(async () => {
    await chromium.stop();
    if (!small) return;
    const code = await small.server.stop();
    small.repo.cleanup();
    expect(code).toBe(0);
  });

  const desktop = () => openDesktop(chromium);
  const shot = screenshot;

  /** Log in through the form, as a person would, then open `path`. */
  const logIn = async (page: Page, path: string, name = REVIEWER) => {
    await page.goto(`${small.server.url}${path}`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.getByLabel("Your name").fill(name);
    await page.getByLabel("Token").fill(TOKEN);
    await Promise.all([
      page.waitForURL((url) => url.pathname !== "/login"),
      page.getByRole("button", { name: "Log in" }).click(),
    ]);
    await page.goto(`${small.server.url}${path}`);
    expect(new URL(page.url()).pathname).toBe(`/${path}`);
  };
  const approvalOf = (id: string) =>
    queryStore<{ status: string; decided_by: string | null; decision_reason: string | null }>(
      small.seeded.storePath,
      "SELECT status, decided_by, decision_reason FROM approvals WHERE id = ?",
      id,
    );

  it("a token-protected server refuses requests without the token and POSTs without the CSRF token", async () => {
    const base = small.server.url;
    const page = await fetch(`${base}runs`, { redirect: "manual" });
    expect([302, 303]).toContain(page.status);
    expect(new URL(page.headers.get("location") as string, base).pathname).toBe("/login");
    expect((await fetch(`${base}api/v1/runs`)).status).toBe(401);
    const wrong = await fetch(`${base}api/v1/runs`, { headers: { authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${base}api/v1/runs`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(right.status).toBe(200);
    // Every response carries the strict CSP, refusals included.
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");

    const { context, page: browserPage } = await desktop();
    // A wrong token at the login form does not log in.
    await browserPage.goto(`${base}login`);
    await shot(browserPage, "login");
    await browserPage.getByLabel("Your name").fill(REVIEWER);
    await browserPage.getByLabel("Token").fill("not-the-token");
    await browserPage.getByRole("button", { name: "Log in" }).click();
    await browserPage.waitForLoadState();
    expect(new URL(browserPage.url()).pathname).toBe("/login");
    await browserPage.goto(`${base}approvals`);
    expect(new URL(browserPage.url()).pathname).toBe("/login");

    await logIn(browserPage, "approvals");
    const cookies = await context.cookies();
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies)
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict" });
    // Logged in, a POST without the CSRF token (or with a wrong one) is still refused.
    const id = small.seeded.pendingApprovalIds[0] as string;
    const noCsrf = await browserPage.request.post(`${base}approvals/${id}/approve`, {
      form: { reason: "no csrf" },
      maxRedirects: 0,
    });
    expect(noCsrf.status()).toBe(403);
    const badCsrf = await browserPage.request.post(`${base}approvals/${id}/approve`, {
      form: { reason: "bad csrf", csrf: "forged" },
      maxRedirects: 0,
    });
    expect(badCsrf.status()).toBe(403);
    expect(approvalOf(id).status).toBe("pending");
    await context.close();
  });

  it("approves one request and denies another, each with a required reason, recorded under the person's name", async () => {
    const { context, page } = await desktop();
    await logIn(page, "approvals");
    const [approveId, denyId] = small.seeded.pendingApprovalIds.slice(-2) as [string, string];
    const item = (id: string) =>
      page.locator(`${testId("approval-item")}[data-approval-id="${id}"]`);

    // Without a reason the form is refused: by the browser (required), and by the server.
    const posts: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST") posts.push(request.url());
    });
    await item(denyId).locator(testId("deny-button")).click();
    expect(
      await item(denyId)
        .locator(testId("approval-reason"))
        .evaluate(
          (field) =>
            (field as unknown as { validity: { valueMissing: boolean } }).validity.valueMissing,
        ),
    ).toBe(true);
    await page.waitForTimeout(300);
    expect(posts).toEqual([]);
    expect(new URL(page.url()).pathname).toBe("/approvals");
    expect(await item(denyId).count()).toBe(1);
    const csrf = (await item(denyId).locator('input[name="csrf"]').inputValue()) as string;
    const empty = await page.request.post(`${small.server.url}approvals/${denyId}/deny`, {
      form: { reason: "  ", csrf },
      maxRedirects: 0,
    });
    expect(empty.status()).toBe(400);
    expect(approvalOf(denyId).status).toBe("pending");

    await item(approveId).locator(testId("approval-reason")).fill("the refund file is fine");
    await item(approveId).locator(testId("approve-button")).click();
    await item(approveId).waitFor({ state: "detached" });
    await item(denyId)
      .locator(testId("approval-reason"))
      .fill("publishing needs a release manager");
    await item(denyId).locator(testId("deny-button")).click();
    await item(denyId).waitFor({ state: "detached" });
    await shot(page, "approvals-decided");
    await context.close();

    // The store, read by jig itself.
    const show = (id: string) => {
      const result = runJig(["approvals", "show", id, "--format", "json"], { cwd: small.repo.dir });
      expect(result.code, result.stderr).toBe(0);
      return JSON.parse(result.stdout);
    };
    expect(show(approveId)).toMatchObject({ status: "approved", decidedBy: REVIEWER });
    expect(show(denyId)).toMatchObject({ status: "denied", decidedBy: REVIEWER });
    expect(approvalOf(approveId)).toEqual({
      status: "approved",
      decided_by: REVIEWER,
      decision_reason: "the refund file is fine",
    });
    expect(approvalOf(denyId)).toEqual({
      status: "denied",
      decided_by: REVIEWER,
      decision_reason: "publishing needs a release manager",
    });
    // The audit log holds both decisions, each with the person and the reason.
    const audit = runJig(["audit", "tail", "--format", "json", "-n", "200"], {
      cwd: small.repo.dir,
    });
    expect(audit.code, audit.stderr).toBe(0);
    const records = JSON.parse(audit.stdout) as {
      approvalId?: string;
      decision: string;
      reason: string;
    }[];
    const recordOf = (id: string) => records.filter((record) => record.approvalId === id);
    expect(recordOf(approveId)).toHaveLength(1);
    expect(recordOf(approveId)[0]).toMatchObject({ decision: "allow" });
    expect(recordOf(approveId)[0]?.reason).toContain(REVIEWER);
    expect(recordOf(approveId)[0]?.reason).toContain("the refund file is fine");
    expect(recordOf(denyId)).toHaveLength(1);
    expect(recordOf(denyId)[0]).toMatchObject({ decision: "deny" });
    expect(recordOf(denyId)[0]?.reason).toContain(REVIEWER);
    expect(recordOf(denyId)[0]?.reason).toContain("publishing needs a release manager");
    // …and the hash chain still verifies with them in it.
    const verify = runJig(["audit", "verify"], { cwd: small.repo.dir });
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  });

  it("a new request appears in the open approvals page without a reload", async () => {
    const { context, page } = await desktop();
    await logIn(page, "approvals");
    const before = await page.locator(testId("approval-item")).count();
    // A reload or navigation would drop this marker.
    await page.evaluate(() => {
      (globalThis as unknown as { __stayed: number }).__stayed = 1;
    });
    const id = requestApproval(small.seeded.storePath, {
      kind: "call",
      agent: "coder",
      tool: "Write",
      callKey: "browser-test-live-update",
      summary: "write src/live.ts",
      input: JSON.stringify({
        tool: "Write",
        path: "src/live.ts",
        content: "export const live = 1;\n",
      }),
      reason: "asked while the page was open",
      policies: ["ask-billing-writes"],
    });
    const item = page.locator(`${testId("approval-item")}[data-approval-id="${id}"]`);
    await item.waitFor({ state: "visible", timeout: 10_000 });
    await expect(item.innerText()).resolves.toContain("export const live = 1;");
    expect(await page.locator(testId("approval-item")).count()).toBe(before + 1);
    expect(
      await page.evaluate(() => (globalThis as unknown as { __stayed?: number }).__stayed),
    ).toBe(1);
    await context.close();
  });

  it("shows the full content being approved: an Edit's diff, a Write's diff against the work tree, a command", async () => {
    // The guard's recorded form: {resource: {id}, argv, payload}.
    small.repo.write(
      "src/fees.ts",
      "export const base = 1;\nexport const fee = 2;\nexport const cap = 3;\n",
    );
    const edit = requestApproval(small.seeded.storePath, {
      kind: "call",
      agent: "coder",
      tool: "Edit",
      callKey: "browser-test-edit",
      summary: "edit src/fees.ts",
      input: JSON.stringify({
        action: "write",
        resource: { kind: "file", id: "src/fees.ts" },
        payload: {
          file_path: "src/fees.ts",
          old_string: "export const fee = 2;",
          new_string: "export const fee = 0; // <b>free</b>",
        },
      }),
      reason: "edits under src",
      policies: ["ask-billing-writes"],
    });
    const write = requestApproval(small.seeded.storePath, {
      kind: "call",
      agent: "coder",
      tool: "Write",
      callKey: "browser-test-write-existing",
      summary: "write src/fees.ts",
      input: JSON.stringify({
        action: "write",
        resource: { kind: "file", id: "src/fees.ts" },
        payload: {
          file_path: "src/fees.ts",
          content: "export const base = 1;\nexport const fee = 5;\nexport const cap = 3;\n",
        },
      }),
      reason: "writes under src",
      policies: ["ask-billing-writes"],
    });
    // A path that climbs out of the repository is shown, never read.
    const outside = requestApproval(small.seeded.storePath, {
      kind: "call",
      agent: "coder",
      tool: "Write",
      callKey: "browser-test-write-outside",
      summary: "write ../../etc/hostname",
      input: JSON.stringify({ file_path: "../../../../../../etc/hostname", content: "x\n" }),
      reason: "writes outside",
      policies: ["ask-billing-writes"],
    });
    const bash = requestApproval(small.seeded.storePath, {
      kind: "call",
      agent: "coder",
      tool: "Bash",
      callKey: "browser-test-bash",
      summary: "bash",
      input: JSON.stringify({
        action: "exec",
        resource: { id: "." },
        argv: ["git", "push", "--force", "origin main"],
        payload: {},
      }),
      reason: "pushes",
      policies: ["ask-push"],
    });
    const context = await chromium.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await logIn(page, "approvals");
    const item = (id: string) =>
      page.locator(`${testId("approval-item")}[data-approval-id="${id}"]`);
    const diffOf = async (id: string) =>
      (await item(id).locator(testId("approval-diff")).allInnerTexts()).join("\n");
    expect(await diffOf(edit)).toBe(
      "- export const fee = 2;\n+ export const fee = 0; // <b>free</b>\n",
    );
    await expect(item(edit).locator(testId("approval-path")).innerText()).resolves.toBe(
      "src/fees.ts",
    );
    expect(await diffOf(write)).toContain("@@ -1,3 +1,3 @@");
    expect(await diffOf(write)).toContain("- export const fee = 2;\n+ export const fee = 5;");
    await expect(item(outside).innerText()).resolves.toContain("A new file");
    expect(await item(outside).locator(testId("approval-diff")).count()).toBe(0);
    await expect(item(bash).locator(testId("approval-command")).innerText()).resolves.toBe(
      "$ git push --force 'origin main'",
    );
    // At phone width the page does not scroll sideways.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(1);
    await item(edit).scrollIntoViewIfNeeded();
    await shot(page, "approvals-phone");
    await context.close();
  });

  it("the login page passes axe-core with no serious or critical violations", async () => {
    const { context, page } = await desktop();
    await page.goto(`${small.server.url}login`);
    expect(formatAxeViolations(await findAxeViolations(page), "/login")).toBe("");
    await context.close();
  });
});
