import type { JigConfig } from "../../config/index.js";
import { loadConfig } from "../../config/index.js";
import { GitError } from "../../core/errors.js";
import { formatProblem } from "../../core/problem.js";
import { type PreparedCatalog, prepareCatalog } from "../../failures/index.js";
import { findRepoRoot } from "../../git/index.js";
import type { CliContext } from "../cli-context.js";

/** Where `jig failures` works: the repo root (or cwd outside git) and its config. */
export interface FailuresWorkspace {
  root: string;
  config: JigConfig;
  inRepo: boolean;
}

/**
 * Resolve the repo root and config. Outside a git repository (e.g.
 * `failures check --diff` in a CI job on an exported patch) the current
 * directory stands in for the root when `allowOutsideRepo` is set.
 */
export async function openWorkspace(
  context: CliContext,
  options: { allowOutsideRepo?: boolean } = {},
): Promise<FailuresWorkspace> {
  let root: string;
  let inRepo = true;
  try {
    root = await findRepoRoot(context.cwd);
  } catch (error) {
    if (!options.allowOutsideRepo || !(error instanceof GitError)) throw error;
    root = context.cwd;
    inRepo = false;
  }
  const { config } = await loadConfig(root, { cwd: context.cwd });
  return { root, config, inRepo };
}

/** Load and lint the catalog, printing warnings to stderr; `ok` false means lint errors. */
export async function loadPrepared(
  context: CliContext,
  workspace: FailuresWorkspace,
  options: { noCache?: boolean } = {},
): Promise<PreparedCatalog> {
  const prepared = await prepareCatalog({
    repoRoot: workspace.root,
    config: workspace.config,
    cwd: context.cwd,
    ...(options.noCache ? { noCache: true } : {}),
  });
  return prepared;
}

/** Print every problem as `file:line:col: message [code]`. */
export function printProblems(context: CliContext, prepared: PreparedCatalog): void {
  for (const problem of prepared.problems) {
    const prefix = problem.severity === "warning" ? "warning: " : "";
    context.stderr.write(`${prefix}${formatProblem(problem)}\n`);
  }
}
