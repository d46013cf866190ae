import { chmodSync, lstatSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { dirname, join, relative } from "node:path";
import { UsageError } from "../../core/errors.js";
import { requireWorkTreeRoot } from "../../git/index.js";
// The protocol file, not guard-client/index.ts: importing the index here would
// make the bundler wrap the hook client in a namespace helper chunk, one more
// file on the hook's per-call path.
import {
  buildStamp,
  type DaemonRequest,
  type DaemonResponse,
  exchange,
  GUARD_PID,
  guardSocketPath,
  responseHas,
} from "../guard-client/daemon-protocol.js";
import { realRepoRoot } from "../runtime/index.js";
import { createGuardDaemonHandler } from "./create-guard-daemon-handler.js";
import { fileIdentity } from "./file-identity.js";

export interface GuardDaemonOptions {
  /** Any folder inside the repository to serve. */
  cwd: string;
  version: string;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  /** Exit after this long without a request. */
  idleSeconds: number;
}

/** A started daemon, or the one that was already serving the repository. */
export type GuardDaemonStart =
  | { kind: "already-running"; pid: number }
  | {
      kind: "serving";
      pid: number;
      repoRoot: string;
      /** The socket, relative to the repository when it is inside it. */
      socket: string;
      /** Settles when the daemon has shut down and removed its socket and pid file. */
      closed: Promise<void>;
      /** Shut down now (on a signal, say). */
      stop(): void;
    };

/**
 * Serve hook requests for the repository holding `cwd` on its socket (mode
 * 0600, see guardSocketPath) until idle for `idleSeconds`, stopped, or the
 * socket is removed or replaced, e.g. by a newer daemon.
 */
export async function serveGuardDaemon(options: GuardDaemonOptions): Promise<GuardDaemonStart> {
  const repoRoot = realRepoRoot(requireWorkTreeRoot(options.cwd));
  const socketPath = guardSocketPath(repoRoot);
  prepareSocketFolder(repoRoot, socketPath);
  const running = await exchange(socketPath, { v: 1, op: "ping" }, 1000);
  if (running.kind === "answer" && responseHas(running.response, "pong"))
    return { kind: "already-running", pid: running.response.pong.pid };
  const { version, env, now } = options;
  const handler = createGuardDaemonHandler({ repoRoot, version, env, now });
  await handler.warm().catch(() => {
    // An invalid policy still gets a daemon: it denies, as the in-process hook would.
  });
  try {
    if (lstatSync(socketPath).isSocket()) unlinkSync(socketPath);
  } catch {
    // Nothing stale to remove.
  }
  const pidPath = join(repoRoot, GUARD_PID);
  let idle: NodeJS.Timeout | undefined;
  let socketIdentity = "";
  let stopped = false;
  let finished: () => void = () => {};
  const closed = new Promise<void>((settle) => {
    finished = settle;
  });
  const resetIdle = (): void => {
    if (idle) clearTimeout(idle);
    idle = setTimeout(shutdown, options.idleSeconds * 1000);
  };
  const server: Server = createServer((socket) => {
    // A client that never sends its line must not hold the daemon open.
    socket.setTimeout(5000, () => socket.destroy());
    resetIdle();
    void serveConnection(socket, handler.handle, {
      pong: () => ({ v: 1, pong: { pid: process.pid, repoRoot, stamp: buildStamp(version) } }),
      stop: shutdown,
    });
  });
  function shutdown(): void {
    if (stopped) return;
    stopped = true;
    if (idle) clearTimeout(idle);
    clearInterval(watch);
    server.close();
    // Remove the socket and pid file only while they are still this daemon's.
    if (fileIdentity(socketPath) === socketIdentity) unlinkSync(socketPath);
    try {
      if (readFileSync(pidPath, "utf8").trim() === String(process.pid)) unlinkSync(pidPath);
    } catch {
      // Already gone.
    }
    handler.close();
    finished();
  }
  await listenPrivately(server, socketPath);
  socketIdentity = fileIdentity(socketPath);
  writeFileSync(pidPath, `${process.pid}\n`, { mode: 0o600 });
  resetIdle();
  // A daemon whose socket was removed (repo deleted, .jig cleaned) or taken
  // over by a newer daemon has nobody left to serve: it exits.
  const watch = setInterval(() => {
    if (fileIdentity(socketPath) !== socketIdentity) shutdown();
  }, 1000);
  return {
    kind: "serving",
    pid: process.pid,
    repoRoot,
    socket: relativeSocket(repoRoot, socketPath),
    closed,
    stop: shutdown,
  };
}

/** `jig guard daemon --stop`: ask the repository's daemon to exit; its pid, or undefined if none ran. */
export async function stopGuardDaemon(cwd: string): Promise<number | undefined> {
  const repoRoot = realRepoRoot(requireWorkTreeRoot(cwd));
  const result = await exchange(guardSocketPath(repoRoot), { v: 1, op: "stop" }, 2000);
  return result.kind === "answer" && responseHas(result.response, "pong")
    ? result.response.pong.pid
    : undefined;
}

/** `.jig` and the socket's folder, private to this user; anything else is refused. */
function prepareSocketFolder(repoRoot: string, socketPath: string): void {
  mkdirSync(join(repoRoot, ".jig"), { recursive: true, mode: 0o700 });
  mkdirSync(dirname(socketPath), { recursive: true, mode: 0o700 });
  const folder = lstatSync(dirname(socketPath));
  if (!folder.isDirectory() || folder.uid !== process.getuid?.() || (folder.mode & 0o022) !== 0) {
    // The hook would not trust a socket there (see isTrustedSocket), so serving is pointless.
    throw new UsageError(
      `${dirname(socketPath)} must be a folder you own that nobody else can write to; the hook decides in-process until it is`,
    );
  }
}

/** Listen on `socketPath`, created 0600: only this user may ask for decisions. */
async function listenPrivately(server: Server, socketPath: string): Promise<void> {
  await new Promise<void>((settle, reject) => {
    server.once("error", reject);
    const umask = process.umask(0o177);
    try {
      server.listen(socketPath, () => settle());
    } finally {
      process.umask(umask);
    }
  });
  chmodSync(socketPath, 0o600);
}

/** One connection: read a request line, answer it, and stop the daemon when asked or stale. */
async function serveConnection(
  socket: Socket,
  handle: (request: DaemonRequest) => Promise<DaemonResponse>,
  daemon: { pong(): DaemonResponse; stop(): void },
): Promise<void> {
  const line = await readLine(socket, 16 << 20);
  let response: DaemonResponse;
  let stop = false;
  try {
    const request = JSON.parse(line ?? "") as DaemonRequest;
    stop = request?.op === "stop";
    response = stop ? daemon.pong() : await handle(request);
    if (responseHas(response, "error") && response.error === "stale") stop = true;
  } catch {
    response = { v: 1, error: "malformed request" };
  }
  socket.end(`${JSON.stringify(response)}\n`);
  if (stop) daemon.stop();
}

function readLine(socket: Socket, limit: number): Promise<string | undefined> {
  return new Promise((settle) => {
    let buffer = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      const end = buffer.indexOf("\n");
      if (end >= 0) settle(buffer.slice(0, end));
      else if (buffer.length > limit) settle(undefined);
    });
    socket.on("end", () => settle(undefined));
    socket.on("error", () => settle(undefined));
  });
}

/** The socket as the daemon's start line shows it: relative inside the repository. */
function relativeSocket(repoRoot: string, socketPath: string): string {
  const path = relative(repoRoot, socketPath);
  return path.startsWith("..") ? socketPath : path;
}
