import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { killProcessGroup, PROCESS_GROUPS } from "../../core/kill-process-group.js";
import { stringifyValue } from "../render-template.js";
import {
  type Target,
  type TargetCall,
  TargetError,
  type TargetOutput,
  tail,
  varEnvName,
} from "./target.js";

export interface CommandTargetOptions {
  /** argv (run without a shell) or a shell string. */
  command: string | readonly string[];
  /** Repo root; relative `cwd` resolves against it. */
  root: string;
  cwd?: string | undefined;
  /** Base environment for the child (the CLI passes the process env). */
  env: Readonly<Record<string, string | undefined>>;
  /** Monotonic clock, ms. */
  clock?: () => number;
}

const MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

/**
 * Every command child still running, across targets. Children lead their own
 * process groups, so a terminal's Ctrl-C no longer reaches them: the CLI calls
 * `killRunningCommands` from its signal handler instead.
 */
const running = new Set<ChildProcess>();

/** SIGKILL every running command target's process group. Returns how many. */
export function killRunningCommands(): number {
  const count = running.size;
  for (const child of running) killProcessGroup(child);
  running.clear();
  return count;
}

/**
 * Runs a process per scenario: input on stdin, vars as `JIG_VAR_<NAME>`,
 * output = stdout + exit code. A non-zero exit is an output; a process that
 * cannot start, times out or dies from a signal is a `TargetError` carrying
 * its stderr tail. Commands are not retried: a hang is rarely transient.
 *
 * Each child leads its own process group, and a timeout kills the whole
 * group: a shell string's grandchild (`sleep 30` after `echo`) would
 * otherwise keep the pipes open and the run waiting long past its timeout.
 */
export function createCommandTarget(options: CommandTargetOptions): Target {
  const clock = options.clock ?? (() => performance.now());
  const cwd = resolve(options.root, options.cwd ?? ".");
  const shell = typeof options.command === "string";
  const argv = typeof options.command === "string" ? [options.command] : [...options.command];
  const live = new Set<ChildProcess>();
  return {
    kind: "command",
    call(call: TargetCall): Promise<TargetOutput> {
      const env: Record<string, string | undefined> = { ...options.env };
      for (const [name, value] of Object.entries(call.scenario.vars)) {
        env[varEnvName(name)] = stringifyValue(value);
      }
      const started = clock();
      return new Promise<TargetOutput>((resolvePromise, reject) => {
        const child = spawn(argv[0] ?? "", argv.slice(1), {
          cwd,
          env,
          shell,
          stdio: ["pipe", "pipe", "pipe"],
          detached: PROCESS_GROUPS,
        });
        live.add(child);
        running.add(child);
        const stdout: Buffer[] = [];
        let stdoutBytes = 0;
        let stderr = "";
        let timedOut = false;
        let settled = false;
        const timer = setTimeout(() => {
          timedOut = true;
          killProcessGroup(child);
          // A process outside the group (one that called setsid) may still hold
          // the pipes: stop waiting for them shortly after the kill.
          setTimeout(() => {
            if (settled) return;
            settled = true;
            live.delete(child);
            running.delete(child);
            child.stdout.destroy();
            child.stderr.destroy();
            reject(
              new TargetError(`timed out after ${call.timeoutMs} ms and was killed`, {
                transient: true,
                stderrTail: tail(stderr),
              }),
            );
          }, 1_000).unref();
        }, call.timeoutMs);
        child.stdout.on("data", (chunk: Buffer) => {
          stdoutBytes += chunk.length;
          if (stdoutBytes <= MAX_OUTPUT_BYTES) stdout.push(chunk);
        });
        child.stderr.on("data", (chunk: Buffer) => {
          stderr = (stderr + chunk.toString("utf8")).slice(-8192);
        });
        // A child that exits without reading stdin raises EPIPE; that is not our failure.
        child.stdin.on("error", () => {});
        child.stdin.end(call.input);
        child.on("error", (error) => {
          live.delete(child);
          running.delete(child);
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          reject(new TargetError(`could not start ${argv[0]}: ${error.message}`, { cause: error }));
        });
        child.on("close", (code, signal) => {
          live.delete(child);
          running.delete(child);
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          const stderrTail = tail(stderr);
          if (timedOut) {
            reject(
              new TargetError(`timed out after ${call.timeoutMs} ms and was killed`, {
                transient: true,
                stderrTail,
              }),
            );
          } else if (code === null) {
            reject(new TargetError(`killed by ${signal ?? "a signal"}`, { stderrTail }));
          } else {
            const output: TargetOutput = {
              text: Buffer.concat(stdout).toString("utf8"),
              exitCode: code,
              latencyMs: clock() - started,
            };
            if (stderrTail) output.stderrTail = stderrTail;
            resolvePromise(output);
          }
        });
      });
    },
    async close() {
      for (const child of live) {
        killProcessGroup(child);
        running.delete(child);
      }
      live.clear();
    },
  };
}
