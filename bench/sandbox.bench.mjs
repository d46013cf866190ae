// `jig run --agent X -- true` (policy load, overlay, bwrap, end-of-run check)
// vs the bare bubblewrap sandbox it wraps vs plain `node -e 0`. Reports the
// sandbox's own startup overhead; no target yet, the figures are the baseline.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createChangeRepo, git, JIG, timeCommand } from "./bench-utils.mjs";

export function benchSandbox() {
  const repo = createChangeRepo({ fileCount: 200 });
  git(repo, "checkout", "-q", "main");
  const manifest =
    "name: coder\nrole: codes\npermissions:\n  tools: { allow: [Bash] }\n  files: { read: ['**'], write: ['**/*.ts'] }\n  commands: [[\"true\"]]\n";
  mkdirSync(`${repo}/agents`, { recursive: true });
  writeFileSync(`${repo}/agents/coder.yaml`, manifest);
  git(repo, "add", "-A");
  git(repo, "commit", "-q", "-m", "agent");
  const bareArgs = [
    "--die-with-parent",
    "--unshare-all",
    "--unshare-user",
    "--cap-drop",
    "ALL",
    "--disable-userns",
    "--ro-bind",
    "/",
    "/",
    "--dev",
    "/dev",
    "--proc",
    "/proc",
    "--tmpfs",
    "/tmp",
    "--bind",
    repo,
    repo,
    "--chdir",
    repo,
    "--",
    "true",
  ];
  try {
    const runs = 21;
    const node = timeCommand(process.execPath, ["-e", "0"], { runs });
    const bare = timeCommand("bwrap", bareArgs, { runs });
    // The overlay layer jig adds around bwrap: a user+mount namespace, an overlay mount, a listing.
    const scratch = mkdtempSync(join(tmpdir(), "jig-bench-overlay-"));
    const overlay = timeCommand(
      "sh",
      [
        "-c",
        'rm -rf "$1/u" "$1/w"; mkdir "$1/u" "$1/w"; exec unshare --user --map-root-user --mount -- sh -c \'mount -t overlay overlay -o "lowerdir=$1,upperdir=$2/u,workdir=$2/w,userxattr" "$1" && shift 2 && "$@"\' sh "$2" "$1" "$@"',
        "sh",
        scratch,
        repo,
        "bwrap",
        ...bareArgs,
      ],
      { runs },
    );
    rmSync(scratch, { recursive: true, force: true });
    const jig = timeCommand(process.execPath, [JIG, "run", "--agent", "coder", "--", "true"], {
      cwd: repo,
      runs,
    });
    // JIG_BASELINE_BIN=/path/to/other/bin/jig.js compares with another build (e.g. main).
    const baseline = process.env.JIG_BASELINE_BIN
      ? timeCommand(
          process.execPath,
          [process.env.JIG_BASELINE_BIN, "run", "--agent", "coder", "--", "true"],
          { cwd: repo, runs },
        )
      : undefined;
    return {
      "node -e 0 (ms, median)": node.median.toFixed(1),
      "bare bwrap -- true (ms, median)": bare.median.toFixed(1),
      "overlay + bare bwrap (ms, median)": overlay.median.toFixed(1),
      "jig run -- true (ms, median)": jig.median.toFixed(1),
      ...(baseline && {
        [`baseline ${process.env.JIG_BASELINE_BIN} run -- true (ms, median)`]:
          baseline.median.toFixed(1),
      }),
      "jig run overhead over bare bwrap (ms)": (jig.median - bare.median).toFixed(1),
      "jig run / node -e 0": (jig.median / node.median).toFixed(2),
    };
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(benchSandbox());
