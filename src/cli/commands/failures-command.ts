import { Command, Option } from "commander";
// A deep import on purpose: report/index.ts loads every reporter, which only
// the check action needs, after its work is done.
import { REPORT_FORMATS } from "../../report/report-formats.js";
import type { CliContext } from "../cli-context.js";
import type { LintFlags, ListFlags, MineFlags, ShowFlags, StatsFlags } from "./failures-actions.js";
import type { AddFlags } from "./failures-add.js";

const collect = (value: string, previous: string[]) => [...previous, value];

/** `jig failures`: lint, test, check, list, show, add, mine and stats for the failure-model catalog. */
export function createCommand(context: CliContext): Command {
  const command = new Command("failures").description(
    "Lint, test, list and run the failure-model catalog; mine incidents",
  );
  for (const add of [
    addLintCommand,
    addTestCommand,
    addCheckCommand,
    addListCommand,
    addShowCommand,
    addAddCommand,
    addMineCommand,
    addStatsCommand,
  ])
    add(command, context);
  return command;
}

/** `jig failures lint`: schema, duplicate ids, regexes, ast-grep rules, ReDoS risk. */
function addLintCommand(command: Command, context: CliContext): void {
  command
    .command("lint")
    .description("Check the catalog: schema, duplicate ids, regexes, ast-grep rules, ReDoS risk")
    .option("--no-cache", "re-check every regex instead of using cached ReDoS verdicts")
    .option(
      "--write-verdicts <file>",
      "write the ReDoS verdicts of every clean regex to FILE (catalog maintainers)",
    )
    .addHelpText(
      "after",
      "\nExample:\n  jig failures lint\n\nPrints file:line:col for each problem; exit 2 on any error.",
    )
    .action(async (flags: LintFlags) =>
      (await import("./failures-actions.js")).lintAction(context, flags),
    );
}

/** `jig failures test`: every entry's examples as unit tests of its detector. */
function addTestCommand(command: Command, context: CliContext): void {
  command
    .command("test")
    .description("Run every entry's examples as unit tests of its detector")
    .addHelpText(
      "after",
      "\nExample:\n  jig failures test\n\nExit 1 when a bad example is not detected or a good one is.",
    )
    .action(async () => (await import("./failures-actions.js")).testAction(context));
}

/** `jig failures check`: every detector on a git range or a unified diff. */
function addCheckCommand(command: Command, context: CliContext): void {
  command
    .command("check")
    .description("Run every detector on a change (a git range or a unified diff)")
    .option("--base <rev>", "start of the change (default: merge-base with the default branch)")
    .option("--head <rev>", "end of the change (default: HEAD plus uncommitted changes)")
    .option(
      "--diff <file>",
      "read a unified diff from FILE, or from stdin with '-', instead of git",
    )
    .addOption(
      new Option("--format <format>", "report format").choices([...REPORT_FORMATS]).default("text"),
    )
    .addHelpText(
      "after",
      "\nExamples:\n  jig failures check --base origin/main\n  git diff main | jig failures check --diff - --format json\n\nExit 1 when a finding reaches gate.failOn, 0 otherwise, 2 on bad input.",
    )
    .action(async (flags: { base?: string; head?: string; diff?: string; format: string }) => {
      const { failuresExitCode, runFailuresCheck } = await import("./failures-check.js");
      const report = await runFailuresCheck(context, flags);
      const { printReport } = await import("../print-report.js");
      await printReport(context, report, { format: flags.format }, "jig failures check");
      context.exitCode = failuresExitCode(report);
    });
}

/** `jig failures list`: the active failure models and where each comes from. */
function addListCommand(command: Command, context: CliContext): void {
  command
    .command("list")
    .description("List the active failure models and where each comes from (shipped or project)")
    .option("--domain <domain>", "only this domain")
    .addOption(
      new Option("--format <format>", "output format").choices(["text", "json"]).default("text"),
    )
    .addHelpText("after", "\nExample:\n  jig failures list --domain secrets")
    .action(async (flags: ListFlags) =>
      (await import("./failures-actions.js")).listAction(context, flags),
    );
}

