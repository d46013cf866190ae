import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { AutonomyFile } from "../autonomy/autonomy-schema.js";
import type { JigConfig } from "../config/config-schema.js";
import { writeFileAtomicSync } from "../core/write-file-atomic.js";
import type { CompiledPolicies } from "./compile-policies.js";
import { configuredAgentsDir } from "./configured-agents-dir.js";
import type { AgentManifest } from "./manifest-schema.js";

/** The config values the guard needs, flattened so the hot path never parses jig.config.yaml. */
export interface GuardSettings {
  storePath: string;
  specsDir: string;
  specExempt: string[];
  agentsDir: string;
  requireSpec: boolean;
  approvalTtlMinutes: number;
  evalsDir: string;
  /** `defaultBranch` from the config: the guard reads spec approvals from the branch's base. */
  defaultBranch?: string;
  /** `failures.dir`: the project's failure-model catalog, a governance input. */
  failuresDir: string;
  /** `governance.paths`: the project's own governance globs. */
  governancePaths: string[];
  /** `domains`: the path globs autonomy.yaml's decision classes are named by. */
  domains: Record<string, string[]>;
}

/** The guard's settings from a loaded config. */
export function guardSettings(config: JigConfig): GuardSettings {
  return {
    storePath: config.store.path,
    specsDir: config.specs.dir,
    specExempt: config.specs.exempt,
    agentsDir: config.agents.dir,
    requireSpec: config.agents.requireSpec,
    approvalTtlMinutes: config.agents.approvalTtlMinutes,
    evalsDir: config.evals.dir,
    failuresDir: config.failures.dir,
    governancePaths: config.governance.paths,
    domains: config.domains,
    ...(config.defaultBranch === undefined ? {} : { defaultBranch: config.defaultBranch }),
  };
}

/**
 * Validated manifests and their compiled Cedar, cached in `.jig/cache`. The
 * Claude Code hook runs once per tool call; reading this JSON instead of
 * importing zod and YAML and recompiling keeps its round trip short. The key
 * is a hash of the inputs' content (see snapshotKey), recomputed on every load
 * from the files the config names, so nothing in this file decides what is
 * checked.
 */
export interface PolicySnapshot {
  /** 4 since it carries autonomy.yaml and the config's domains. */
  format: typeof SNAPSHOT_FORMAT;
  key: string;
  settings: GuardSettings;
  manifests: AgentManifest[];
  compiled: CompiledPolicies;
  /**
   * autonomy.yaml, validated; absent when the repository has none, and then
   * the guard leaves every decision to the manifests (autonomy not adopted).
   */
  autonomy?: AutonomyFile;
}

export const SNAPSHOT_FORMAT = 4;

export const SNAPSHOT_FILE = ".jig/cache/guard-policy.json";

const CONFIG_FILE = "jig.config.yaml";
/** Read from the working tree like agents/: an agent can never write it (a built-in governance path). */
const AUTONOMY_FILE = "autonomy.yaml";

/**
 * The files the compiled policy depends on, in a fixed order: the config,
 * autonomy.yaml, then every file in the agents folder by name. `header` records the folder
 * and its file count, so adding or removing a file changes any key built
 * from the list even when its content would not.
 */
export function policyInputs(
  repoRoot: string,
  agentsDir: string,
): { header: string; files: Array<{ label: string; path: string }> } {
  const dir = join(repoRoot, agentsDir);
  let names: string[] = [];
  try {
    names = readdirSync(dir).sort();
  } catch {
    names = [];
  }
  return {
    header: `dir:${agentsDir}:${names.length}`,
    files: [
      { label: CONFIG_FILE, path: join(repoRoot, CONFIG_FILE) },
      { label: AUTONOMY_FILE, path: join(repoRoot, AUTONOMY_FILE) },
      ...names.map((name) => ({ label: name, path: join(dir, name) })),
    ],
  };
}

/** A file's bytes, or the error code that kept them from being read. */
type Content = Buffer | string;

function readContent(path: string): Content {
  try {
    return readFileSync(path);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? "unreadable";
  }
}

/**
 * sha256 over (name, bytes) of the config, autonomy.yaml (its absence too)
 * and every agents/ file, so an edit
 * is seen on the very next call even when size and mtime are unchanged.
 * `config` is passed when the caller already read it, so the folder it names
 * and the bytes hashed come from one read.
 */
export function policyContentHash(repoRoot: string, agentsDir: string, config?: Content): string {
  const hash = createHash("sha256");
  const { header, files } = policyInputs(repoRoot, agentsDir);
  const add = (label: string, content: Content): void => {
    if (typeof content === "string") hash.update(`\n${label}:${content}`);
    else hash.update(`\n${label}:${content.length}\n`).update(content);
  };
  const [first, autonomy, ...agents] = files;
  if (first) add(first.label, config ?? readContent(first.path));
  if (autonomy) add(autonomy.label, readContent(autonomy.path));
  hash.update(`\n${header}`);
  for (const file of agents) add(file.label, readContent(file.path));
  return hash.digest("hex");
}

/** The cache key: jig's version, the snapshot format, agents.dir and the inputs' content hash. */
export function snapshotKey(
  repoRoot: string,
  agentsDir: string,
  version: string,
  config?: Content,
): string {
  return createHash("sha256")
    .update(`jig ${version}\nformat ${SNAPSHOT_FORMAT}\nagents.dir ${agentsDir}\n`)
    .update(policyContentHash(repoRoot, agentsDir, config))
    .digest("hex");
}

/**
 * The key of the policy inputs as they are now, with the agents folder the
 * config names (read without YAML, see configuredAgentsDir); undefined when
 * the config cannot be read that way, which means: do not use the cache.
 */
export function currentSnapshotKey(
  repoRoot: string,
  version: string,
): { key: string; agentsDir: string } | undefined {
  const config = readContent(join(repoRoot, CONFIG_FILE));
  if (typeof config === "string" && config !== "ENOENT") return undefined;
  const agentsDir = configuredAgentsDir(
    typeof config === "string" ? undefined : config.toString("utf8"),
  );
  if (agentsDir === undefined) return undefined;
  return { agentsDir, key: snapshotKey(repoRoot, agentsDir, version, config) };
}

/**
 * The cached snapshot when it was built from exactly the inputs the config
 * names now, else undefined (the caller rebuilds). The key is recomputed
 * from the real files on every load; the cache's own `agentsDir` must agree
 * with the config's, and is never used to find what to hash.
 */
export function readPolicySnapshot(repoRoot: string, version: string): PolicySnapshot | undefined {
  const current = currentSnapshotKey(repoRoot, version);
  if (!current) return undefined;
  let snapshot: PolicySnapshot;
  try {
    snapshot = JSON.parse(readFileSync(join(repoRoot, SNAPSHOT_FILE), "utf8")) as PolicySnapshot;
  } catch {
    return undefined;
  }
  if (snapshot?.format !== SNAPSHOT_FORMAT) return undefined;
  if (snapshot.settings?.agentsDir !== current.agentsDir) return undefined;
  return snapshot.key === current.key ? snapshot : undefined;
}

/** Write the snapshot atomically; a failure to cache is not a failure to guard. */
export function writePolicySnapshot(repoRoot: string, snapshot: PolicySnapshot): void {
  const target = join(repoRoot, SNAPSHOT_FILE);
  try {
    writeFileAtomicSync(target, JSON.stringify(snapshot));
  } catch {
    // A read-only checkout still works, just without the cache.
  }
}
