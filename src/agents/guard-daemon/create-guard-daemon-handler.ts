import { homedir } from "node:os";
import type { Statement } from "better-sqlite3";
import type { AutonomyFile } from "../../autonomy/autonomy-schema.js";
import { type AutonomyStore, createAutonomyStore } from "../../autonomy/autonomy-store.js";
import { resolveStorePath } from "../../core/index.js";
import { type JigDatabase, openJigDatabase } from "../../store/index.js";
// The protocol file, not guard-client/index.ts: importing the index here would
// make the bundler wrap the hook client in a namespace helper chunk, one more
// file on the hook's per-call path.
import {
  buildStamp,
  type DaemonRequest,
  type DaemonResponse,
} from "../guard-client/daemon-protocol.js";
import {
  type ApprovalStore,
  type AuditLog,
  type AutonomyQueue,
  auditAnchorKeeperFor,
  buildPolicySnapshot,
  canonicalizeCall,
  createApprovalStore,
  createAuditLog,
  createAutonomyQueue,
  createBuiltinProtection,
  createGuard,
  createGuardAutonomy,
  createMessageStore,
  createPolicyEngine,
  createScopeIndex,
  type GuardAutonomy,
  type GuardSettings,
  hookToolCall,
  isSpecApproved,
  type MessageStore,
  type PolicyEngine,
  parseHookInput,
  rememberAsk,
  renderHookFailure,
  renderHookOutput,
  unreadableHookRecord,
} from "../runtime/index.js";
import { fileIdentity } from "./file-identity.js";
import { policyFingerprint } from "./policy-fingerprint.js";

/** The policy half of the daemon's state: rebuilt when config or agents/ change. */
interface PolicyState {
  fingerprint: string;
  settings: GuardSettings;
  engine: PolicyEngine;
  /** autonomy.yaml as the policy was built with it; undefined when there is none. */
  autonomy: AutonomyFile | undefined;
}

/** The store half: reopened when the database file is replaced or moved. */
interface StoreState {
  identity: string;
  db: JigDatabase;
  audit: AuditLog;
  approvals: ApprovalStore;
  messages: MessageStore;
  queue: AutonomyQueue;
  evidence: AutonomyStore;
  /** `PRAGMA data_version`: changes when another connection (jig check, sync) commits. */
  dataVersion: Statement<[], number>;
}

export interface GuardDaemonHandler {
  /** Answer one request exactly as `jig guard claude-hook` would in-process. */
  handle(request: DaemonRequest): Promise<DaemonResponse>;
  /** Load the policy and compile Cedar's wasm before the first request arrives. */
  warm(): Promise<void>;
  close(): void;
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
  const currentPolicy = createPolicyCache(repoRoot, version, env, home);
  let store: StoreState | undefined;
  // Spec approvals by (spec, HEAD, default branch): read from git once per commit pair.
  const specApprovals = new Map<string, boolean>();
  // Superseded databases close a little later: a request may still hold one.
  const retire = (state: StoreState): void => {
    state.audit.flushAnchor();
    setTimeout(() => state.db.close(), 5000).unref();
  };

  const currentStore = (settings: GuardSettings): StoreState => {
    const path = resolveStorePath(repoRoot, settings.storePath);
    const identity = `${path}@${fileIdentity(path)}`;
    if (store?.identity === identity) return store;
    if (store) retire(store);
    store = undefined;
    const db = openJigDatabase(path);
    store = {
      identity: `${path}@${fileIdentity(path)}`,
      db,
      audit: createAuditLog(db, { anchor: auditAnchorKeeperFor(db, path, env, now) }),
      approvals: createApprovalStore(db, { ttlMinutes: settings.approvalTtlMinutes }),
      messages: createMessageStore(db),
      queue: createAutonomyQueue(db),
      evidence: createAutonomyStore(db),
      dataVersion: db.prepare<[], number>("PRAGMA data_version").pluck(),
    };
    return store;
  };

