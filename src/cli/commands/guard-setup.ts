import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, isAbsolute, join, resolve } from "node:path";
import {
  type AgentManifest,
  type ApprovalStore,
  type AuditLog,
  createApprovalStore,
  createAuditLog,
  createGuard,
  createMessageStore,
  createPolicyEngine,
  createScopeIndex,
  type Guard,
  type GuardSettings,
  type MessageStore,
  type PolicyEngine,
  type PolicySnapshot,
  readPolicySnapshot,
  realRepoRoot,
  type ScopeIndex,
  snapshotKey,
  writePolicySnapshot,
} from "../../agents/runtime/index.js";
import { UsageError } from "../../core/index.js";
import { type JigDatabase, openJigDatabase } from "../../store/index.js";

/** Everything an enforcement point needs, opened once per process. */
export interface GuardEnvironment {
  repoRoot: string;
  settings: GuardSettings;
  manifests: AgentManifest[];
  engine: PolicyEngine;
  scopes: ScopeIndex;
  db: JigDatabase;
  audit: AuditLog;
  approvals: ApprovalStore;
  messages: MessageStore;
  guard: Guard;
  specApproved: boolean;
  close(): void;
}

/**
 * The top of the work tree holding `cwd`, found by looking for `.git` rather
 * than spawning git: the Claude Code hook runs on every tool call and must
 * start fast.
 */
export function findWorkTreeRoot(cwd: string): string {
  let current = resolve(cwd);
  for (;;) {
    if (existsSync(join(current, ".git"))) return current;
    const parent = dirname(current);
    if (parent === current) {
      throw new UsageError(`${cwd} is not inside a git repository; run jig from your project`);
    }
    current = parent;
  }
}

/** The checked-out branch, read from `.git/HEAD` (worktrees included). */
export function readBranch(repoRoot: string): string | undefined {
  try {
    let gitDir = join(repoRoot, ".git");
    if (statSync(gitDir).isFile()) {
      const pointer = /gitdir:\s*(.+)/.exec(readFileSync(gitDir, "utf8"))?.[1]?.trim();
      if (!pointer) return undefined;
      gitDir = isAbsolute(pointer) ? pointer : join(repoRoot, pointer);
    }
    const head = readFileSync(join(gitDir, "HEAD"), "utf8").trim();
    return head.startsWith("ref: refs/heads/") ? head.slice("ref: refs/heads/".length) : undefined;
  } catch {
    return undefined;
  }
}

const BRANCH_SPEC = /(?:^|[/_.-])spec-(\d{4})(?=$|[/_.-])/i;

/**
 * Whether an approved (or implemented) spec is active for the branch: from
 * JIG_SPEC, `jig spec start`, or the branch name, in that order (the same
 * order as the spec concept's resolveActiveSpec). Read with plain file
 * access and a frontmatter match, because the hook cannot afford the spec
 * parser's imports on every tool call.
 */
