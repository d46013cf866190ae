import type { JigConfig } from "../config/config-schema.js";

/**
 * The inputs that decide a verdict, as one check reads them. Today that is
 * the configuration, read from the working tree; the failure-model catalog,
 * agent manifests, eval suites and spec approvals are still read by the
 * layers that use them, from `root`. Reading all of them from the trusted
 * base revision instead (git objects, never the change) belongs here.
 */
export interface Governance {
  /** Where the inputs were read from. */
  source: "working-tree";
  /** The repository root they were read from. */
  root: string;
  config: JigConfig;
  /** `jig.config.yaml`, when the repository has one. */
  configPath?: string;
}

/**
 * Load the governance of a check: `jig.config.yaml` from the repository root
 * (defaults when absent; every problem at once, exit 2, when invalid).
 * The config module (zod, yaml) loads here, so a caller that starts git
 * first does not wait for it.
 */
export async function loadGovernance(options: { root: string; cwd: string }): Promise<Governance> {
  const { loadConfig } = await import("../config/load-config.js");
  const { config, path } = await loadConfig(options.root, { cwd: options.cwd });
  return {
    source: "working-tree",
    root: options.root,
    config,
    ...(path ? { configPath: path } : {}),
  };
}
