import {
  closeSync,
  existsSync,
  lstatSync,
  openSync,
  realpathSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { createConnection } from "node:net";
import { homedir, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { Readable } from "node:stream";
import { packagePath } from "../../core/package-root.js";
import type { CliContext } from "../cli-context.js";

// The Claude Code hook runs once per tool call, so this module is loaded
// before commander and every command module (see main.ts) and imports only
// Node built-ins: its job is to hand the event to the warm guard daemon.

/** The daemon's socket and pid file, relative to the repository root. */
export const GUARD_SOCKET = ".jig/guard.sock";
export const GUARD_PID = ".jig/guard.pid";
export const GUARD_LOG = ".jig/guard-daemon.log";
const SPAWN_MARK = ".jig/guard.spawn";

/** sockaddr_un holds 108 bytes including the NUL. */
export const MAX_SOCKET_PATH = 107;

/**
 * Where the daemon listens: `.jig/guard.sock` in the repository, or, when
 * that path is longer than a unix socket path may be, a socket named by a
 * hash of the repository root in this user's `jig-<uid>` folder under the
 * temp dir. Only this user can create files there, and the daemon refuses
 * requests for another repository, so the hash need not be cryptographic:
 * loading node:crypto would cost every hook call about 3 ms.
 */
export function guardSocketPath(repoRoot: string, temp = tmpdir()): string {
  const inRepo = join(repoRoot, GUARD_SOCKET);
  if (inRepo.length <= MAX_SOCKET_PATH) return inRepo;
  return join(temp, `jig-${process.getuid?.() ?? "user"}`, `guard-${fnv1a64(repoRoot)}.sock`);
}

/** 64-bit FNV-1a of a string's UTF-16 code units, as 16 hex digits (two 32-bit lanes). */
function fnv1a64(text: string): string {
  let low = 0x811c9dc5;
  let high = 0xcbf29ce4;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    low = Math.imul(low ^ code, 0x01000193) >>> 0;
    high = Math.imul(high ^ code ^ (low >>> 7), 0x01000193) >>> 0;
  }
  return low.toString(16).padStart(8, "0") + high.toString(16).padStart(8, "0");
}

/** How long the hook waits for the daemon's answer before deciding in-process. */
export const ANSWER_TIMEOUT_MS = 2000;

/** One request on the daemon's socket: a JSON line. */
export type DaemonRequest =
  | {
      v: 1;
      op: "hook";
      /** Must equal the daemon's own stamp: a daemon from another build never answers. */
      stamp: string;
      repoRoot: string;
      cwd: string;
      agent: string;
      home: string;
      jigSpec?: string;
      /** The hook event exactly as read from stdin. */
      input: string;
    }
  | { v: 1; op: "ping" | "stop" };

/** The daemon's reply, one JSON line. `error` makes the hook decide in-process. */
export type DaemonResponse =
  | { v: 1; output: string }
  | { v: 1; error: string }
  | { v: 1; pong: { pid: number; repoRoot: string; stamp: string } };

/**
 * Identifies the code that decides: jig's version plus the build time of the
 * bundled CLI, so a daemon left running across a rebuild or upgrade refuses
 * requests (and exits) instead of answering with old code.
 */
export function buildStamp(version: string): string {
  let built = "src";
  try {
    built = String(statSync(packagePath("dist", "bundle", "cli", "main.mjs")).mtimeMs);
  } catch {
    // Running from source (tests): the version alone identifies the code.
  }
  return `${version}:${built}`;
}

/** The top of the work tree holding `cwd` (realpath), or undefined outside a repository. */
export function findRepoRoot(cwd: string): string | undefined {
  let current = resolve(cwd);
  for (;;) {
    if (existsSync(join(current, ".git"))) {
      try {
        return realpathSync(current);
      } catch {
        return undefined;
      }
    }
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/**
 * Whether the socket may be trusted with a security decision: a socket owned
 * by this user, mode 0600, in a directory (`.jig`, or the `jig-<uid>` temp
 * folder) this user owns and nobody else can write to, so nobody else can
 * swap it. Anything else is ignored, never connected to.
 */
export function isTrustedSocket(socketPath: string): "trusted" | "missing" | "untrusted" {
  const uid = process.getuid?.();
  if (uid === undefined) return "untrusted";
  try {
    const dir = lstatSync(dirname(socketPath));
    if (!dir.isDirectory() || dir.uid !== uid || (dir.mode & 0o022) !== 0) return "untrusted";
    const socket = lstatSync(socketPath);
    if (!socket.isSocket() || socket.uid !== uid || (socket.mode & 0o077) !== 0) return "untrusted";
    return "trusted";
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? "missing" : "untrusted";
  }
}

/** A complete PreToolUse answer, re-serialised, or undefined when `text` is anything else. */
export function validHookOutput(text: unknown): string | undefined {
  if (typeof text !== "string") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const outer = value as { hookSpecificOutput?: Record<string, unknown> } | null;
  const inner = outer?.hookSpecificOutput;
  if (typeof outer !== "object" || Object.keys(outer as object).length !== 1) return undefined;
  if (typeof inner !== "object" || inner === null || Object.keys(inner).length !== 3)
    return undefined;
  const decision = inner.permissionDecision;
  if (inner.hookEventName !== "PreToolUse") return undefined;
  if (decision !== "allow" && decision !== "deny" && decision !== "ask") return undefined;
  if (typeof inner.permissionDecisionReason !== "string") return undefined;
  return `${JSON.stringify({
    hookSpecificOutput: {
      hookEventName: "PreToolUse",
      permissionDecision: decision,
      permissionDecisionReason: inner.permissionDecisionReason,
    },
  })}\n`;
}

type Exchange =
  | { kind: "answer"; response: DaemonResponse }
  | { kind: "absent" }
  | { kind: "failed"; why: string };

/**
 * One request/response on the daemon's socket. A missing or refused socket
 * fails at once; a daemon that does not answer within `timeoutMs` counts as
 * failed, and so does anything that is not one JSON line.
 */
export function exchange(
  socketPath: string,
  request: DaemonRequest,
  timeoutMs: number,
): Promise<Exchange> {
  return new Promise((settle) => {
    let buffer = "";
    let done = false;
    const socket = createConnection(socketPath);
    const finish = (result: Exchange): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      settle(result);
    };
    const timer = setTimeout(() => finish({ kind: "failed", why: "timeout" }), timeoutMs);
    socket.setEncoding("utf8");
    socket.on("connect", () => socket.write(`${JSON.stringify(request)}\n`));
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      const end = buffer.indexOf("\n");
      if (end < 0) {
        if (buffer.length > 1 << 20) finish({ kind: "failed", why: "oversized answer" });
        return;
      }
      try {
        const response = JSON.parse(buffer.slice(0, end)) as DaemonResponse;
        if (typeof response !== "object" || response === null || response.v !== 1)
          finish({ kind: "failed", why: "malformed answer" });
        else finish({ kind: "answer", response });
      } catch {
        finish({ kind: "failed", why: "malformed answer" });
      }
    });
    socket.on("error", (error: NodeJS.ErrnoException) =>
      finish(
        error.code === "ENOENT" || error.code === "ECONNREFUSED"
          ? { kind: "absent" }
          : { kind: "failed", why: error.code ?? error.message },
      ),
    );
    socket.on("close", () => finish({ kind: "failed", why: "closed without an answer" }));
  });
}

