import { closeSync, openSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
// Deep imports on purpose: this file runs on every Claude Code tool call,
// before commander loads, and must pull in nothing but Node built-ins and
// these small files (core/index.ts and git/index.ts load YAML, zod, git).
import { packagePath } from "../../core/package-root.js";
import { readStreamText } from "../../core/read-stream-text.js";
import { hasPendingAsk } from "../pending-ask-marker.js";
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
import { resolveHookRoot } from "./resolve-hook-root.js";

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
  if (options.args.includes("--post")) return answerPostFast(options);
  if (env.JIG_GUARD_DAEMON === "off") return declined;
  const hook = hookArguments(options.args);
  if (hook === undefined) return declined;
  const { agent } = hook;
  const debug = Boolean(env.JIG_DEBUG && env.JIG_DEBUG !== "0");
  const input = await readStreamText(options.stdin);
  const replay = { kind: "declined", stdin: Readable.from([Buffer.from(input)]) } as const;
  const fallBack = (why: string): GuardDaemonAnswer => {
    if (debug) options.debug(`jig guard: daemon ${why}; deciding in-process\n`);
    return replay;
  };
  // The same root the in-process hook would judge by, never the event's cwd.
  const located = resolveHookRoot({ root: hook.root, env, cwd: options.cwd });
  if (!located.ok) return replay;
  const repoRoot = located.root;
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

/**
 * PostToolUse follows every tool call, and only one jig answered `ask`
 * matters to it. Those leave a marker (see markPendingAsk); without one the
 * event is answered here with nothing, before commander or SQLite load.
 */
async function answerPostFast(options: AskGuardDaemonOptions): Promise<GuardDaemonAnswer> {
  const input = await readStreamText(options.stdin);
  const replay = { kind: "declined", stdin: Readable.from([Buffer.from(input)]) } as const;
  const args = options.args.filter((arg) => arg !== "--post");
  const hook = hookArguments(args);
  const located = resolveHookRoot({ root: hook?.root, env: options.env, cwd: options.cwd });
  let toolUseId: unknown;
  try {
    toolUseId = (JSON.parse(input) as { tool_use_id?: unknown })?.tool_use_id;
  } catch {
    // Not an event jig can read: nothing to record.
  }
  if (!located.ok || typeof toolUseId !== "string") return { kind: "answered", output: "" };
  return hasPendingAsk(located.root, toolUseId) ? replay : { kind: "answered", output: "" };
}

/**
 * `--agent NAME` and an optional `--root DIR` (each also as `--flag=value`),
 * in any order; anything else is left to commander, in-process.
 */
function hookArguments(args: readonly string[]): { agent: string; root?: string } | undefined {
  const values = new Map<string, string>();
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    const equals = arg.indexOf("=");
    const flag = equals > 0 ? arg.slice(0, equals) : arg;
    if ((flag !== "--agent" && flag !== "--root") || values.has(flag)) return undefined;
    const value = equals > 0 ? arg.slice(equals + 1) : args[++index];
    if (value === undefined || value.startsWith("-")) return undefined;
    values.set(flag, value);
  }
  const agent = values.get("--agent");
  if (!agent) return undefined;
  const root = values.get("--root");
  return root === undefined ? { agent } : { agent, root };
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
