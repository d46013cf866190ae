// `jig --version` cold start vs plain `node -e 0`. Target: median <= 150 ms.
import { JIG, timeCommand } from "./bench-utils.mjs";

export function benchStartup() {
  const node = timeCommand(process.execPath, ["-e", "0"], { runs: 21 });
  const jig = timeCommand(process.execPath, [JIG, "--version"], { runs: 21 });
  const help = timeCommand(process.execPath, [JIG, "--help"], { runs: 21 });
  return {
    "node -e 0 (ms, median)": node.median.toFixed(1),
    "jig --version (ms, median)": jig.median.toFixed(1),
    "jig --help (ms, median)": help.median.toFixed(1),
    "jig --version / node -e 0": (jig.median / node.median).toFixed(2),
    "target jig --version <= 150 ms": jig.median <= 150 ? "met" : "MISSED",
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(benchStartup());
