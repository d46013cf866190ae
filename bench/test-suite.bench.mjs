// Wall time of the unit project (`npx vitest run src`, the fast half of `npm test`).
// Target: median <= 60 s on a 2-core machine. Each run is a whole vitest
// process, so this takes a few minutes: `node bench/test-suite.bench.mjs [runs]`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { median, ROOT } from "./bench-utils.mjs";

const TARGET_MS = 60_000;
const VITEST = join(ROOT, "node_modules", "vitest", "vitest.mjs");

/**
 * CPU seconds used by this process's waited-for children, from /proc on
 * Linux. On a machine shared with other work, wall time swings with the load;
 * CPU time says whether the suite itself got cheaper. Undefined elsewhere.
 */
function childrenCpuSeconds() {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    // Fields 16 and 17 of stat(5) (cutime, cstime), counted from `state` as 3.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

/** One `vitest run src` (the unit project), timed, with its test counts. */
export function runUnits() {
  const dir = mkdtempSync(join(tmpdir(), "jig-bench-tests-"));
  const output = join(dir, "results.json");
  const cpuBefore = childrenCpuSeconds();
  const started = process.hrtime.bigint();
  const result = spawnSync(
    process.execPath,
    [VITEST, "run", "src", "--reporter=json", `--outputFile=${output}`],
    { cwd: ROOT, stdio: "ignore", env: { ...process.env, NO_COLOR: "1" } },
  );
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  const cpuAfter = childrenCpuSeconds();
  const report = JSON.parse(readFileSync(output, "utf8"));
  rmSync(dir, { recursive: true, force: true });
  return {
    wall,
    cpu: cpuBefore === undefined ? undefined : cpuAfter - cpuBefore,
    passed: report.numPassedTests,
    failed: result.status === 0 ? report.numFailedTests : Math.max(1, report.numFailedTests),
  };
}

/** Median wall and CPU time of `runs` unit-test runs, against the 60 s target. */
export function benchTestSuite(runs = 3) {
  const load = loadavg()[0];
  const samples = Array.from({ length: runs }, runUnits);
  const failed = samples.find((sample) => sample.failed > 0);
  if (failed) throw new Error(`${failed.failed} unit tests failed; a failing run is not a timing`);
  const wall = median(samples.map((sample) => sample.wall));
  const cpu = samples.every((sample) => sample.cpu !== undefined)
    ? median(samples.map((sample) => sample.cpu)).toFixed(1)
    : "n/a";
  return {
    "unit tests passed": samples[0].passed,
    runs,
    "cores / load average at start": `${availableParallelism()} / ${load.toFixed(1)}`,
    "npx vitest run src (s, median)": (wall / 1000).toFixed(1),
    "npx vitest run src (s, min)": (Math.min(...samples.map((s) => s.wall)) / 1000).toFixed(1),
    "CPU of the run (s, median)": cpu,
    "median / 60 s target": (wall / TARGET_MS).toFixed(2),
    "target units <= 60 s": wall <= TARGET_MS ? "met" : "MISSED",
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(benchTestSuite(Number(process.argv[2] ?? 3)));
}
