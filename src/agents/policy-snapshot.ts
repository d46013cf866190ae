import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { JigConfig } from "../config/config-schema.js";
import { writeFileAtomicSync } from "../core/write-file-atomic.js";
import type { CompiledPolicies } from "./compile-policies.js";
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
    ...(config.defaultBranch === undefined ? {} : { defaultBranch: config.defaultBranch }),
  };
}

/**
 * Validated manifests and their compiled Cedar, cached in `.jig/cache` and
 * keyed by the size and mtime of jig.config.yaml and every file in agents/.
 * The Claude Code hook runs once per tool call; reading this JSON instead of
 * importing zod and YAML and recompiling keeps its round trip short.
 */
export interface PolicySnapshot {
  /** 2 since the settings carry the governance inputs the built-in protection needs. */
  format: 2;
  key: string;
  settings: GuardSettings;
  manifests: AgentManifest[];
  compiled: CompiledPolicies;
}

export const SNAPSHOT_FILE = ".jig/cache/guard-policy.json";

/**
 * The files the compiled policy depends on, in a fixed order: the config,
 * then every file in the agents folder by name. `header` records the folder
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
      { label: "jig.config.yaml", path: join(repoRoot, "jig.config.yaml") },
      ...names.map((name) => ({ label: name, path: join(dir, name) })),
    ],
  };
}

/** The cache key: jig's version plus (name, size, mtime) of the config and every agents/ file. */
export function snapshotKey(repoRoot: string, agentsDir: string, version: string): string {
  const hash = createHash("sha256").update(version);
  const { header, files } = policyInputs(repoRoot, agentsDir);
  const [config, ...agents] = files;
  const stamp = ({ label, path }: { label: string; path: string }): void => {
    try {
      const stat = statSync(path);
      hash.update(`\n${label}:${stat.size}:${stat.mtimeMs}`);
    } catch {
      hash.update(`\n${label}:missing`);
    }
  };
  if (config) stamp(config);
  hash.update(`\n${header}`);
  for (const file of agents) stamp(file);
  return hash.digest("hex");
}

/** The cached snapshot when it is still current, else undefined. */
export function readPolicySnapshot(repoRoot: string, version: string): PolicySnapshot | undefined {
  let snapshot: PolicySnapshot;
  try {
    snapshot = JSON.parse(readFileSync(join(repoRoot, SNAPSHOT_FILE), "utf8")) as PolicySnapshot;
  } catch {
    return undefined;
  }
  if (snapshot.format !== 2 || typeof snapshot.settings?.agentsDir !== "string") return undefined;
  return snapshot.key === snapshotKey(repoRoot, snapshot.settings.agentsDir, version)
    ? snapshot
    : undefined;
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
