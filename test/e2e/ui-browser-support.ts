import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import type { BrowserContext, Page } from "playwright-core";
import { type ApprovalRequest, createApprovalStore } from "../../src/agents/approval-store.js";
import { openJigDatabase } from "../../src/store/sqlite-database.js";
import type { ChromiumSession } from "../../src/test-support/launch-chromium.js";
import type { TempRepo } from "../../src/test-support/temp-repo.js";

/** Screenshots a person can look at after the run (gitignored). */
export const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/ui/", import.meta.url));
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** The folder for screenshots, created on first use; returns the path of `<name>.png` in it. */
export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return `${ARTIFACTS}${name}.png`;
}

/** A page in a fresh 1280×800 context of `chromium`, whose missing elements fail in seconds. */
export async function openDesktop(
  chromium: ChromiumSession,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.newContext({ viewport: DESKTOP });
  // A missing element fails in seconds, not after the test's whole budget.
  context.setDefaultTimeout(10_000);
  return { context, page: await context.newPage() };
}

/** Keep what `page` shows now as `<name>.png` under test-artifacts/ui/. */
export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: artifactPath(name), fullPage: false });

/** A `data-testid` selector. */
export const testId = (id: string): string => `[data-testid="${id}"]`;

/** One row from the SQLite file as it is now: the pages are held against the store itself. */
export function queryStore<T>(storePath: string, sql: string, ...params: unknown[]): T {
  const db = new Database(storePath, { readonly: true });
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}

/** Every row a query returns, from the SQLite file as it is now. */
export function queryAll<T>(storePath: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(storePath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export const countIn = (storePath: string, sql: string, ...params: unknown[]): number =>
  queryStore<{ n: number }>(storePath, sql, ...params).n;

/**
 * A new pending approval, written through jig's approval store while a server
 * reads the same SQLite file (as the guard does when an agent asks).
 */
export function requestApproval(storePath: string, request: ApprovalRequest): string {
  const db = openJigDatabase(storePath);
  try {
    return createApprovalStore(db, { ttlMinutes: 60 }).request(request, new Date()).id;
  } finally {
    db.close();
  }
}

/**
 * The autonomy page reads autonomy.yaml and the config's domains from the
 * repository; seedDashboardStore writes neither (it commits whatever is
 * there). With them, the map has modes from a file to check: one class
 * full-auto, one supervised, the rest by default.
 */
export function writeAutonomyConfig(repo: TempRepo): void {
  repo.write(
    "autonomy.yaml",
    "classes:\n  - {agent: coder, domain: billing, mode: supervised}\n  - {agent: docs-writer, domain: docs, mode: full-auto}\n",
  );
  repo.write(
    "jig.config.yaml",
    "version: 1\ndomains:\n  billing: [src/billing/**]\n  auth: [src/auth/**]\n  docs: [docs/**]\n",
  );
}
