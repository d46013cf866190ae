import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { UsageError, ValidationError } from "../../core/errors.js";
import { formatProblem } from "../../core/problem.js";
import {
  type FailuresWorkspace,
  formatCatalogEntry,
  formatFailureStats,
  loadActiveEntries,
  mineFailureModels,
  openFailuresWorkspace,
  type PreparedCatalog,
  prepareCatalog,
  readFailureStats,
  renderSafeVerdicts,
  testCatalogExamples,
  toFailureModel,
  unknownDisabledProblems,
  vetAndWrite,
} from "../../failures/index.js";
import type { CliContext } from "../cli-context.js";
import { writeOutputFile } from "../write-output.js";
import { type AddFlags, candidateFromFlags } from "./failures-add.js";

/*
 * What `jig failures` lint, test, list, show, add, mine and stats do. The
 * command definitions in failures-command.ts load this module only when one
 * of them runs, so `jig failures check` does not load what it does not use.
 */

export interface LintFlags {
  cache: boolean;
  writeVerdicts?: string;
}

export interface ListFlags {
  domain?: string;
  format: string;
}

export interface ShowFlags {
  format: string;
}

export interface MineFlags {
  model?: string;
  dryRun?: boolean;
}

export interface StatsFlags {
  since?: string;
  format: string;
}

export async function lintAction(context: CliContext, flags: LintFlags): Promise<void> {
  const workspace = await openFailuresWorkspace(context.cwd);
  const prepared = await prepare(context, workspace, { noCache: !flags.cache });
  printProblems(context, prepared);
  for (const problem of unknownDisabledProblems(
    prepared.catalog.unknownDisabled,
    workspace.configPath,
  ))
    context.stderr.write(`warning: ${formatProblem(problem)}\n`);
  const errors = prepared.problems.filter((problem) => problem.severity !== "warning").length;
  if (flags.writeVerdicts && errors === 0) {
    const written = await writeOutputFile(
      context.cwd,
      flags.writeVerdicts,
      renderSafeVerdicts(prepared),
    );
    context.stdout.write(`verdicts written to ${written}\n`);
  }
  const { catalog } = prepared;
  context.stdout.write(
    `${catalog.entries.length} failure models in ${catalog.files.length} files: ${errors === 0 ? "no errors" : `${errors} error${errors === 1 ? "" : "s"}`}\n`,
  );
  context.exitCode = errors === 0 ? 0 : 2;
}

export async function testAction(context: CliContext): Promise<void> {
  const workspace = await openFailuresWorkspace(context.cwd);
  const prepared = await prepare(context, workspace);
  if (!prepared.ok)
    throw new ValidationError(
      prepared.problems.filter((problem) => problem.severity !== "warning"),
    );
  const run = await testCatalogExamples(prepared);
  for (const mismatch of run.mismatches)
    context.stdout.write(
      `${mismatch.file}:${mismatch.line}: ${mismatch.id}: ${mismatch.message}\n`,
    );
  const count = run.mismatches.length;
  context.stdout.write(
    `${run.detectors} detectors, ${run.examples} examples: ${count === 0 ? "all pass" : `${count} mismatch${count === 1 ? "" : "es"}`}${run.withoutDetector > 0 ? ` (${run.withoutDetector} entries have no detector)` : ""}\n`,
  );
  context.exitCode = count === 0 ? 0 : 1;
}

