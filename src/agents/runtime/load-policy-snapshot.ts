import { homedir } from "node:os";
import {
  type PolicySnapshot,
  readPolicySnapshot,
  snapshotKey,
  writePolicySnapshot,
} from "../policy-snapshot.js";

/**
 * The policy snapshot: from the cache when agents/ and the config are
 * unchanged, else by loading the config and manifests (zod, YAML, Cedar
 * validation) and caching the result.
 */
export async function loadPolicySnapshot(
  repoRoot: string,
  version: string,
  env: NodeJS.ProcessEnv,
): Promise<PolicySnapshot> {
  return readPolicySnapshot(repoRoot, version) ?? buildPolicySnapshot(repoRoot, version, env);
}

/**
 * Load the config and manifests from disk, ignoring the cache, and refresh
 * the cache. The guard daemon reloads this way: it notices changes by
 * content, which an mtime-keyed cache could miss within one clock tick.
 */
export async function buildPolicySnapshot(
  repoRoot: string,
  version: string,
  env: NodeJS.ProcessEnv,
): Promise<PolicySnapshot> {
  // Loaded only on a cache miss: the config and manifest parsers pull in zod and YAML.
  const [{ loadConfig }, { loadPolicy }] = await Promise.all([
    import("../../config/index.js"),
    import("../load-policy.js"),
  ]);
  const { config } = await loadConfig(repoRoot);
  const policy = await loadPolicy({
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
      ...(config.defaultBranch === undefined ? {} : { defaultBranch: config.defaultBranch }),
    },
    manifests: policy.source.manifests.map((entry) => entry.manifest),
    compiled: policy.compiled,
  };
  writePolicySnapshot(repoRoot, snapshot);
  return snapshot;
}
