import { existsSync } from "node:fs";
import { Command, InvalidArgumentError, Option } from "commander";
import { loadConfig } from "../../config/index.js";
import { resolveStorePath, UsageError } from "../../core/index.js";
import { findRepoRoot } from "../../git/index.js";
// A deep import on purpose: report/index.ts loads all five reporters, which
// `jig runs list` does not need.
import { formatRunsTable } from "../../report/format-runs-table.js";
import {
  findRunReport,
  openRunStore,
  type RunStore,
  resolveStoreUrl,
  type StoreTarget,
} from "../../store/index.js";
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
      const path = await storeOf(context);
      if (!path.url && !existsSync(path.path)) {
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
      const path = await storeOf(context);
      const report =
        path.url || existsSync(path.path)
          ? withStore(path, (store) => findRunReport(store, id))
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

function withStore<T>(target: StoreTarget, use: (store: RunStore) => T): T {
  const store = openRunStore(target);
  try {
    return use(store);
  } finally {
    store.close();
  }
}

/** `<repo root>/<store.path>`, or the team's Postgres store; per repository, wherever in it jig runs. */
async function storeOf(context: CliContext): Promise<StoreTarget> {
  const root = await findRepoRoot(context.cwd);
  const { config } = await loadConfig(root, { cwd: context.cwd });
  const url = resolveStoreUrl(config.store.url, context.env);
  return { path: resolveStorePath(root, config.store.path), ...(url ? { url } : {}) };
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!/^\d+$/.test(value) || limit < 1) {
    throw new InvalidArgumentError("use a whole number of runs, at least 1");
  }
  return limit;
}
