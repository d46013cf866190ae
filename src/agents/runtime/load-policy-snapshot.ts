import { homedir } from "node:os";
import {
  guardSettings,
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
  const settings = guardSettings(config);
  const policy = await loadPolicy({
    repoRoot,
    agentsDir: config.agents.dir,
    specExempt: config.specs.exempt,
    requireSpec: config.agents.requireSpec,
    home: env.HOME ?? homedir(),
    protection: settings,
  });
  const snapshot: PolicySnapshot = {
    format: 2,
    key: snapshotKey(repoRoot, config.agents.dir, version),
    settings,
    manifests: policy.source.manifests.map((entry) => entry.manifest),
    compiled: policy.compiled,
  };
  writePolicySnapshot(repoRoot, snapshot);
  return snapshot;
}
