import { Command, Option } from "commander";
import { exitCodeForOutcome, runCheck } from "../../check/index.js";
import { REPORT_FORMATS } from "../../report/index.js";
import type { CliContext } from "../cli-context.js";
import { printReport } from "../print-report.js";

interface CheckFlags {
  base?: string;
  head?: string;
  spec?: string;
  format: string;
  output?: string;
  ai: boolean;
  cache: boolean;
}

/** `jig check`: run the gate on a change and exit with its verdict. */
export function createCommand(context: CliContext): Command {
  return new Command("check")
    .description("Run the gate on a change and print a machine-computed verdict")
    .option("--base <rev>", "start of the change (default: merge-base with the default branch)")
    .option("--head <rev>", "end of the change (default: HEAD plus uncommitted changes)")
    .option("--spec <id>", "the spec this change implements, e.g. SPEC-0007")
    .addOption(
      new Option("--format <format>", "report format").choices([...REPORT_FORMATS]).default("text"),
    )
    .option("--output <file>", "write the report to a file; a text summary still goes to stdout")
    .option("--no-ai", "skip the AI review layer on purpose")
    .option("--no-cache", "bypass the model cache")
    .addHelpText(
      "after",
      `
Examples:
  jig check                                  # this branch against the default branch
  jig check --base origin/main --format sarif --output jig.sarif
  jig check --spec SPEC-0007 --format markdown >> "$GITHUB_STEP_SUMMARY"

Exit codes: 0 pass, 1 fail, 2 usage or input error, 3 needs a human, 4 internal error.`,
    )
    .action(async (flags: CheckFlags) => {
      const report = await runCheck({
        cwd: context.cwd,
        base: flags.base,
        head: flags.head,
        spec: flags.spec,
        envSpec: context.env.JIG_SPEC,
        env: context.env,
        noAi: !flags.ai,
        noCache: !flags.cache,
        version: context.version,
        now: context.now,
      });
      await printReport(context, report, flags);
      context.exitCode = exitCodeForOutcome(report.verdict.outcome);
    });
}
