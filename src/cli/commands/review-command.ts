import { Command, Option } from "commander";
import { exitCodeForOutcome, runCheck } from "../../check/index.js";
import { loadConfig } from "../../config/index.js";
import { UsageError } from "../../core/errors.js";
import { createReviewLayer } from "../../gate/layers/review-layer.js";
import { findRepoRoot } from "../../git/index.js";
import { CONFIGURE_REVIEWER_HINT, resolveModelRoles } from "../../models/index.js";
import { REPORT_FORMATS } from "../../report/index.js";
import type { CliContext } from "../cli-context.js";
import { printReport } from "../print-report.js";
import { parseMaxCost } from "./review-options.js";

interface ReviewFlags {
  base?: string;
  head?: string;
  spec?: string;
  model?: string;
  format: string;
  output?: string;
  cache: boolean;
  maxCost?: number;
}

/**
 * `jig review`: only the AI review layer, as a recorded gate run. The model
 * reports findings and criteria; jig computes the verdict and the exit code.
 */
export function createCommand(context: CliContext): Command {
  return new Command("review")
    .description("Have an independent model review a change against its spec and failure models")
    .option("--base <rev>", "start of the change (default: merge-base with the default branch)")
    .option("--head <rev>", "end of the change (default: HEAD plus uncommitted changes)")
    .option("--spec <id>", "the spec this change implements, e.g. SPEC-0007")
    .option(
      "--model <id>",
      "reviewer model, provider:model (overrides models.reviewer and JIG_REVIEW_MODEL)",
    )
    .addOption(
      new Option("--format <format>", "report format").choices([...REPORT_FORMATS]).default("text"),
    )
    .option("--output <file>", "write the report to a file; a text summary still goes to stdout")
    .option("--no-cache", "call the model even when .jig/cache holds an answer")
    .option(
      "--max-cost <usd>",
      "stop before the review spends more than this many US dollars",
      parseMaxCost,
    )
    .addHelpText(
      "after",
      `
Examples:
  jig review --model anthropic:claude-sonnet-4-5
  jig review --base origin/main --spec SPEC-0007 --format markdown >> "$GITHUB_STEP_SUMMARY"
  JIG_CASSETTE=review.jsonl JIG_CASSETTE_MODE=replay jig review   # deterministic CI replay

Exit codes: 0 pass, 1 fail (findings at or above gate.failOn, an unmet criterion, or a review error), 2 usage or config error.`,
    )
    .action(async (flags: ReviewFlags) => {
      const repoRoot = await findRepoRoot(context.cwd);
      const { config } = await loadConfig(repoRoot, { cwd: context.cwd });
      // Role errors (reviewer = coder, bad id) are config errors: exit 2 before any work.
      const roles = resolveModelRoles(config, context.env, { reviewer: flags.model });
      if (!roles.reviewer) {
        throw new UsageError(`no reviewer model: ${CONFIGURE_REVIEWER_HINT}, or pass --model`, {
          code: "models/no-reviewer",
        });
      }
      const report = await runCheck({
        cwd: context.cwd,
        base: flags.base,
        head: flags.head,
        spec: flags.spec,
        envSpec: context.env.JIG_SPEC,
        env: context.env,
        reviewerModel: roles.reviewer.id,
        noCache: !flags.cache,
        version: context.version,
        now: context.now,
        layers: [
          createReviewLayer({
            env: context.env,
            model: roles.reviewer.id,
            maxCostUsd: flags.maxCost,
          }),
        ],
      });
      await printReport(context, report, flags, "jig review");
      context.exitCode = exitCodeForOutcome(report.verdict.outcome);
    });
}
