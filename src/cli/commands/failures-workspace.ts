import { relative } from "node:path";
import type { JigConfig } from "../../config/index.js";
import { loadConfig } from "../../config/index.js";
import { GitError } from "../../core/errors.js";
import { formatProblem, type Problem } from "../../core/problem.js";
import { type PreparedCatalog, prepareCatalog } from "../../failures/index.js";
import { findRepoRoot } from "../../git/index.js";
import type { CliContext } from "../cli-context.js";

/** Where `jig failures` works: the repo root (or cwd outside git) and its config. */
export interface FailuresWorkspace {
  root: string;
  config: JigConfig;
  inRepo: boolean;
  /** The config file, relative to cwd, when there is one. */
  configPath?: string;
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
  const { config, path } = await loadConfig(root, { cwd: context.cwd });
  return { root, config, inRepo, ...(path ? { configPath: relative(context.cwd, path) } : {}) };
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

/**
 * Warnings for ids in `failures.disable` that name no entry: usually a typo,
 * which would otherwise leave the entry meant to be disabled silently on.
 */
export function unknownDisabledProblems(
  prepared: PreparedCatalog,
  workspace: FailuresWorkspace,
): Problem[] {
  return prepared.catalog.unknownDisabled.map((id) => ({
    code: "catalog/unknown-disabled",
    path: workspace.configPath ?? "jig.config.yaml",
    message: `failures.disable names ${id}, which is no failure model; check the id with 'jig failures list'`,
    severity: "warning" as const,
  }));
}
