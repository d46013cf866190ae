import { createHash } from "node:crypto";
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { homedir } from "node:os";
import { dirname, join, relative } from "node:path";
import {
  type ApprovalStore,
  type AuditLog,
  canonicalizeCall,
  createApprovalStore,
  createAuditLog,
  createGuard,
  createMessageStore,
  createPolicyEngine,
  createScopeIndex,
  type GuardSettings,
  hookToolCall,
  type MessageStore,
  type PolicyEngine,
  parseHookInput,
  policyInputs,
  realRepoRoot,
  renderHookFailure,
  renderHookOutput,
  unreadableHookRecord,
} from "../../agents/runtime/index.js";
import { UsageError } from "../../core/index.js";
import { type JigDatabase, openJigDatabase } from "../../store/index.js";
import type { CliContext } from "../cli-context.js";
import {
  buildStamp,
  type DaemonRequest,
  type DaemonResponse,
  exchange,
  GUARD_PID,
  guardSocketPath,
} from "./guard-hook-client.js";
import { buildSnapshot, findWorkTreeRoot, isSpecApproved, storePath } from "./guard-setup.js";

/** The policy half of the daemon's state: rebuilt when config or agents/ change. */
interface PolicyState {
  fingerprint: string;
  settings: GuardSettings;
  engine: PolicyEngine;
}

/** The store half: reopened when the database file is replaced or moved. */
interface StoreState {
  identity: string;
  db: JigDatabase;
  audit: AuditLog;
  approvals: ApprovalStore;
  messages: MessageStore;
}

export interface GuardDaemonHandler {
  /** Answer one request exactly as `jig guard claude-hook` would in-process. */
  handle(request: DaemonRequest): Promise<DaemonResponse>;
  /** Load the policy and compile Cedar's wasm before the first request arrives. */
  warm(): Promise<void>;
  close(): void;
}

/**
 * Config and every agents/ file by content, so an edit is seen on the very
 * next call even when size and mtime are unchanged (the in-process snapshot
 * cache keys on those and can miss an edit inside one clock tick).
 */
export function policyFingerprint(repoRoot: string, agentsDir: string): string {
  const hash = createHash("sha256");
  const { header, files } = policyInputs(repoRoot, agentsDir);
  const [config, ...agents] = files;
  const add = ({ label, path }: { label: string; path: string }): void => {
    try {
      hash.update(`\n${label}\n`).update(readFileSync(path));
    } catch (error) {
      hash.update(`\n${label}:${(error as NodeJS.ErrnoException).code ?? "unreadable"}`);
    }
  };
  if (config) add(config);
  hash.update(`\n${header}`);
  for (const file of agents) add(file);
  return hash.digest("hex");
}

function fileIdentity(path: string): string {
  try {
    const stat = statSync(path);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return "missing";
  }
}

/**
 * The daemon's request handler, without the socket: it keeps the pre-parsed
 * Cedar set and the SQLite stores open, and checks before every request that
 * neither the policy files nor the database changed underneath it.
 * Approvals need no check: they are read from SQLite on every call.
 */
