import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import pc from "picocolors";
import { exitCodeForOutcome, runCheck } from "../../check/index.js";
import type { Outcome } from "../../contract/index.js";
import { buildDemoRepository, DEMO_CHANGES } from "../../demo/index.js";
import { getReporter } from "../../report/index.js";
import { type CliContext, useColor } from "../cli-context.js";
import { COMMANDS } from "../registry.js";

/** `jig demo`: the storefront. Builds an example repo and gates two changes. */
export function createCommand(context: CliContext): Command {
  return new Command("demo")
    .description("Build an example repo in a temp dir and gate one change per kind of defect")
    .option("--keep", "keep the example repository instead of deleting it")
    .addHelpText(
      "after",
      "\nExample:\n  jig demo --keep   # then cd into the printed path and try jig yourself\n",
    )
    .action(async (flags: { keep?: boolean }) => {
      const colors = pc.createColors(useColor(context));
      const repo = mkdtempSync(join(tmpdir(), "jig-demo-"));
      const out = (text = "") => context.stdout.write(`${text}\n`);
      try {
        out(
          colors.bold(
            `jig demo: gating ${DEMO_CHANGES.length} changes to an example refunds service, one clean and one per kind of defect`,
          ),
        );
        out(colors.dim(`example repository: ${repo}`));
        const demo = await buildDemoRepository(repo);
        const results: Array<{ title: string; outcome: Outcome; expected: Outcome }> = [];
        for (const [index, change] of DEMO_CHANGES.entries()) {
          const title = `Change ${index + 1}: ${change.title}`;
          await demo.commitChange(change);
          out();
          out(colors.bold(`━━ ${title} (${change.branch})`));
          out(colors.dim(`expected: ${change.expectation}`));
          out(colors.dim(`$ jig check --base main`));
          const report = await runCheck({
            cwd: repo,
            base: "main",
            env: context.env,
            version: context.version,
            now: context.now,
          });
          out(
            getReporter("text")
              .render(report, { color: useColor(context) })
              .trimEnd(),
          );
          results.push({
            title,
            outcome: report.verdict.outcome,
            expected: change.expectedOutcome,
          });
        }
        out();
        out(colors.bold("Summary"));
        for (const result of results) {
          const mark = result.outcome === result.expected ? colors.green("✓") : colors.red("✗");
          out(
            `  ${mark} ${result.title}: ${result.outcome} (exit ${exitCodeForOutcome(result.outcome)})`,
          );
        }
        // Boundary sensing: what the record so far says about autonomy, and
        // the level the example repository has earned, with its next steps.
        const merged = DEMO_CHANGES[0];
        if (merged && results[0]?.outcome === "pass") {
          await demo.mergeIntoMain(merged.branch);
          out();
          out(colors.bold(`━━ A person merges change 1 (${merged.branch}), which passed`));
          for (const args of [["autonomy", "status"], ["level"]]) {
            out(colors.dim(`$ jig ${args.join(" ")}`));
            await runCommand(context, repo, args);
          }
        }
        out();
        out(
          colors.dim(
            flags.keep
              ? `kept ${repo}: cd there and run 'jig ui' to browse these runs, or 'jig check --base main'`
              : "Run 'jig demo --keep' to keep the example repository, then 'jig ui' there to browse these runs.",
          ),
        );
        const allAsExpected = results.every((result) => result.outcome === result.expected);
        context.exitCode = allAsExpected ? 0 : 1;
      } finally {
        if (!flags.keep) rmSync(repo, { recursive: true, force: true });
      }
    });
}

/** Run another jig command in the demo repository, printing to the demo's output. */
async function runCommand(context: CliContext, cwd: string, args: string[]): Promise<void> {
  const entry = COMMANDS.find((command) => command.name === args[0]);
  if (!entry) return;
  const sub: CliContext = { ...context, cwd, exitCode: 0 };
  const module = await entry.load();
  await module.createCommand(sub).parseAsync(args.slice(1), { from: "user" });
}