export function isSpecApproved(
  repoRoot: string,
  specsDir: string,
  envSpec: string | undefined,
): boolean {
  const branch = readBranch(repoRoot);
  let id = envSpec?.trim().toUpperCase() || undefined;
  if (!id && branch) {
    try {
      const map = JSON.parse(
        readFileSync(join(repoRoot, ".jig", "active-spec.json"), "utf8"),
      ) as Record<string, unknown>;
      const value = map[branch];
      if (typeof value === "string") id = value;
    } catch {
      id = undefined;
    }
  }
  if (!id && branch) {
    const match = BRANCH_SPEC.exec(branch);
    if (match) id = `SPEC-${match[1]}`;
  }
  if (!id) return false;
  const dir = join(repoRoot, specsDir);
  let files: string[];
  try {
    files = readdirSync(dir).filter(
      (name) => name.toUpperCase().startsWith(`${id}-`) && name.endsWith(".md"),
    );
  } catch {
    return false;
  }
  for (const file of files) {
    const text = readFileSync(join(dir, file), "utf8");
    const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? "";
    const idLine = /^id:\s*["']?([A-Za-z0-9-]+)/m.exec(frontmatter)?.[1]?.toUpperCase();
    const status = /^status:\s*["']?([a-z-]+)/m.exec(frontmatter)?.[1];
    if (idLine === id && (status === "approved" || status === "implemented")) return true;
  }
  return false;
}

export function storePath(repoRoot: string, path: string): string {
  return isAbsolute(path) ? path : join(repoRoot, path);
}

/**
 * The policy snapshot: from the cache when agents/ and the config are
 * unchanged, else by loading the config and manifests (zod, YAML, Cedar
 * validation) and caching the result.
 */
export async function loadSnapshot(
  repoRoot: string,
  version: string,
  env: NodeJS.ProcessEnv,
): Promise<PolicySnapshot> {
  return readPolicySnapshot(repoRoot, version) ?? buildSnapshot(repoRoot, version, env);
}

/**
 * Load the config and manifests from disk, ignoring the cache, and refresh
 * the cache. The guard daemon reloads this way: it notices changes by
 * content, which an mtime-keyed cache could miss within one clock tick.
 */
export async function buildSnapshot(
  repoRoot: string,
  version: string,
  env: NodeJS.ProcessEnv,
): Promise<PolicySnapshot> {
  const [{ loadConfig }, agents] = await Promise.all([
    import("../../config/index.js"),
    import("../../agents/index.js"),
  ]);
  const { config } = await loadConfig(repoRoot);
  const policy = await agents.loadPolicy({
    repoRoot,
    agentsDir: config.agents.dir,
    specExempt: config.specs.exempt,
    requireSpec: config.agents.requireSpec,
    home: env.HOME ?? homedir(),
  });
  const evals = (config as { evals?: { dir?: unknown } }).evals;
  const snapshot: PolicySnapshot = {
    format: 1,
    key: snapshotKey(repoRoot, config.agents.dir, version),
    settings: {
      storePath: config.store.path,
      specsDir: config.specs.dir,
      specExempt: config.specs.exempt,
      agentsDir: config.agents.dir,
      requireSpec: config.agents.requireSpec,
      approvalTtlMinutes: config.agents.approvalTtlMinutes,
      evalsDir: typeof evals?.dir === "string" ? evals.dir : "evals",
    },
    manifests: policy.source.manifests.map((entry) => entry.manifest),
    compiled: policy.compiled,
  };
  writePolicySnapshot(repoRoot, snapshot);
  return snapshot;
}

/**
 * Open the guard for one enforcement point: config, manifests compiled to a
 * pre-parsed Cedar set, the store (audit, approvals, messages) and the guard.
 */
export async function openGuardEnvironment(options: {
  cwd: string;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  adapter: string;
  version: string;
}): Promise<GuardEnvironment> {
  const repoRoot = realRepoRoot(findWorkTreeRoot(options.cwd));
  const home = options.env.HOME ?? homedir();
  const snapshot = await loadSnapshot(repoRoot, options.version, options.env);
  const { settings, manifests } = snapshot;
  const scopes = createScopeIndex(manifests, { home, specExempt: settings.specExempt });
  const engine = await createPolicyEngine(snapshot.compiled, scopes);
  const specApproved = isSpecApproved(repoRoot, settings.specsDir, options.env.JIG_SPEC);
  const db = openJigDatabase(storePath(repoRoot, settings.storePath));
  const audit = createAuditLog(db);
  const approvals = createApprovalStore(db, { ttlMinutes: settings.approvalTtlMinutes });
  const messages = createMessageStore(db);
  const guard = createGuard({
    engine,
    base: { repoRoot, cwd: repoRoot, home },
    now: options.now,
    adapter: options.adapter,
    audit,
    approvals,
    specApproved,
    delegation: (agent) => messages.actingOnBehalfOf(agent),
  });
  return {
    repoRoot,
    settings,
    manifests,
    engine,
    scopes,
    db,
    audit,
    approvals,
    messages,
    guard,
    specApproved,
    close: () => db.close(),
  };
}

/** Fail early, with the list of agents, when `--agent` names no manifest. */
export function requireAgent(
  environment: Pick<GuardEnvironment, "scopes" | "manifests">,
  agent: string,
): void {
  if (!environment.scopes.has(agent)) {
    const known = environment.manifests.map((manifest) => manifest.name);
    throw new UsageError(
      `no agent '${agent}' in ${known.length === 0 ? "agents/ (it is empty)" : `agents/ (known: ${known.join(", ")})`}; add agents/${agent}.yaml`,
    );
  }
}
