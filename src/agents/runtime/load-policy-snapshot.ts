import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import type { AutonomyFile } from "../../autonomy/autonomy-schema.js";
import {
  currentSnapshotKey,
  guardSettings,
  type PolicySnapshot,
  readPolicySnapshot,
  SNAPSHOT_FORMAT,
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
 * the cache. The guard daemon reloads this way, keeping its own content
 * fingerprint. A config or manifest that cannot be read or compiled throws,
 * and every enforcement point turns that into a deny.
 */
export async function buildPolicySnapshot(
  repoRoot: string,
  version: string,
  env: NodeJS.ProcessEnv,
): Promise<PolicySnapshot> {
  // Hashed before reading: an edit during the load leaves a key that no longer
  // matches, so the next load rebuilds rather than trusting a stale compile.
  const current = currentSnapshotKey(repoRoot, version);
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
  const autonomy = await loadAutonomyFile(repoRoot);
  const snapshot: PolicySnapshot = {
    format: SNAPSHOT_FORMAT,
    key: current?.key ?? "",
    settings,
    manifests: policy.source.manifests.map((entry) => entry.manifest),
    compiled: policy.compiled,
    ...(autonomy ? { autonomy } : {}),
  };
  // Cache only what a load could find again: the quick read of agents.dir must
  // agree with the parser's, else the cache would never hit and only mislead.
  if (current?.agentsDir === config.agents.dir) writePolicySnapshot(repoRoot, snapshot);
  return snapshot;
}

/**
 * autonomy.yaml from the working tree, validated; undefined when there is
 * none (autonomy not adopted). An invalid file throws with its file:line, and
 * every enforcement point denies until a person fixes it, as for manifests.
 */
async function loadAutonomyFile(repoRoot: string): Promise<AutonomyFile | undefined> {
  let text: string;
  try {
    text = await readFile(join(repoRoot, "autonomy.yaml"), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const { parseAutonomy } = await import("../../autonomy/parse-autonomy.js");
  const { autonomy, problems } = parseAutonomy(text, "autonomy.yaml");
  const problem = problems[0];
  if (problem || !autonomy) {
    const at = problem?.line === undefined ? "" : `:${problem.line}`;
    throw new Error(`autonomy.yaml${at}: ${problem?.message ?? "cannot be read"}`);
  }
  return autonomy;
}
