import { randomBytes } from "node:crypto";
import { isAbsolute, resolve } from "node:path";
import { type JigConfig, loadConfig } from "../../config/index.js";
import { GitError, UsageError } from "../../core/errors.js";
import { createEvalStore, type EvalRunRecord, type EvalStore } from "../../evals/index.js";
import { findRepoRoot } from "../../git/index.js";
import { generateRunId, type JigDatabase, openJigDatabase } from "../../store/index.js";
import type { CliContext } from "../cli-context.js";

/** Repo root, config and the resolved evals dir of the current directory. */
export interface EvalWorkspace {
  root: string;
  /** False outside a git repository: --changed and --baseline are unavailable. */
  inGit: boolean;
  config: JigConfig;
  evalsDir: string;
}

export async function openWorkspace(context: CliContext): Promise<EvalWorkspace> {
  let root = context.cwd;
  let inGit = true;
  try {
    root = await findRepoRoot(context.cwd);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    inGit = false;
  }
  const { config } = await loadConfig(root, { cwd: context.cwd });
  return { root, inGit, config, evalsDir: resolve(root, config.evals.dir) };
}

/** Open the run store's eval tables. The caller closes `db`. */
export function openEvalStore(workspace: EvalWorkspace): { db: JigDatabase; store: EvalStore } {
  const path = isAbsolute(workspace.config.store.path)
    ? workspace.config.store.path
    : resolve(workspace.root, workspace.config.store.path);
  const db = openJigDatabase(path);
  return { db, store: createEvalStore(db, { pid: process.pid }) };
}

export function newEvalRunId(now: Date): string {
  return generateRunId(now, () => randomBytes(4).readUInt32BE() / 2 ** 32);
}

/** A stored run by full id or unique prefix. */
export function findEvalRun(store: EvalStore, id: string): EvalRunRecord {
  const exact = store.getRun(id);
  if (exact) return exact;
  const matches = store.findRuns(id);
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length === 0) {
    throw new UsageError(`no eval run '${id}'; see 'jig eval list' for stored runs`, {
      code: "eval/unknown-run",
    });
  }
  throw new UsageError(
    `eval run id '${id}' is ambiguous (${matches.length} runs: ${matches
      .slice(0, 3)
      .map((run) => run.id)
      .join(", ")}…); give more characters`,
    { code: "eval/ambiguous-run" },
  );
}

/** `JIG_CODER_MODEL` wins over `models.coder`, as for the reviewer. */
export function coderModelOf(config: JigConfig, env: NodeJS.ProcessEnv): string | undefined {
  const fromConfig = (config as { models?: { coder?: string } }).models?.coder;
  return env.JIG_CODER_MODEL || fromConfig;
}