export function createGuardDaemonHandler(options: {
  repoRoot: string;
  version: string;
  env: NodeJS.ProcessEnv;
  now: () => Date;
}): GuardDaemonHandler {
  const { repoRoot, version, env, now } = options;
  const home = env.HOME ?? homedir();
  const stamp = buildStamp(version);
  let policy: PolicyState | undefined;
  let loading: { fingerprint: string; promise: Promise<PolicyState> } | undefined;
  let store: StoreState | undefined;
  // Superseded databases close a little later: a request may still hold one.
  const retire = (db: JigDatabase): void => {
    setTimeout(() => db.close(), 5000).unref();
  };

  const currentPolicy = (): Promise<PolicyState> => {
    const fingerprint = policyFingerprint(repoRoot, policy?.settings.agentsDir ?? "agents");
    if (policy?.fingerprint === fingerprint) return Promise.resolve(policy);
    if (loading?.fingerprint === fingerprint) return loading.promise;
    const promise = (async (): Promise<PolicyState> => {
      const snapshot = await buildSnapshot(repoRoot, version, env);
      const settings = snapshot.settings;
      const scopes = createScopeIndex(snapshot.manifests, {
        home,
        specExempt: settings.specExempt,
      });
      const engine = await createPolicyEngine(snapshot.compiled, scopes);
      // The config may have moved agents.dir: key the state on the files it now names.
      return { fingerprint: policyFingerprint(repoRoot, settings.agentsDir), settings, engine };
    })();
    loading = { fingerprint, promise };
    promise.then(
      (state) => {
        if (loading?.promise === promise) {
          loading = undefined;
          policy = state;
        }
      },
      () => {
        // A policy that fails to load is never kept: every request retries, and denies meanwhile.
        if (loading?.promise === promise) loading = undefined;
        policy = undefined;
      },
    );
    return promise;
  };

  const currentStore = (settings: GuardSettings): StoreState => {
    const path = storePath(repoRoot, settings.storePath);
    const identity = `${path}@${fileIdentity(path)}`;
    if (store?.identity === identity) return store;
    if (store) retire(store.db);
    store = undefined;
    const db = openJigDatabase(path);
    store = {
      identity: `${path}@${fileIdentity(path)}`,
      db,
      audit: createAuditLog(db),
      approvals: createApprovalStore(db, { ttlMinutes: settings.approvalTtlMinutes }),
      messages: createMessageStore(db),
    };
    return store;
  };

  const answer = async (request: Extract<DaemonRequest, { op: "hook" }>): Promise<string> => {
    const input = parseHookInput(request.input);
    const state = await currentPolicy();
    const { settings } = state;
    const stores = currentStore(settings);
    if (!input.ok) {
      stores.audit.append(unreadableHookRecord(request.agent, request.input, input.reason, now()));
      return renderHookOutput({ decision: "deny", reason: input.reason });
    }
    const guard = createGuard({
      engine: state.engine,
      base: { repoRoot, cwd: repoRoot, home },
      now,
      adapter: "claude-hook",
      audit: stores.audit,
      approvals: stores.approvals,
      specApproved: isSpecApproved(repoRoot, settings.specsDir, request.jigSpec),
      delegation: (agent) => stores.messages.actingOnBehalfOf(agent),
    });
    return renderHookOutput(guard.check(hookToolCall(request.agent, input)));
  };

  return {
    async handle(request) {
      if (request.op === "ping") return { v: 1, pong: { pid: process.pid, repoRoot, stamp } };
      if (request.op !== "hook") return { v: 1, error: `unknown op ${String(request.op)}` };
      if (request.stamp !== stamp) return { v: 1, error: "stale" };
      // Requests the daemon cannot answer like the in-process hook go back to it.
      if (request.home !== home) return { v: 1, error: "another HOME" };
      if (typeof request.input !== "string" || typeof request.agent !== "string")
        return { v: 1, error: "malformed request" };
      const input = parseHookInput(request.input);
      // An unreadable event is still audited, so it must belong to this repository too.
      let root: string;
      try {
        root = realRepoRoot(findWorkTreeRoot((input.ok ? input.cwd : undefined) ?? request.cwd));
      } catch {
        return { v: 1, error: "not in a repository" };
      }
      if (root !== repoRoot) return { v: 1, error: "another repository" };
      try {
        return { v: 1, output: await answer(request) };
      } catch (error) {
        return { v: 1, output: renderHookFailure(error) };
      }
    },
    async warm() {
      const state = await currentPolicy();
      const call = canonicalizeCall(
        { agent: "jig-warm-up", tool: "Read", input: { file_path: "README.md" } },
        { repoRoot, cwd: repoRoot, home },
      );
      if (call.ok) state.engine.decide(call.call, { specApproved: true });
      currentStore(state.settings);
    },
    close() {
      store?.db.close();
      store = undefined;
    },
  };
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

/**
 * `jig guard daemon`: serve hook requests for the repository holding `cwd`
 * on its socket (mode 0600, see guardSocketPath) until idle for `idleSeconds`, stopped, or
 * its socket is removed or replaced. Resolves with the exit code.
 */
export async function runGuardDaemon(
  context: CliContext,
  options: { idleSeconds: number },
): Promise<number> {
  const repoRoot = realRepoRoot(findWorkTreeRoot(context.cwd));
  const socketPath = guardSocketPath(repoRoot);
  const pidPath = join(repoRoot, GUARD_PID);
  mkdirSync(join(repoRoot, ".jig"), { recursive: true, mode: 0o700 });
  mkdirSync(dirname(socketPath), { recursive: true, mode: 0o700 });
  const folder = lstatSync(dirname(socketPath));
  if (!folder.isDirectory() || folder.uid !== process.getuid?.() || (folder.mode & 0o022) !== 0) {
    // The hook would not trust a socket there (see isTrustedSocket), so serving is pointless.
    throw new UsageError(
      `${dirname(socketPath)} must be a folder you own that nobody else can write to; the hook decides in-process until it is`,
    );
  }
  const running = await exchange(socketPath, { v: 1, op: "ping" }, 1000);
  if (running.kind === "answer" && "pong" in running.response) {
    context.stdout.write(`jig guard daemon already running (pid ${running.response.pong.pid})\n`);
    return 0;
  }
  const handler = createGuardDaemonHandler({
    repoRoot,
    version: context.version,
    env: context.env,
    now: context.now,
  });
  await handler.warm().catch(() => {
    // An invalid policy still gets a daemon: it denies, as the in-process hook would.
  });
  try {
    if (lstatSync(socketPath).isSocket()) unlinkSync(socketPath);
  } catch {
    // Nothing stale to remove.
  }

  let idle: NodeJS.Timeout | undefined;
  let finished: (code: number) => void = () => {};
  const done = new Promise<number>((settle) => {
    finished = settle;
  });
  const server: Server = createServer((socket) => {
    // A client that never sends its line must not hold the daemon open.
    socket.setTimeout(5000, () => socket.destroy());
    resetIdle();
    void serve(socket);
  });
  const serve = async (socket: Socket): Promise<void> => {
    const line = await readLine(socket, 16 << 20);
    let response: DaemonResponse;
    let stop = false;
    try {
      const request = JSON.parse(line ?? "") as DaemonRequest;
      stop = request?.op === "stop";
      response = stop
        ? { v: 1, pong: { pid: process.pid, repoRoot, stamp: buildStamp(context.version) } }
        : await handler.handle(request);
      if ("error" in response && response.error === "stale") stop = true;
    } catch {
      response = { v: 1, error: "malformed request" };
    }
    socket.end(`${JSON.stringify(response)}\n`);
    if (stop) shutdown(0);
  };
  let socketIdentity = "";
  let stopped = false;
  const shutdown = (code: number): void => {
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
    finished(code);
  };
  const resetIdle = (): void => {
    if (idle) clearTimeout(idle);
    idle = setTimeout(() => shutdown(0), options.idleSeconds * 1000);
  };

  await new Promise<void>((settle, reject) => {
    server.once("error", reject);
    // The socket is created 0600: only this user may ask for decisions.
    const umask = process.umask(0o177);
    try {
      server.listen(socketPath, () => settle());
    } finally {
      process.umask(umask);
    }
  });
  chmodSync(socketPath, 0o600);
  socketIdentity = fileIdentity(socketPath);
  writeFileSync(pidPath, `${process.pid}\n`, { mode: 0o600 });
  resetIdle();
  // A daemon whose socket was removed (repo deleted, .jig cleaned) or taken
  // over by a newer daemon has nobody left to serve: it exits.
  const watch = setInterval(() => {
    if (fileIdentity(socketPath) !== socketIdentity) shutdown(0);
  }, 1000);
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const)
    process.once(signal, () => shutdown(0));
  context.stdout.write(
    `jig guard daemon ${process.pid} serving ${repoRoot} on ${relativeSocket(repoRoot, socketPath)} (idle exit after ${options.idleSeconds}s)\n`,
  );
  return done;
}

/** `jig guard daemon --stop`: ask the repository's daemon to exit. */
export async function stopGuardDaemon(context: CliContext): Promise<number> {
  const repoRoot = realRepoRoot(findWorkTreeRoot(context.cwd));
  const result = await exchange(guardSocketPath(repoRoot), { v: 1, op: "stop" }, 2000);
  if (result.kind === "answer" && "pong" in result.response) {
    context.stdout.write(`stopped jig guard daemon ${result.response.pong.pid}\n`);
  } else {
    context.stdout.write("no jig guard daemon is running here\n");
  }
  return 0;
}

/** The socket as the daemon's start line shows it: relative inside the repository. */
function relativeSocket(repoRoot: string, socketPath: string): string {
  const path = relative(repoRoot, socketPath);
  return path.startsWith("..") ? socketPath : path;
}