  // The mode table, rebuilt only when the policy changes or another process
  // committed to the store (a demotion, say): a call pays one PRAGMA, no query.
  let autonomyCache:
    | { policy: PolicyState; stores: StoreState; version: number; value: GuardAutonomy | undefined }
    | undefined;
  const currentAutonomy = (policy: PolicyState, stores: StoreState): GuardAutonomy | undefined => {
    if (!policy.autonomy) return undefined;
    const version = stores.dataVersion.get() as number;
    const cached = autonomyCache;
    if (cached?.policy === policy && cached.stores === stores && cached.version === version)
      return cached.value;
    const value = createGuardAutonomy(
      policy.autonomy,
      policy.settings.domains,
      stores.evidence.demotions(),
    );
    autonomyCache = { policy, stores, version, value };
    return value;
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
      specApproved: isSpecApproved(repoRoot, settings.specsDir, request.jigSpec, {
        defaultBranch: settings.defaultBranch,
        cache: specApprovals,
      }),
      delegation: (agent) => stores.messages.actingOnBehalfOf(agent),
      autonomy: currentAutonomy(state, stores),
      queue: stores.queue,
      asksInteractively: true,
    });
    const decision = guard.check(hookToolCall(request.agent, input));
    rememberAsk(repoRoot, stores.queue, decision, input.toolUseId, now());
    return renderHookOutput(decision);
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
      // The client found the root by the hook's rule (resolveHookRoot: --root,
      // CLAUDE_PROJECT_DIR, its own cwd), never from the event's cwd.
      if (request.repoRoot !== repoRoot) return { v: 1, error: "another repository" };
      try {
        return { v: 1, output: await answer(request) };
      } catch (error) {
        return { v: 1, output: renderHookFailure(error, repoRoot) };
      }
    },
    async warm() {
      const state = await currentPolicy();
      const call = canonicalizeCall(
        { agent: "jig-warm-up", tool: "Read", input: { file_path: "README.md" } },
        { repoRoot, cwd: repoRoot, home },
      );
      if (call.ok) state.engine.decide(call.call, { specApproved: true });
      currentAutonomy(state, currentStore(state.settings));
    },
    close() {
      store?.audit.flushAnchor();
      store?.db.close();
      store = undefined;
    },
  };
}

/**
 * The current policy, rebuilt from disk when its fingerprint changes. Loads
 * for the same fingerprint share one promise; a policy that fails to load is
 * never kept, so every request retries (and denies meanwhile).
 */
function createPolicyCache(
  repoRoot: string,
  version: string,
  env: NodeJS.ProcessEnv,
  home: string,
): () => Promise<PolicyState> {
  let policy: PolicyState | undefined;
  let loading: { fingerprint: string; promise: Promise<PolicyState> } | undefined;
  return () => {
    const fingerprint = policyFingerprint(repoRoot, policy?.settings.agentsDir ?? "agents");
    if (policy?.fingerprint === fingerprint) return Promise.resolve(policy);
    if (loading?.fingerprint === fingerprint) return loading.promise;
    const promise = (async (): Promise<PolicyState> => {
      const snapshot = await buildPolicySnapshot(repoRoot, version, env);
      const settings = snapshot.settings;
      const scopes = createScopeIndex(snapshot.manifests, {
        home,
        specExempt: settings.specExempt,
      });
      const protection = createBuiltinProtection(settings, snapshot.manifests);
      const engine = await createPolicyEngine(snapshot.compiled, scopes, protection);
      // The config may have moved agents.dir: key the state on the files it now names.
      return {
        fingerprint: policyFingerprint(repoRoot, settings.agentsDir),
        settings,
        engine,
        autonomy: snapshot.autonomy,
      };
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
        if (loading?.promise === promise) loading = undefined;
        policy = undefined;
      },
    );
    return promise;
  };
}
