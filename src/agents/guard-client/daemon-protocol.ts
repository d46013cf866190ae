import { lstatSync, statSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
// Deep import on purpose: core/index.ts loads YAML and zod helpers, and this
// file is on the Claude Code hook's path, which loads only Node built-ins.
import { packagePath } from "../../core/package-root.js";

/*
 * How the Claude Code hook and the warm guard daemon talk: where the socket
 * is, which sockets are trusted, one JSON line each way. Shared by the hook
 * client (ask-guard-daemon.ts) and the daemon (agents/guard-daemon/).
 */

/** The daemon's socket and pid file, relative to the repository root. */
export const GUARD_SOCKET = ".jig/guard.sock";
export const GUARD_PID = ".jig/guard.pid";
export const GUARD_LOG = ".jig/guard-daemon.log";
/** Touched when the hook starts a daemon, so concurrent hooks start only one. */
export const GUARD_SPAWN_MARK = ".jig/guard.spawn";

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
 * Which kind of response this is, by an own key: responses arrive as parsed
 * JSON, and `in` would also see keys inherited from Object.prototype.
 */
export function responseHas<K extends "output" | "error" | "pong">(
  response: DaemonResponse,
  key: K,
): response is Extract<DaemonResponse, Record<K, unknown>> {
  return Object.hasOwn(response, key);
}

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

export type Exchange =
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
