import { join, relative } from "node:path";
import { Command, Option } from "commander";
import { UsageError } from "../../core/errors.js";
import {
  buildMergedReport,
  compareRuns,
  detectLanguage,
  EVAL_FORMATS,
  type EvalFormat,
  loadEvalRun,
  newEvalRunId,
  openEvalStore,
  openEvalWorkspace,
  renderComparisonLines,
  renderEvalReport,
  writeSeal,
  writeStarterSuite,
} from "../../evals/index.js";
import { tryGit } from "../../git/index.js";
import type { CliContext } from "../cli-context.js";
import { writeOutputFile } from "../write-output.js";
import { type EvalRunFlags, runEvalAction } from "./eval-run-action.js";

const formatOption = () =>
  new Option("--format <format>", "report format").choices([...EVAL_FORMATS]).default("text");

/** `jig eval`: run, seal, merge, compare and list holdout eval runs. */
export function createCommand(context: CliContext): Command {
  const command = new Command("eval")
    .description("Run holdout behavioral eval suites, seal them, merge shards and compare runs")
    .addHelpText(
      "after",
      "\nExamples:\n  jig eval run refunds --repeat 5 -j 16\n  jig eval run --changed --base origin/main --format junit --output evals.xml\n  jig eval init refunds\n  jig eval seal\n  jig eval compare RUN_A RUN_B\n\nRun 'jig eval <command> --help' for each command's flags.\n",
    );
  command
    .command("run")
    .description("Run eval suites (all, the named ones, or those covering the change)")
    .argument("[suites...]", "suite ids or files (default: every suite in evals.dir)")
    .option("--changed", "only suites whose covers match the changed files")
    .option(
      "--base <rev>",
      "with --changed: start of the change (default: merge-base with the default branch)",
    )
    .option(
      "--head <rev>",
      "with --changed: end of the change (default: HEAD plus uncommitted changes)",
    )
    .option("-j, --jobs <n>", "scenarios run at once (default: evals.concurrency)")
    .option("--repeat <n>", "runs per scenario, overriding the suites")
    .option(
      "--filter <pattern>",
      "only scenarios whose suite/scenario id matches (glob or substring)",
    )
    .addOption(formatOption())
    .option("--output <file>", "write the report to a file; a text summary still goes to stdout")
    .option("--no-cache", "do not answer model targets from the cache")
    .option(
      "--resume <run-id>",
      "finish a stored run: run only its missing cases (latest: the newest unfinished run)",
    )
    .option("--shard <k/n>", "run the k-th of n equal parts (merge them with jig eval merge)")
    .option("--baseline <ref>", "compare with the last stored run at this git ref")
    .option("--no-progress", "no progress output on stderr")
    .addHelpText(
      "after",
      `
Examples:
  jig eval run                              # every suite in evals.dir
  jig eval run refunds --repeat 5 -j 16     # one suite, 5 runs per scenario
  jig eval run --changed --base origin/main --format junit --output evals.xml
  jig eval run --shard 2/4 --format json --output shard-2.json
  jig eval run --resume 20260101T120000Z-ab12

Exit codes: 0 every suite reached its threshold, 1 one did not, 2 bad suite or flags.`,
    )
    .action(async (names: string[], flags: EvalRunFlags) => runEvalAction(context, names, flags));

  command
    .command("init")
    .description(
      "Write a commented starter suite for the project's language (node, python, go or shell)",
    )
    .argument("[name]", "suite id and file name: <evals.dir>/<name>.yaml", "smoke")
    .action(async (name: string) => {
      const workspace = await openEvalWorkspace(context.cwd);
      const language = detectLanguage(workspace.root);
      const shown = relative(context.cwd, join(workspace.evalsDir, `${name}.yaml`));
      await writeStarterSuite({ evalsDir: workspace.evalsDir, name, language, shown });
      context.stdout.write(
        `wrote ${shown}: a ${language} starter suite with a command target and 3 scenarios\nnext: point its target at your program, then run 'jig eval run ${name}'; when it says what you mean, a person seals it with 'jig eval seal'\n`,
      );
    });

  command
    .command("seal")
    .description(
      "Write <evals.dir>/.jig-seal.json: the sha256 of every suite file, who sealed it and when",
    )
    .option("--by <name>", "who is sealing (default: git user.email)")
    .action(async (flags: { by?: string }) => {
      const workspace = await openEvalWorkspace(context.cwd);
      const by =
        flags.by ??
        (workspace.inGit
          ? (await tryGit(["config", "user.email"], workspace.root))?.trim()
          : undefined) ??
        context.env.USER ??
        "unknown";
      const seal = await writeSeal(workspace.evalsDir, by || "unknown", context.now());
      const count = Object.keys(seal.files).length;
      context.stdout.write(
        `sealed ${count} file${count === 1 ? "" : "s"} in ${workspace.config.evals.dir} as ${by} at ${seal.sealedAt}\n`,
      );
    });

  command
    .command("merge")
    .description("Join shard runs (stored run ids or --format json files) into one scored run")
    .argument("<runs...>", "run ids (or prefixes) or jig.eval-run/v1 JSON files")
    .addOption(formatOption())
    .option("--output <file>", "write the merged report to a file")
    .action(async (references: string[], flags: { format: EvalFormat; output?: string }) => {
      const workspace = await openEvalWorkspace(context.cwd);
      const { db, store } = openEvalStore(workspace, context.env);
      try {
        const runs = [];
        for (const reference of references)
          runs.push(await loadEvalRun(store, reference, context.cwd));
        const report = buildMergedReport(runs, {
          id: newEvalRunId(context.now()),
          now: context.now(),
          store,
        });
        const rendered = renderEvalReport(report, flags.format);
        if (flags.output) {
          const written = await writeOutputFile(context.cwd, flags.output, rendered);
          context.stdout.write(renderEvalReport(report, "text"));
          context.stdout.write(`${flags.format} report written to ${written}\n`);
        } else {
          context.stdout.write(rendered);
        }
        context.exitCode = report.summary.passed ? 0 : 1;
      } finally {
        store.flush();
        db.close();
      }
    });

  command
    .command("compare")
    .description("List per-scenario regressions and improvements from RUN_A to RUN_B")
    .argument("<run-a>", "the earlier run (id, prefix or JSON file)")
    .argument("<run-b>", "the later run")
    .option("--json", "print the comparison as JSON")
    .action(async (a: string, b: string, flags: { json?: boolean }) => {
      const workspace = await openEvalWorkspace(context.cwd);
      const { db, store } = openEvalStore(workspace, context.env);
      try {
        const before = await loadEvalRun(store, a, context.cwd);
        const after = await loadEvalRun(store, b, context.cwd);
        const comparison = compareRuns(before.results, after.results);
        context.stdout.write(
          flags.json
            ? `${JSON.stringify({ before: before.id, after: after.id, ...comparison }, null, 2)}\n`
            : `${renderComparisonLines(comparison, `${before.id} → ${after.id}`).join("\n")}\n`,
        );
        context.exitCode = comparison.regressions.length > 0 ? 1 : 0;
      } finally {
        store.flush();
        db.close();
      }
    });

  command
    .command("list")
    .description("List stored eval runs, newest first")
    .option("--limit <n>", "how many", "20")
    .action(async (flags: { limit: string }) => {
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw new UsageError(`--limit must be a positive integer`);
      const workspace = await openEvalWorkspace(context.cwd);
      const { db, store } = openEvalStore(workspace, context.env);
      try {
        for (const run of store.listRuns(limit)) {
          const outcome = run.status === "running" ? "running" : run.passed ? "pass" : "fail";
          const summary = run.summary
            ? `${run.summary.passes}/${run.summary.runs} runs passed`
            : "unfinished";
          context.stdout.write(
            `${run.id}  ${outcome.padEnd(7)}  ${summary}  ${run.headRef ?? ""}${run.head ? `@${run.head.slice(0, 8)}` : ""}${run.shard ? `  shard ${run.shard}` : ""}\n`,
          );
        }
      } finally {
        store.flush();
        db.close();
      }
    });
  return command;
}
