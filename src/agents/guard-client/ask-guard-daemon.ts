import { closeSync, openSync, realpathSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
// Deep imports on purpose: this file runs on every Claude Code tool call,
// before commander loads, and must pull in nothing but Node built-ins and
// these small files (core/index.ts and git/index.ts load YAML, zod, git).
import { packagePath } from "../../core/package-root.js";
import { readStreamText } from "../../core/read-stream-text.js";
import { findWorkTreeRoot } from "../../git/find-work-tree-root.js";
import {
  ANSWER_TIMEOUT_MS,
  buildStamp,
  exchange,
  GUARD_LOG,
  GUARD_SPAWN_MARK,
  guardSocketPath,
  isTrustedSocket,
  responseHas,
  validHookOutput,
} from "./daemon-protocol.js";

/** What the hook's fast path got: the daemon's answer, or stdin to decide in-process with. */
export type GuardDaemonAnswer =
  | { kind: "answered"; output: string }
  | {
      kind: "declined";
      /** The hook event, replayed when the fast path already read it. */
      stdin: NodeJS.ReadableStream;
    };

export interface AskGuardDaemonOptions {
  /** `jig guard claude-hook`'s own arguments. */
  args: readonly string[];
  stdin: NodeJS.ReadableStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
  version: string;
  /** Where the JIG_DEBUG line explaining each fallback goes. */
  debug: (line: string) => void;
}

/**
 * The hook's fast path: ask the repository's warm guard daemon. It never
 * decides anything itself: every failure is "declined", and the caller runs
 * the in-process guard, which fails closed. A missing daemon is started in
 * the background for the next call. JIG_GUARD_DAEMON=off skips the daemon.
 */
export async function askGuardDaemon(options: AskGuardDaemonOptions): Promise<GuardDaemonAnswer> {
  const { env } = options;
  const declined = { kind: "declined", stdin: options.stdin } as const;
  if (env.JIG_GUARD_DAEMON === "off") return declined;
  const agent = agentArgument(options.args);
  if (agent === undefined) return declined;
  const debug = Boolean(env.JIG_DEBUG && env.JIG_DEBUG !== "0");
  const input = await readStreamText(options.stdin);
  const replay = { kind: "declined", stdin: Readable.from([Buffer.from(input)]) } as const;
  const fallBack = (why: string): GuardDaemonAnswer => {
    if (debug) options.debug(`jig guard: daemon ${why}; deciding in-process\n`);
    return replay;
  };
  const repoRoot = repoRootOf(eventCwd(input) ?? options.cwd);
  if (repoRoot === undefined) return replay;
  const socketPath = guardSocketPath(repoRoot);
  const trust = isTrustedSocket(socketPath);
  if (trust === "untrusted") return fallBack("socket is not owned by this user with mode 0600");
  const result =
    trust === "missing"
      ? ({ kind: "absent" } as const)
      : await exchange(
          socketPath,
          {
            v: 1,
            op: "hook",
            stamp: buildStamp(options.version),
            repoRoot,
            cwd: options.cwd,
            agent,
            home: env.HOME ?? homedir(),
            ...(env.JIG_SPEC !== undefined ? { jigSpec: env.JIG_SPEC } : {}),
            input,
          },
          ANSWER_TIMEOUT_MS,
        );
  if (result.kind === "absent") {
    await spawnGuardDaemon(repoRoot, env);
    return fallBack("not running (starting it)");
  }
  if (result.kind === "failed") return fallBack(`failed (${result.why})`);
  if (responseHas(result.response, "error")) return fallBack(`declined (${result.response.error})`);
  const output = responseHas(result.response, "output")
    ? validHookOutput(result.response.output)
    : undefined;
  if (output === undefined) return fallBack("gave a malformed answer");
  if (debug) options.debug("jig guard: answered by the daemon\n");
  return { kind: "answered", output };
}

/** The `--agent` value when `args` are exactly `--agent NAME` or `--agent=NAME`. */
function agentArgument(args: readonly string[]): string | undefined {
  const [first, second] = args;
  if (args.length === 2 && first === "--agent" && second && !second.startsWith("-")) return second;
  if (args.length === 1 && first?.startsWith("--agent=") && first.length > 8) return first.slice(8);
  return undefined;
}

/** The event's own `cwd`; the daemon denies unparseable input exactly as the in-process hook does. */
function eventCwd(input: string): string | undefined {
  try {
    const event = JSON.parse(input) as { cwd?: unknown } | null;
    return typeof event?.cwd === "string" ? event.cwd : undefined;
  } catch {
    return undefined;
  }
}

/** The work tree holding `cwd` (realpath, as the daemon keys on it), or undefined outside one. */
function repoRootOf(cwd: string): string | undefined {
  const root = findWorkTreeRoot(cwd);
  if (root === undefined) return undefined;
  try {
    return realpathSync(root);
  } catch {
    return undefined;
  }
}

/**
 * Start the daemon for `repoRoot` in the background, at most once every few
 * seconds (concurrent hooks would otherwise all start one). Its output goes
 * to `.jig/guard-daemon.log`. Failing to start is harmless: the hook already
 * decides in-process.
 */
export async function spawnGuardDaemon(repoRoot: string, env: NodeJS.ProcessEnv): Promise<void> {
  const mark = join(repoRoot, GUARD_SPAWN_MARK);
  try {
    if (Date.now() - statSync(mark).mtimeMs < 5000) return;
  } catch {
    // No recent start.
  }
  try {
    try {
      const now = new Date();
      utimesSync(mark, now, now);
    } catch {
      writeFileSync(mark, "", { mode: 0o600 });
    }
    const log = openSync(join(repoRoot, GUARD_LOG), "a", 0o600);
    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, [packagePath("bin", "jig.js"), "guard", "daemon"], {
      cwd: repoRoot,
      env,
      detached: true,
      stdio: ["ignore", log, log],
    });
    child.unref();
    closeSync(log);
  } catch {
    // .jig not writable, or no bin/jig.js: stay in-process.
  }
}
