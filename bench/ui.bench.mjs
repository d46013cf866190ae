// `jig ui` budgets (issue #17), medians, with baselines from the same run:
// 1. start: spawn → the serving line <= 300 ms (baseline: `jig --version` spawn to exit);
// 2. a page renders in <= 100 ms from a store of 10,000 runs (100,000 findings):
//    GET /runs, /runs/:id, /trends, /audit, /approvals, /autonomy over HTTP,
//    median of 20 after 3 warm-up requests each (baseline: GET /assets/app.js).
// Run: npm run build && node bench/ui.bench.mjs [runs]
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tsImport } from "tsx/esm/api";
import { git, JIG, median, timeCommand } from "./bench-utils.mjs";

const RUNS = Number(process.argv[2] ?? 10_000);
const SAMPLES = 20;

const { seedDashboardStore } = await tsImport(
  "../src/test-support/seed-dashboard-store.ts",
  import.meta.url,
);

const dir = mkdtempSync(join(tmpdir(), "jig-bench-ui-"));
git(dir, "init", "-q", "-b", "main");
let started = performance.now();
const seeded = seedDashboardStore(dir, {
  runs: RUNS,
  findingsPerRun: 10,
  evalRuns: 20,
  approvals: 30,
  auditEntries: 2_000,
});
console.log(
  `seeded ${RUNS} runs (${RUNS * 10} findings at most), 20 eval runs, 30 approvals, 2,000 audit records in ${Math.round(performance.now() - started)} ms`,
);

/** Spawn `jig ui --port 0` and resolve when the serving line arrives. */
function startUi() {
  const child = spawn(process.execPath, [JIG, "ui", "--port", "0"], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = /serving (http:\/\/\S+\/)/.exec(out);
      if (match) resolve({ child, url: match[1], ms: performance.now() - t0 });
    });
    child.once("exit", (code) => reject(new Error(`jig ui exited ${code}`)));
  });
}

async function stop(child) {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  return exited;
}

const version = timeCommand(process.execPath, [JIG, "--version"], { cwd: dir, runs: 10 });
const startSamples = [];
for (let index = 0; index < 12; index++) {
  const { child, ms } = await startUi();
  if (index >= 2) startSamples.push(ms);
  await stop(child);
}
const startMedian = median(startSamples);
console.log(
  `start (spawn → serving line): median ${startMedian.toFixed(0)} ms (budget 300 ms); jig --version ${version.median.toFixed(0)} ms; ratio ${(startMedian / version.median).toFixed(2)}x`,
);

const { child, url } = await startUi();
const pages = [
  "/assets/app.js",
  "/runs",
  "/runs?page=50",
  "/runs?verdict=fail",
  `/runs/${seeded.runWithFindings}`,
  "/trends",
  "/audit",
  "/approvals",
  "/autonomy",
  "/api/v1/runs",
];
let failed = startMedian > 300;
try {
  for (const path of pages) {
    const samples = [];
    for (let index = 0; index < 3 + SAMPLES; index++) {
      started = performance.now();
      const response = await fetch(`${url}${path.slice(1)}`);
      await response.text();
      if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
      if (index >= 3) samples.push(performance.now() - started);
    }
    const ms = median(samples);
    const budget = path.startsWith("/assets") ? "" : ms <= 100 ? " ok" : " OVER 100 ms";
    if (budget === " OVER 100 ms") failed = true;
    console.log(`GET ${path.padEnd(28)} median ${ms.toFixed(1).padStart(6)} ms${budget}`);
  }
} finally {
  await stop(child);
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
