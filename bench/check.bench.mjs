// `jig check` with only deterministic layers on a 50-file and a 2,000-file change,
// compared in the same run with `git diff` of the same range (the floor: jig must read it)
// and with `node -e 0` (process start). Target: 50 files <= 500 ms.
import { rmSync } from "node:fs";
import { createChangeRepo, JIG, timeCommand } from "./bench-utils.mjs";

export function benchCheck({ sizes = [50, 2000] } = {}) {
  const node = timeCommand(process.execPath, ["-e", "0"], { runs: 11 });
  const rows = {};
  for (const fileCount of sizes) {
    const dir = createChangeRepo({ fileCount });
    try {
      const runs = fileCount > 500 ? 7 : 15;
      const gitDiff = timeCommand("git", ["diff", "main...HEAD"], { cwd: dir, runs });
      const check = timeCommand(
        process.execPath,
        [JIG, "check", "--base", "main", "--head", "HEAD"],
        {
          cwd: dir,
          runs,
        },
      );
      const checkWorkingTree = timeCommand(process.execPath, [JIG, "check"], { cwd: dir, runs });
      rows[`${fileCount} files`] = {
        "git diff (ms)": gitDiff.median.toFixed(1),
        "jig check --head HEAD (ms)": check.median.toFixed(1),
        "jig check, with working tree (ms)": checkWorkingTree.median.toFixed(1),
        "check - node start (ms)": (check.median - node.median).toFixed(1),
        "check / git diff": (check.median / gitDiff.median).toFixed(2),
        target:
          fileCount === 50
            ? check.median <= 500
              ? "<= 500 ms: met"
              : "<= 500 ms: MISSED"
            : "report",
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { nodeStartMs: node.median.toFixed(1), rows };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = benchCheck();
  console.log(`node -e 0: ${result.nodeStartMs} ms (median)`);
  console.table(result.rows);
}
