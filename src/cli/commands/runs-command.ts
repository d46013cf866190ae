import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import pc from "picocolors";
import { loadConfig } from "../../config/index.js";
import type { Report } from "../../contract/index.js";
import { UsageError } from "../../core/index.js";
import { findRepoRoot } from "../../git/index.js";
import { openSqliteRunStore, type RunStore, type RunSummary } from "../../store/index.js";
import { type CliContext, useColor } from "../cli-context.js";

const LIST_FORMATS = ["text", "json"] as const;
const SHOW_FORMATS = ["text", "json", "markdown", "sarif", "junit"] as const;
const DEFAULT_LIMIT = 20;

/** `jig runs`: list and show the gate runs recorded in the run store. */
export function createCommand(context: CliContext): Command {
  const runs = new Command("runs").description("List and show recorded gate runs").addHelpText(
    "after",
    `
Examples:
  jig runs list --limit 5
  jig runs show 20261125T1015 --format markdown`,
  );

  runs
    .command("list", { isDefault: true })
    .description("List recorded runs, newest first")
    .option("--limit <n>", `how many runs to show (default ${DEFAULT_LIMIT})`, parseLimit)
    .addOption(
      new Option("--format <format>", "output format").choices(LIST_FORMATS).default("text"),
    )
    .addHelpText("after", "\nExample:\n  jig runs list --limit 5 --format json")
    .action(async (flags: { limit?: number; format: (typeof LIST_FORMATS)[number] }) => {
      const path = await resolveStorePath(context.cwd);
      if (!existsSync(path)) {
        context.stdout.write(flags.format === "json" ? "[]\n" : `${NO_RUNS}\n`);
        return;
      }
      const summaries = withStore(path, (store) =>
        store.listRuns({ limit: flags.limit ?? DEFAULT_LIMIT }),
      );
      if (flags.format === "json") {
        context.stdout.write(`${JSON.stringify(summaries, null, 2)}\n`);
      } else {
        context.stdout.write(
          summaries.length === 0 ? `${NO_RUNS}\n` : formatRunsTable(summaries, useColor(context)),
        );
      }
    });

  runs
    .command("show")
    .description("Show one run's report")
    .argument("<id>", "run id, any unique prefix of it, or 'latest'")
    .addOption(
      new Option("--format <format>", "report format").choices(SHOW_FORMATS).default("text"),
    )
    .addHelpText(
      "after",
      '\nExamples:\n  jig runs show 20261125T1015 --format json\n  jig runs show latest --format markdown >> "$GITHUB_STEP_SUMMARY"',
    )
    .action(async (id: string, flags: { format: (typeof SHOW_FORMATS)[number] }) => {
      const path = await resolveStorePath(context.cwd);
      const report = existsSync(path)
        ? withStore(path, (store) => findReport(store, id))
        : undefined;
      if (!report) throw noRun(id);
      // Loaded here so `jig runs list` does not pay for five reporters.
      const { getReporter } = await import("../../report/index.js");
      const color = flags.format === "text" && useColor(context);
      const rendered = getReporter(flags.format).render(report, { color });
      context.stdout.write(rendered.endsWith("\n") ? rendered : `${rendered}\n`);
    });

  return runs;
}

const NO_RUNS = "no runs recorded yet; jig check records one";

function noRun(id: string): UsageError {
  return new UsageError(`no run ${id}; see jig runs list`, { code: "runs/not-found" });
}

/** The report of `id`, or a reason why a run that exists has none. */
function findReport(store: RunStore, id: string): Report | undefined {
  if (id === "latest") {
    const newest = store.listRuns({ limit: 1 })[0];
    if (!newest) return undefined;
    id = newest.id;
  }
  const report = store.getRun(id);
  if (report) return report;
  const summary = store.getRunSummary(id);
  if (!summary) return undefined;
  throw new UsageError(
    summary.status === "running"
      ? `run ${summary.id} is still running; its report is saved when it finishes`
      : `run ${summary.id} was interrupted before it finished, so it has no report`,
    { code: "runs/no-report" },
  );
}

function withStore<T>(path: string, use: (store: RunStore) => T): T {
  const store = openSqliteRunStore(path);
  try {
    return use(store);
  } finally {
    store.close();
  }
}

/** `<repo root>/<store.path>`; the store is per repository, wherever in it jig runs. */
async function resolveStorePath(cwd: string): Promise<string> {
  const root = await findRepoRoot(cwd);
  const { config } = await loadConfig(root, { cwd });
  return resolve(root, config.store.path);
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!/^\d+$/.test(value) || limit < 1) {
    throw new InvalidArgumentError("use a whole number of runs, at least 1");
  }
  return limit;
}

/**
 * The `jig runs list` table. Pure, so its layout is tested without a store.
 * Shas are cut to 7 characters; run ids stay whole because they are what
 * `jig runs show` takes.
 */
export function formatRunsTable(runs: RunSummary[], color: boolean): string {
  const colors = pc.createColors(color);
  const header = ["ID", "STATUS", "OUTCOME", "RANGE", "FINDINGS", "DURATION", "STARTED"];
  const rows = runs.map((run) => [
    run.id,
    run.status,
    run.outcome ?? "-",
    `${run.base.slice(0, 7)}..${run.head.slice(0, 7)}`,
    String(run.findings),
    run.durationMs === undefined ? "-" : formatDuration(run.durationMs),
    run.startedAt.replace("T", " ").replace(/\.\d+Z$/, "Z"),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const paint = (cell: string, column: number): string => {
    if (column === 1 && cell === "interrupted") return colors.yellow(cell);
    if (column === 1 && cell === "running") return colors.cyan(cell);
    if (column === 2 && cell === "pass") return colors.green(cell);
    if (column === 2 && cell === "fail") return colors.red(cell);
    if (column === 2 && cell === "needs-human") return colors.yellow(cell);
    return cell;
  };
  const line = (cells: string[], style: (cell: string, column: number) => string): string =>
    cells
      .map((cell, column) => {
        const padding = " ".repeat((widths[column] ?? 0) - cell.length);
        // Numbers align right, text left; padding stays outside the colour codes.
        return column === 4 || column === 5
          ? padding + style(cell, column)
          : style(cell, column) + padding;
      })
      .join("  ")
      .trimEnd();
  return `${[line(header, (cell) => colors.bold(cell)), ...rows.map((row) => line(row, paint))].join("\n")}\n`;
}

/** `850 ms`, `12.3 s`, `2 min 5 s`: readable at a glance in a table. */
export function formatDuration(durationMs: number): string {
  if (durationMs < 1000) return `${Math.round(durationMs)} ms`;
  if (durationMs < 60_000) return `${(durationMs / 1000).toFixed(1)} s`;
  const seconds = Math.round(durationMs / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
