import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuditLog } from "../../src/agents/audit-log.js";
import { connectPostgres, openStoreDatabase, type StoreTarget } from "../../src/store/index.js";
import {
  type PostgresServer,
  postgresSkipReason,
  startPostgres,
} from "../../src/test-support/start-postgres.js";

const PROCESSES = 8;
const RUNS = 200;
const FINDINGS = 5;

const dist = (path: string) =>
  pathToFileURL(join(import.meta.dirname, "..", "..", "dist", path)).href;

/**
 * One writer: records RUNS runs, each started, then appended to the audit
 * log, then finished with its findings, as `jig check` and the guard do. It
 * runs the built store (npm test builds before the e2e tests).
 */
const WRITER = `
import { openStoreDatabase, createSqliteRunStore } from ${JSON.stringify(dist("store/index.js"))};
import { createAuditLog } from ${JSON.stringify(dist("agents/audit-log.js"))};
import { sampleRunReport } from ${JSON.stringify(dist("testing/sample-run-report.js"))};
const target = JSON.parse(process.argv[2]);
const writer = process.argv[3];
const db = openStoreDatabase(target);
const store = createSqliteRunStore(db);
const audit = createAuditLog(db);
for (let i = 0; i < ${RUNS}; i++) {
  const id = "20261125T101500Z-w" + writer + "-" + String(i).padStart(4, "0");
  const report = sampleRunReport(id, { findings: ${FINDINGS} });
  store.startRun({ id, startedAt: report.run.startedAt, base: report.range.base, head: report.range.head, baseRef: "main", headRef: "HEAD" });
  audit.append({ at: new Date().toISOString(), agent: "writer-" + writer, tool: "Bash", adapter: "run", input: JSON.stringify({ i }), decision: "allow", reason: "test", policies: [] });
  store.finishRun(report);
}
db.close();
`;

function runWriters(dir: string, target: StoreTarget): Promise<number[]> {
  const script = join(dir, "writer.mjs");
  writeFileSync(script, WRITER);
  return Promise.all(
    Array.from(
      { length: PROCESSES },
      (_, writer) =>
        new Promise<number>((resolve) => {
          const child = spawn(process.execPath, [script, JSON.stringify(target), String(writer)], {
            stdio: ["ignore", "ignore", "inherit"],
          });
          child.on("exit", (code) => resolve(code ?? -1));
        }),
    ),
  );
}

/** Every run, finding and audit record is there, and the chain verifies. */
function expectNothingLost(target: StoreTarget): void {
  const db = openStoreDatabase(target);
  try {
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
    expect(count("runs")).toBe(PROCESSES * RUNS);
    expect(db.prepare("SELECT count(*) FROM runs WHERE status = 'finished'").pluck().get()).toBe(
      PROCESSES * RUNS,
    );
    expect(count("findings")).toBe(PROCESSES * RUNS * FINDINGS);
    expect(count("layer_results")).toBe(PROCESSES * RUNS * 3);
    const verified = createAuditLog(db).verify();
    expect(verified.problems).toEqual([]);
    expect(verified).toMatchObject({
      ok: true,
      records: PROCESSES * RUNS,
      headSeq: PROCESSES * RUNS,
    });
  } finally {
    db.close();
  }
}

describe(`${PROCESSES} processes each recording ${RUNS} runs with findings at once`, () => {
  it("loses nothing on SQLite in WAL mode, and keeps the audit chain valid", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jig-store-concurrency-"));
    try {
      const target = { path: join(dir, "sqlite", "jig.db") };
      expect(await runWriters(dir, target)).toEqual(Array(PROCESSES).fill(0));
      expectNothingLost(target);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  describe.skipIf(postgresSkipReason() !== undefined)("on Postgres", () => {
    let server: PostgresServer;
    beforeAll(async () => {
      server = await startPostgres();
    }, 60_000);
    afterAll(() => server?.stop());

    it("loses nothing, migrates the fresh database once, and keeps the audit chain valid", async () => {
      const admin = connectPostgres(server.url());
      admin.exec("CREATE DATABASE jig_concurrency");
      admin.close();
      const dir = mkdtempSync(join(tmpdir(), "jig-store-concurrency-"));
      try {
        const target = { path: join(dir, "unused.db"), url: server.url("jig_concurrency") };
        expect(await runWriters(dir, target)).toEqual(Array(PROCESSES).fill(0));
        expectNothingLost(target);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 180_000);
  });
});
