import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { UsageError, ValidationError } from "../../core/errors.js";
import { formatProblem } from "../../core/problem.js";
import {
  type CatalogEntry,
  loadAstEngine,
  loadCatalog,
  type PreparedCatalog,
  regexVerdictKey,
  testExamples,
  toFailureModel,
} from "../../failures/index.js";
import type { CliContext } from "../cli-context.js";
import { writeOutputFile } from "../write-output.js";
import { type AddFlags, candidateFromFlags } from "./failures-add.js";
import { mineIncident, vetAndWrite } from "./failures-author.js";
import { computeFailureStats, formatFailureStats } from "./failures-stats.js";
import {
  loadPrepared,
  openWorkspace,
  printProblems,
  unknownDisabledProblems,
} from "./failures-workspace.js";

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
  const workspace = await openWorkspace(context);
  const prepared = await loadPrepared(context, workspace, { noCache: !flags.cache });
  printProblems(context, prepared);
  for (const problem of unknownDisabledProblems(prepared, workspace))
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
  const workspace = await openWorkspace(context);
  const prepared = await loadPrepared(context, workspace);
  if (!prepared.ok)
    throw new ValidationError(
      prepared.problems.filter((problem) => problem.severity !== "warning"),
    );
  let examples = 0;
  let mismatches = 0;
  for (const detector of prepared.detectors) {
    if (!detector.entry.detect) continue;
    examples += detector.entry.examples.bad.length + detector.entry.examples.good.length;
    for (const mismatch of await testExamples(detector, { loadAstEngine })) {
      mismatches++;
      context.stdout.write(
        `${mismatch.file}:${mismatch.line}: ${mismatch.id}: ${mismatch.message}\n`,
      );
    }
  }
  const withoutDetector = prepared.catalog.entries.filter((entry) => !entry.detect).length;
  context.stdout.write(
    `${prepared.detectors.length - withoutDetector} detectors, ${examples} examples: ${mismatches === 0 ? "all pass" : `${mismatches} mismatch${mismatches === 1 ? "" : "es"}`}${withoutDetector > 0 ? ` (${withoutDetector} entries have no detector)` : ""}\n`,
  );
  context.exitCode = mismatches === 0 ? 0 : 1;
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
    context.stdout.write(
      `${JSON.stringify(
        shown.map((entry) => ({
          ...toFailureModel(entry),
          file: entry.file,
          line: entry.line,
        })),
        null,
        2,
      )}\n`,
    );
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
  context.stdout.write(formatEntry(entry));
}

export async function addAction(context: CliContext, flags: AddFlags): Promise<void> {
  const workspace = await openWorkspace(context);
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
  const workspace = await openWorkspace(context);
  let text: string;
  try {
    text = await readFile(resolve(context.cwd, incident), "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${incident}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  // The model layer (AI SDK providers) loads only for this subcommand.
  const { createModelIncidentMiner, resolveMinerModel } = await import("./failures-mine.js");
  const modelId = resolveMinerModel(workspace.config, context.env, flags.model);
  const miner = createModelIncidentMiner({
    modelId,
    config: workspace.config,
    env: context.env,
    cwd: workspace.root,
  });
  const candidates = await mineIncident(text, miner);
  const { verdicts, written } = await vetAndWrite(candidates, {
    root: workspace.root,
    config: workspace.config,
    cwd: context.cwd,
    requireDetector: true,
    ...(flags.dryRun ? { dryRun: true } : {}),
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
  const workspace = await openWorkspace(context);
  let since: Date | undefined;
  if (flags.since !== undefined) {
    since = new Date(flags.since);
    if (Number.isNaN(since.getTime()))
      throw new UsageError(`--since ${flags.since} is not a date; use YYYY-MM-DD`);
  }
  const catalog = await loadCatalog({
    repoRoot: workspace.root,
    config: workspace.config,
    cwd: context.cwd,
  });
  const storePath = resolve(workspace.root, workspace.config.store.path);
  const { openSqliteRunStore } = await import("../../store/index.js");
  const store = openSqliteRunStore(storePath);
  try {
    const reports = store
      .listRuns({ limit: 100_000 })
      .filter((run) => !since || new Date(run.startedAt) >= since)
      .flatMap((run) => {
        const report = store.getRun(run.id);
        return report ? [report] : [];
      });
    const stats = computeFailureStats(reports, catalog.entries, since ? { since } : {});
    context.stdout.write(
      flags.format === "json" ? `${JSON.stringify(stats, null, 2)}\n` : formatFailureStats(stats),
    );
  } finally {
    store.close();
  }
}

async function activeEntries(context: CliContext): Promise<CatalogEntry[]> {
  const workspace = await openWorkspace(context);
  const catalog = await loadCatalog({
    repoRoot: workspace.root,
    config: workspace.config,
    cwd: context.cwd,
  });
  const errors = catalog.problems.filter((problem) => problem.severity !== "warning");
  if (errors.length > 0) throw new ValidationError(errors);
  return catalog.entries.sort((left, right) =>
    left.id < right.id ? -1 : left.id > right.id ? 1 : 0,
  );
}

function formatEntry(entry: CatalogEntry): string {
  const lines = [
    `${entry.id}  ${entry.title}`,
    `severity: ${entry.severity}   domain: ${entry.domain}   origin: ${entry.origin} (${entry.file}:${entry.line})`,
  ];
  if (entry.appliesTo) lines.push(`applies to: ${entry.appliesTo.join(", ")}`);
  lines.push(
    "",
    `trigger: ${entry.trigger}`,
    "symptoms:",
    ...entry.symptoms.map((symptom) => `  - ${symptom}`),
  );
  lines.push(`fix: ${entry.fix}`, `source: ${entry.source}`);
  if (entry.tags) lines.push(`tags: ${entry.tags.join(", ")}`);
  if (entry.detect) {
    lines.push("detect:");
    for (const [key, value] of Object.entries(entry.detect)) {
      lines.push(`  ${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
    }
  } else {
    lines.push("detect: (none; prose only, given to the AI reviewer)");
  }
  lines.push(`examples: ${entry.examples.bad.length} bad, ${entry.examples.good.length} good`);
  return `${lines.join("\n")}\n`;
}

/** Verdicts of every regex lint found nothing wrong with, for the shipped seed file. */
function renderSafeVerdicts(prepared: PreparedCatalog): string {
  const flagged = new Set(
    prepared.problems.map((problem) => `${problem.path}:${problem.line}:${problem.column}`),
  );
  const verdicts: Record<string, "safe"> = {};
  for (const detector of prepared.detectors) {
    for (const key of ["added", "removed", "absent"] as const) {
      const pattern = detector[key];
      const at = detector.entry.locations[key];
      if (!pattern || !at || flagged.has(`${detector.entry.file}:${at.line}:${at.column}`))
        continue;
      verdicts[regexVerdictKey(pattern.source, pattern.flags)] = "safe";
    }
  }
  const sorted = Object.fromEntries(
    Object.entries(verdicts).sort(([left], [right]) => (left < right ? -1 : 1)),
  );
  return `${JSON.stringify(sorted, null, 2)}\n`;
}