export async function listAction(context: CliContext, flags: ListFlags): Promise<void> {
  const entries = await activeEntries(context);
  const shown = flags.domain ? entries.filter((entry) => entry.domain === flags.domain) : entries;
  if (flags.domain && shown.length === 0) {
    const domains = [...new Set(entries.map((entry) => entry.domain))].sort();
    throw new UsageError(
      `no active failure model in domain "${flags.domain}"; domains: ${domains.join(", ")}`,
    );
  }
  if (flags.format === "json") {
    const rows = shown.map((entry) => ({
      ...toFailureModel(entry),
      file: entry.file,
      line: entry.line,
    }));
    context.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  for (const entry of shown) {
    context.stdout.write(
      `${entry.id.padEnd(14)} ${entry.severity.padEnd(8)} ${entry.domain.padEnd(16)} ${entry.origin.padEnd(7)} ${entry.title}\n`,
    );
  }
  context.stdout.write(`${shown.length} failure model${shown.length === 1 ? "" : "s"}\n`);
}

export async function showAction(context: CliContext, id: string, flags: ShowFlags): Promise<void> {
  const entries = await activeEntries(context);
  const entry = entries.find((candidate) => candidate.id.toUpperCase() === id.toUpperCase());
  if (!entry)
    throw new UsageError(`no active failure model ${id}; run 'jig failures list' to see the ids`);
  if (flags.format === "json") {
    context.stdout.write(
      `${JSON.stringify({ ...toFailureModel(entry), file: entry.file, line: entry.line }, null, 2)}\n`,
    );
    return;
  }
  context.stdout.write(formatCatalogEntry(entry));
}

export async function addAction(context: CliContext, flags: AddFlags): Promise<void> {
  const workspace = await openFailuresWorkspace(context.cwd);
  const candidate = await candidateFromFlags(context, flags);
  const { verdicts, written } = await vetAndWrite([candidate], {
    root: workspace.root,
    config: workspace.config,
    cwd: context.cwd,
    ...(flags.dryRun ? { dryRun: true } : {}),
  });
  const verdict = verdicts[0];
  if (!verdict?.accepted) {
    for (const reason of verdict?.reasons ?? []) context.stderr.write(`${reason}\n`);
    context.stderr.write(`${candidate.id} was not added\n`);
    context.exitCode = 2;
    return;
  }
  context.stdout.write(
    flags.dryRun
      ? `${candidate.id} is valid (dry run, nothing written)\n`
      : `added ${candidate.id} to ${written.join(", ")}\n`,
  );
}

export async function mineAction(
  context: CliContext,
  incident: string,
  flags: MineFlags,
): Promise<void> {
  const workspace = await openFailuresWorkspace(context.cwd);
  let incidentText: string;
  try {
    incidentText = await readFile(resolve(context.cwd, incident), "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${incident}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const { candidates, verdicts, written } = await mineFailureModels({
    root: workspace.root,
    config: workspace.config,
    cwd: context.cwd,
    env: context.env,
    incidentText,
    model: flags.model,
    dryRun: flags.dryRun,
  });
  for (const verdict of verdicts) {
    const status = verdict.accepted ? "accepted" : "rejected";
    context.stdout.write(`${verdict.candidate.id} ${status}: ${verdict.candidate.title}\n`);
    for (const reason of verdict.reasons) context.stdout.write(`  - ${reason}\n`);
  }
  if (written.length > 0) context.stdout.write(`written to ${written.join(", ")}\n`);
  if (candidates.length === 0)
    context.stdout.write("the model proposed no failure models for this incident\n");
  context.exitCode =
    verdicts.some((verdict) => verdict.accepted) || candidates.length === 0 ? 0 : 1;
}

export async function statsAction(context: CliContext, flags: StatsFlags): Promise<void> {
  const workspace = await openFailuresWorkspace(context.cwd);
  let since: Date | undefined;
  if (flags.since !== undefined) {
    since = new Date(flags.since);
    if (Number.isNaN(since.getTime()))
      throw new UsageError(`--since ${flags.since} is not a date; use YYYY-MM-DD`);
  }
  const stats = await readFailureStats({
    repoRoot: workspace.root,
    config: workspace.config,
    cwd: context.cwd,
    since,
  });
  context.stdout.write(
    flags.format === "json" ? `${JSON.stringify(stats, null, 2)}\n` : formatFailureStats(stats),
  );
}

async function activeEntries(context: CliContext) {
  const workspace = await openFailuresWorkspace(context.cwd);
  return loadActiveEntries({
    repoRoot: workspace.root,
    config: workspace.config,
    cwd: context.cwd,
  });
}

function prepare(
  context: CliContext,
  workspace: FailuresWorkspace,
  options: { noCache?: boolean } = {},
): Promise<PreparedCatalog> {
  return prepareCatalog({
    repoRoot: workspace.root,
    config: workspace.config,
    cwd: context.cwd,
    ...(options.noCache ? { noCache: true } : {}),
  });
}

/** Print every problem as `file:line:col: message [code]`. */
function printProblems(context: CliContext, prepared: PreparedCatalog): void {
  for (const problem of prepared.problems) {
    const prefix = problem.severity === "warning" ? "warning: " : "";
    context.stderr.write(`${prefix}${formatProblem(problem)}\n`);
  }
}
