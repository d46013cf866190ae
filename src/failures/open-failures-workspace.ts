import { relative } from "node:path";
import { type JigConfig, loadConfig } from "../config/index.js";
import { findRepoRoot } from "../git/index.js";

/** Where `jig failures` works: the repo root and its config. */
export interface FailuresWorkspace {
  root: string;
  config: JigConfig;
  /** The config file, relative to cwd, when there is one. */
  configPath?: string;
}

/** Resolve the repo root holding `cwd` (a GitError outside one) and load its config. */
export async function openFailuresWorkspace(cwd: string): Promise<FailuresWorkspace> {
  const root = await findRepoRoot(cwd);
  const { config, path } = await loadConfig(root, { cwd });
  return { root, config, ...(path ? { configPath: relative(cwd, path) } : {}) };
}