/** `jig failures show ID`: one failure model in full. */
function addShowCommand(command: Command, context: CliContext): void {
  command
    .command("show")
    .description("Show one failure model in full")
    .argument("<id>", "failure-model id, e.g. FM-DB-001")
    .addOption(
      new Option("--format <format>", "output format").choices(["text", "json"]).default("text"),
    )
    .addHelpText("after", "\nExample:\n  jig failures show FM-DB-001")
    .action(async (id: string, flags: ShowFlags) =>
      (await import("./failures-actions.js")).showAction(context, id, flags),
    );
}

/** `jig failures add`: a hand-written failure model, vetted by its own examples. */
function addAddCommand(command: Command, context: CliContext): void {
  command
    .command("add")
    .description(
      "Add a failure model from flags (or prompts on a TTY), validated by its own examples",
    )
    .option("--id <id>", "FM-AREA-NNN")
    .option("--title <title>")
    .addOption(new Option("--severity <severity>").choices(["critical", "high", "medium", "low"]))
    .option("--domain <domain>", "catalog file: <failures.dir>/<domain>.yaml")
    .option("--applies-to <glob>", "path glob (repeatable)", collect, [])
    .option("--trigger <text>")
    .option("--symptom <text>", "repeatable", collect, [])
    .option("--fix <text>")
    .option("--source <text>", "the incident or incident class")
    .option("--tag <tag>", "repeatable", collect, [])
    .option("--added <regex>", "detector: regex on added lines")
    .option("--removed <regex>", "detector: regex on removed lines")
    .option("--absent <regex>", "detector: regex the new file must lack")
    .option("--file-deleted", "detector: the file is deleted")
    .option("--ast <rule>", "detector: ast-grep rule as YAML/JSON, e.g. '{kind: catch_clause}'")
    .option("--ast-language <language>", "language of --ast (default: from the file extension)")
    .option(
      "--bad <snippet>",
      "example the detector must match (repeatable; 'before\\n=>\\nafter' for an edit)",
      collect,
      [],
    )
    .option("--good <snippet>", "example it must not match (repeatable)", collect, [])
    .option(
      "--example-path <path>",
      "path given to the examples (default: derived from --applies-to)",
    )
    .option("--dry-run", "validate only; write nothing")
    .addHelpText(
      "after",
      `\nExample:\n  jig failures add --id FM-API-001 --domain api --severity high --title "Debug endpoint left enabled" \\\n    --trigger "..." --symptom "..." --fix "..." --source "..." \\\n    --added '\\bapp\\.get\\(["'']/debug' --bad 'app.get("/debug", dump);' --good 'app.get("/health", ok);'`,
    )
    .action(async (flags: AddFlags) =>
      (await import("./failures-actions.js")).addAction(context, flags),
    );
}

/** `jig failures mine INCIDENT`: failure models proposed by a model, vetted before writing. */
function addMineCommand(command: Command, context: CliContext): void {
  command
    .command("mine")
    .description(
      "Propose failure models from an incident write-up with a model; write those whose examples pass",
    )
    .argument("<incident>", "postmortem, PR thread or chat log (markdown or text)")
    .option("--model <id>", "provider:model (default: JIG_REVIEW_MODEL or models.reviewer)")
    .option("--dry-run", "show the proposals and verdicts; write nothing")
    .addHelpText(
      "after",
      "\nExample:\n  jig failures mine postmortems/2025-03-outage.md --model anthropic:claude-sonnet-4-5",
    )
    .action(async (incident: string, flags: MineFlags) =>
      (await import("./failures-actions.js")).mineAction(context, incident, flags),
    );
}

/** `jig failures stats`: which failure models fire, per domain and week, and which never do. */
function addStatsCommand(command: Command, context: CliContext): void {
  command
    .command("stats")
    .description("Which failure models fire most, per domain and over time, and which never fire")
    .option("--since <date>", "only runs started on or after this date (YYYY-MM-DD)")
    .addOption(
      new Option("--format <format>", "output format").choices(["text", "json"]).default("text"),
    )
    .addHelpText("after", "\nExample:\n  jig failures stats --since 2025-01-01")
    .action(async (flags: StatsFlags) =>
      (await import("./failures-actions.js")).statsAction(context, flags),
    );
}
