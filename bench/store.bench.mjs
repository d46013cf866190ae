// Run store benchmark: the cost of recording one run with 50 findings
// (startRun, then finishRun in one transaction: run row, 3 layer rows, 50
// finding rows) on each driver, median over 200 runs, and Postgres/SQLite.
// Postgres is a throwaway server started here with initdb/pg_ctl and its
// default durability (fsync on); SQLite is the WAL file with synchronous=NORMAL,
// as jig opens it. Set JIG_BENCH_PG_URL to measure an existing server instead.
// Run after `npm run build`: node bench/store.bench.mjs
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { median, ROOT } from "./bench-utils.mjs";

const store = await import(join(ROOT, "dist/store/index.js"));
const { sampleRunReport } = await import(join(ROOT, "dist/testing/sample-run-report.js"));

const RUNS = 200;
const WARMUP = 20;
const FINDINGS = 50;

function recordRuns(db, label) {
  const runStore = store.createSqliteRunStore(db);
  const samples = [];
  for (let index = 0; index < RUNS + WARMUP; index++) {
    const id = `20261125T101500Z-${label}-${String(index).padStart(4, "0")}`;
    const report = sampleRunReport(id, { findings: FINDINGS });
    const started = process.hrtime.bigint();
    runStore.startRun({
      id,
      startedAt: report.run.startedAt,
      base: report.range.base,
      head: report.range.head,
      baseRef: "main",
      headRef: "HEAD",
    });
    runStore.finishRun(report);
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    if (index >= WARMUP) samples.push(elapsed);
  }
  const roundTrips = [];
  const select = db.prepare("SELECT 1 AS one");
  for (let index = 0; index < 200; index++) {
    const started = process.hrtime.bigint();
    select.get();
    roundTrips.push(Number(process.hrtime.bigint() - started) / 1e3);
  }
  return { runMs: median(samples), selectUs: median(roundTrips.slice(20)) };
}

function findBinaries() {
  for (const dir of [
    "/usr/local/bin",
    "/usr/lib/postgresql/15/bin",
    "/usr/lib/postgresql/16/bin",
  ]) {
    if (existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl"))) {
      return { initdb: join(dir, "initdb"), pgCtl: join(dir, "pg_ctl") };
    }
  }
  return undefined;
}

async function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A temp server as src/test-support/start-postgres.ts starts one, but with fsync on. */
async function startServer(binaries) {
  const dir = mkdtempSync(join(tmpdir(), "jig-bench-pg-"));
  chmodSync(dir, 0o777);
  const user =
    process.getuid?.() === 0
      ? ["postgres", "nobody"].find((name) => spawnSync("id", [name]).status === 0)
      : undefined;
  const run = (file, args) =>
    user
      ? execFileSync("runuser", ["-u", user, "--", file, ...args], { stdio: "pipe", cwd: dir })
      : execFileSync(file, args, { stdio: "pipe", cwd: dir });
  const data = join(dir, "data");
  run(binaries.initdb, ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8"]);
  const port = await freePort();
  run(binaries.pgCtl, [
    "-D",
    data,
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
    "-l",
    join(dir, "server.log"),
    "-w",
    "start",
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        run(binaries.pgCtl, ["-D", data, "-m", "fast", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

const sqliteDir = mkdtempSync(join(tmpdir(), "jig-bench-store-"));
try {
  const sqlite = store.openJigDatabase(join(sqliteDir, "jig.db"));
  const lite = recordRuns(sqlite, "sqlite");
  sqlite.close();
  console.log(
    `sqlite (WAL): record one run with ${FINDINGS} findings median ${lite.runMs.toFixed(2)} ms; SELECT 1 median ${lite.selectUs.toFixed(1)} µs`,
  );

  const binaries = findBinaries();
  const server = process.env.JIG_BENCH_PG_URL
    ? { url: process.env.JIG_BENCH_PG_URL, stop() {} }
    : binaries
      ? await startServer(binaries)
      : undefined;
  if (!server) {
    console.log("postgres: SKIPPED, no initdb/pg_ctl found and JIG_BENCH_PG_URL unset");
  } else {
    try {
      const admin = store.connectPostgres(server.url);
      admin.exec("DROP DATABASE IF EXISTS jig_bench");
      admin.exec("CREATE DATABASE jig_bench");
      admin.close();
      const pgUrl = server.url.replace(/\/[^/]*$/, "/jig_bench");
      const pg = store.openPostgresDatabase(pgUrl);
      const remote = recordRuns(pg, "pg");
      pg.close();
      console.log(
        `postgres (loopback, fsync on): record one run with ${FINDINGS} findings median ${remote.runMs.toFixed(2)} ms; SELECT 1 median ${remote.selectUs.toFixed(1)} µs (one synchronous round trip through the worker)`,
      );
      console.log(`postgres/sqlite: ${(remote.runMs / lite.runMs).toFixed(1)}x`);
    } finally {
      server.stop();
    }
  }
} finally {
  rmSync(sqliteDir, { recursive: true, force: true });
}
console.log(
  `load average: ${loadavg()
    .map((value) => value.toFixed(1))
    .join(" ")}`,
);
