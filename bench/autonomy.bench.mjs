// Autonomy benchmarks on the simulated history (bench/simulate-history.mjs:
// 300 commits, 270 judged runs, 2,040 recorded decisions over 3 agents and 5
// domains). Target: `jig autonomy status` median <= 300 ms. Also reported:
// its ratio to `node -e 0` and `jig --version`, and `jig autonomy sync`
// (first over the history, then again with nothing new).
// Run after `npm run build`: node bench/autonomy.bench.mjs
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { JIG, median, timeCommand } from "./bench-utils.mjs";
import { simulateHistory } from "./simulate-history.mjs";

const STATUS_TARGET_MS = 300;

export async function benchAutonomy() {
  const built = performance.now();
  const history = await simulateHistory();
  const simulateMs = performance.now() - built;
  const configHome = mkdtempSync(join(tmpdir(), "jig-bench-autonomy-config-"));
  const env = { XDG_CONFIG_HOME: configHome };
  try {
    // Sync from scratch each time on a copy, so every sample does the whole walk.
    const firstSync = [];
    for (let i = 0; i < 5; i += 1) {
      const copy = mkdtempSync(join(tmpdir(), "jig-bench-autonomy-copy-"));
      cpSync(history.dir, copy, { recursive: true });
      firstSync.push(
        timeCommand(process.execPath, [JIG, "autonomy", "sync"], {
          cwd: copy,
          runs: 1,
          warmup: 0,
          env,
        }).median,
      );
      rmSync(copy, { recursive: true, force: true });
    }
    timeCommand(process.execPath, [JIG, "autonomy", "sync"], {
      cwd: history.dir,
      runs: 1,
      warmup: 0,
      env,
    });
    const resync = timeCommand(process.execPath, [JIG, "autonomy", "sync"], {
      cwd: history.dir,
      runs: 7,
      env,
    });
    const status = timeCommand(process.execPath, [JIG, "autonomy", "status"], {
      cwd: history.dir,
      env,
    });
    const statusJson = timeCommand(
      process.execPath,
      [JIG, "autonomy", "status", "--format", "json"],
      {
        cwd: history.dir,
        env,
      },
    );
    const node = timeCommand(process.execPath, ["-e", "0"], { cwd: history.dir });
    const version = timeCommand(process.execPath, [JIG, "--version"], { cwd: history.dir });
    return {
      decisions: history.decisions,
      commits: history.commits,
      judgedRuns: history.judged.length,
      simulateMs,
      firstSyncMs: median(firstSync),
      resyncMs: resync.median,
      statusMs: status.median,
      statusJsonMs: statusJson.median,
      nodeMs: node.median,
      versionMs: version.median,
    };
  } finally {
    rmSync(history.dir, { recursive: true, force: true });
    rmSync(configHome, { recursive: true, force: true });
  }
}

const r = await benchAutonomy();
const ms = (value) => `${value.toFixed(0)} ms`;
console.log(
  `simulated history: ${r.commits} commits, ${r.judgedRuns} judged runs, ${r.decisions} recorded decisions (built in ${ms(r.simulateMs)})`,
);
console.log(`jig autonomy sync, first walk: median ${ms(r.firstSyncMs)} (5 fresh copies)`);
console.log(`jig autonomy sync, nothing new: median ${ms(r.resyncMs)}`);
console.log(
  `jig autonomy status: median ${ms(r.statusMs)} (target <= ${STATUS_TARGET_MS} ms): ${(r.statusMs / r.nodeMs).toFixed(2)}x node -e 0 (${ms(r.nodeMs)}), ${(r.statusMs / r.versionMs).toFixed(2)}x jig --version (${ms(r.versionMs)})`,
);
console.log(`jig autonomy status --format json: median ${ms(r.statusJsonMs)}`);
// Wall times scale with the machine's load; the ratios to node -e 0 and jig --version do not.
console.log(
  `load average: ${loadavg()
    .map((value) => value.toFixed(1))
    .join(" ")}`,
);
if (r.statusMs > STATUS_TARGET_MS) {
  console.log(`FAIL: jig autonomy status median ${ms(r.statusMs)} > ${STATUS_TARGET_MS} ms`);
  process.exitCode = 1;
}