/** The `--agent` value when `args` are exactly `--agent NAME` or `--agent=NAME`. */
function agentArgument(args: readonly string[]): string | undefined {
  const [first, second] = args;
  if (args.length === 2 && first === "--agent" && second && !second.startsWith("-")) return second;
  if (args.length === 1 && first?.startsWith("--agent=") && first.length > 8) return first.slice(8);
  return undefined;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Start the daemon for `repoRoot` in the background, at most once every few
 * seconds (concurrent hooks would otherwise all start one). Its output goes
 * to `.jig/guard-daemon.log`. Failing to start is harmless: the hook already
 * decides in-process.
 */
export async function spawnGuardDaemon(repoRoot: string, env: NodeJS.ProcessEnv): Promise<void> {
  const mark = join(repoRoot, SPAWN_MARK);
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

/**
 * The hook's fast path: ask the repository's warm guard daemon, and print
 * its answer. Returns the exit code when the daemon answered, or undefined
 * so the caller runs the in-process hook (with stdin already read and handed
 * back through `context.stdin`). It never decides anything itself: every
 * failure falls back to the in-process guard, which fails closed. Set
 * JIG_GUARD_DAEMON=off to skip the daemon entirely.
 */
export async function tryGuardDaemon(
  args: readonly string[],
  context: CliContext,
): Promise<number | undefined> {
  if (context.env.JIG_GUARD_DAEMON === "off") return undefined;
  const agent = agentArgument(args);
  if (agent === undefined) return undefined;
  const debug = Boolean(context.env.JIG_DEBUG && context.env.JIG_DEBUG !== "0");
  const fallBack = (why: string): undefined => {
    if (debug) context.stderr.write(`jig guard: daemon ${why}; deciding in-process\n`);
    return undefined;
  };
  const input = await readAll(context.stdin);
  context.stdin = Readable.from([Buffer.from(input)]);
  let cwd = context.cwd;
  try {
    const event = JSON.parse(input) as { cwd?: unknown } | null;
    if (typeof event?.cwd === "string") cwd = event.cwd;
  } catch {
    // The daemon denies unparseable input exactly as the in-process hook does.
  }
  const repoRoot = findRepoRoot(cwd);
  if (repoRoot === undefined) return undefined;
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
            stamp: buildStamp(context.version),
            repoRoot,
            cwd: context.cwd,
            agent,
            home: context.env.HOME ?? homedir(),
            ...(context.env.JIG_SPEC !== undefined ? { jigSpec: context.env.JIG_SPEC } : {}),
            input,
          },
          ANSWER_TIMEOUT_MS,
        );
  if (result.kind === "absent") {
    await spawnGuardDaemon(repoRoot, context.env);
    return fallBack("not running (starting it)");
  }
  if (result.kind === "failed") return fallBack(`failed (${result.why})`);
  if ("error" in result.response) return fallBack(`declined (${result.response.error})`);
  const output = "output" in result.response ? validHookOutput(result.response.output) : undefined;
  if (output === undefined) return fallBack("gave a malformed answer");
  if (debug) context.stderr.write("jig guard: answered by the daemon\n");
  context.stdout.write(output);
  return 0;
}
