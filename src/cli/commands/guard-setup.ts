import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, isAbsolute, join, resolve } from "node:path";
import {
  type ApprovalStore,
  type AuditLog,
  createApprovalStore,
  createAuditLog,
  createGuard,
  createMessageStore,
  type Guard,
  type LoadedPolicy,
  loadPolicy,
  type MessageStore,
  realRepoRoot,
} from "../../agents/index.js";
import { type JigConfig, loadConfig } from "../../config/index.js";
import { UsageError } from "../../core/index.js";
import { parseSpec, resolveActiveSpec } from "../../spec/index.js";
import { type JigDatabase, openJigDatabase } from "../../store/index.js";

/** Everything an enforcement point needs, opened once per process. */
export interface GuardEnvironment {
  repoRoot: string;
  config: JigConfig;
  policy: LoadedPolicy;
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

/**
 * Whether an approved (or implemented) spec is active for the branch: from
 * JIG_SPEC, `jig spec start`, or the branch name, in that order.
 */
export function isSpecApproved(
  repoRoot: string,
  config: JigConfig,
  envSpec: string | undefined,
): boolean {
  const branch = readBranch(repoRoot);
  let stored: string | undefined;
  try {
    const map = JSON.parse(
      readFileSync(join(repoRoot, ".jig", "active-spec.json"), "utf8"),
    ) as Record<string, unknown>;
    const value = branch ? map[branch] : undefined;
    if (typeof value === "string") stored = value;
  } catch {
    stored = undefined;
  }
  const active = resolveActiveSpec({ env: envSpec, stored, branch });
  if (!active) return false;
  const dir = join(repoRoot, config.specs.dir);
  let files: string[];
  try {
    files = readdirSync(dir).filter(
      (name) => name.toUpperCase().startsWith(`${active.id}-`) && name.endsWith(".md"),
    );
  } catch {
    return false;
  }
  for (const file of files) {
    const parsed = parseSpec(readFileSync(join(dir, file), "utf8"), `${config.specs.dir}/${file}`);
    if (parsed.spec && (parsed.spec.status === "approved" || parsed.spec.status === "implemented"))
      return true;
  }
  return false;
}

export function storePath(repoRoot: string, config: JigConfig): string {
  return isAbsolute(config.store.path) ? config.store.path : join(repoRoot, config.store.path);
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
}): Promise<GuardEnvironment> {
  const repoRoot = realRepoRoot(findWorkTreeRoot(options.cwd));
  const { config } = await loadConfig(repoRoot);
  const policy = await loadPolicy({
    repoRoot,
    agentsDir: config.agents.dir,
    specExempt: config.specs.exempt,
    requireSpec: config.agents.requireSpec,
    home: options.env.HOME ?? homedir(),
  });
  const specApproved = isSpecApproved(repoRoot, config, options.env.JIG_SPEC);
  const db = openJigDatabase(storePath(repoRoot, config));
  const audit = createAuditLog(db);
  const approvals = createApprovalStore(db, { ttlMinutes: config.agents.approvalTtlMinutes });
  const messages = createMessageStore(db);
  const guard = createGuard({
    engine: policy.engine,
    base: { repoRoot, cwd: repoRoot, home: options.env.HOME ?? homedir() },
    now: options.now,
    adapter: options.adapter,
    audit,
    approvals,
    specApproved,
    delegation: (agent) => messages.actingOnBehalfOf(agent),
  });
  return {
    repoRoot,
    config,
    policy,
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
export function requireAgent(environment: Pick<GuardEnvironment, "policy">, agent: string): void {
  if (!environment.policy.scopes.has(agent)) {
    const known = environment.policy.source.manifests.map((entry) => entry.manifest.name);
    throw new UsageError(
      `no agent '${agent}' in ${known.length === 0 ? "agents/ (it is empty)" : `agents/ (known: ${known.join(", ")})`}; add agents/${agent}.yaml`,
    );
  }
}
