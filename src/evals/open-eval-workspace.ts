import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { type JigConfig, loadConfig } from "../config/index.js";
import { GitError, resolveStorePath } from "../core/index.js";
import { findRepoRoot } from "../git/index.js";
import {
  generateRunId,
  type JigDatabase,
  openStoreDatabase,
  resolveStoreUrl,
} from "../store/index.js";
import { createEvalStore, type EvalStore } from "./eval-store.js";

/** Repo root, config and the resolved evals dir of the current directory. */
export interface EvalWorkspace {
  root: string;
  /** False outside a git repository: --changed and --baseline are unavailable. */
  inGit: boolean;
  config: JigConfig;
  evalsDir: string;
}

/**
 * Where `jig eval` works: the repository holding `cwd`, or `cwd` itself
 * outside git (evals of a plain folder still run), and its config.
 */
export async function openEvalWorkspace(cwd: string): Promise<EvalWorkspace> {
  let root = cwd;
  let inGit = true;
  try {
    root = await findRepoRoot(cwd);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    inGit = false;
  }
  const { config } = await loadConfig(root, { cwd });
  return { root, inGit, config, evalsDir: resolve(root, config.evals.dir) };
}

/**
 * Open the run store's eval tables: the team's Postgres store when
 * `store.url` or `JIG_STORE_URL` names one. The caller flushes `store` and closes `db`.
 */
export function openEvalStore(
  workspace: EvalWorkspace,
  env: Readonly<Record<string, string | undefined>> = {},
): { db: JigDatabase; store: EvalStore } {
  const db = openStoreDatabase({
    path: resolveStorePath(workspace.root, workspace.config.store.path),
    url: resolveStoreUrl(workspace.config.store.url, env),
  });
  return { db, store: createEvalStore(db, { pid: process.pid }) };
}

/** A new eval run id: the start time, then random characters. */
export function newEvalRunId(now: Date): string {
  return generateRunId(now, () => randomBytes(4).readUInt32BE() / 2 ** 32);
}
