import { spawn } from "node:child_process";
import { killProcessGroup, PROCESS_GROUPS } from "../core/kill-process-group.js";

/** How the project's test command ended. */
export interface TestCommandOutcome {
  /** Exit code; null when a signal ended it or it never started. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** The command could not be started at all (ENOENT, EACCES): its message. */
  spawnError?: string;
  /** Wall time of the child, from spawn to exit, in milliseconds. */
  durationMs: number;
  /** The last few kilobytes of stdout and stderr together, for the error message. */
  outputTail: string;
}

const TAIL_BYTES = 4096;

/**
 * Run `argv` without a shell in `cwd`. The child leads its own process group
 * so a timeout kills everything it started (a runner's workers would
 * otherwise outlive it and hold the pipes open).
 */
export function runTestCommand(input: {
  argv: readonly string[];
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  timeoutMs: number;
  signal?: AbortSignal;
}): Promise<TestCommandOutcome> {
  const started = performance.now();
  return new Promise((resolvePromise) => {
    let output = "";
    let timedOut = false;
    let settled = false;
    const child = spawn(input.argv[0] ?? "", input.argv.slice(1), {
      cwd: input.cwd,
      env: { ...input.env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: PROCESS_GROUPS,
    });
    const killGroup = () => killProcessGroup(child);
    const finish = (
      outcome: Omit<TestCommandOutcome, "durationMs" | "outputTail" | "timedOut">,
    ) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      input.signal?.removeEventListener("abort", killGroup);
      resolvePromise({
        ...outcome,
        timedOut,
        durationMs: performance.now() - started,
        outputTail: output.slice(-TAIL_BYTES),
      });
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
      // A grandchild that left the group may keep the pipes open: stop waiting soon after.
      setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        finish({ exitCode: null, signal: "SIGKILL" });
      }, 1_000).unref();
    }, input.timeoutMs);
    input.signal?.addEventListener("abort", killGroup, { once: true });
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString("utf8")).slice(-TAIL_BYTES);
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    child.on("error", (error) =>
      finish({ exitCode: null, signal: null, spawnError: error.message }),
    );
    child.on("close", (code, signal) => finish({ exitCode: code, signal }));
  });
}
