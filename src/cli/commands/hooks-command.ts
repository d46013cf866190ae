import { Command } from "commander";
import { exitCodeForOutcome, runCheck } from "../../check/index.js";
import { loadConfig } from "../../config/index.js";
import { packagePath, readStreamText } from "../../core/index.js";
import { findRepoRoot } from "../../git/index.js";
import {
  HUSKY_SNIPPET,
  installPrePushHook,
  LEFTHOOK_SNIPPET,
  parsePushedRefs,
  planPushChecks,
  resolvePushBase,
} from "../../hooks/index.js";
import { getReporter } from "../../report/index.js";
import { type CliContext, useColor } from "../cli-context.js";

/** `jig hooks install [--pre-push]` and the hook's own entry, `jig hooks pre-push`. */
export function createCommand(context: CliContext): Command {
  const hooks = new Command("hooks")
    .description("Install git hooks that run jig check before a push")
    .addHelpText(
      "after",
      "\nExamples:\n  jig hooks install --pre-push\n\nRun 'jig hooks <command> --help' for each command's flags.\n",
    );
  hooks
    .command("install")
    .description("Install a pre-push hook that runs jig check on each pushed range")
    .option("--pre-push", "install the pre-push hook (the default and only hook for now)")
    .addHelpText(
      "after",
      `
Example:
  jig hooks install --pre-push
An existing pre-push hook is kept and chained (moved to pre-push.jig-chained).
git push --no-verify skips every hook, so CI must run jig check too.`,
    )
    .action(async () => {
      context.exitCode = await install(context);
    });
  hooks
    .command("pre-push")
    .description(
      "Run by the pre-push hook: read git's ref lines on stdin and check each pushed range",
    )
    .argument("[remote]", "remote name, from git")
    .argument("[url]", "remote URL, from git")
    .action(async (remote?: string) => {
      context.exitCode = await prePush(context, remote);
    });
  return hooks;
}

async function install(context: CliContext): Promise<number> {
  const repoRoot = await findRepoRoot(context.cwd);
  const say = (text: string) => context.stdout.write(`${text}\n`);
  // The binary that installed the hook; the hook falls back to `jig` on PATH without it.
  const installed = await installPrePushHook(repoRoot, packagePath("bin", "jig.js"));
  if (installed.kind === "managed") {
    say(
      `core.hooksPath is set to ${installed.hooksPath} (husky, lefthook or similar manage the hooks); add jig there instead:`,
    );
    say("");
    say(HUSKY_SNIPPET);
    say(LEFTHOOK_SNIPPET);
    return 0;
  }
  if (installed.chainedPath)
    say(`kept your existing pre-push hook: it now runs first, from ${installed.chainedPath}`);
  say(`installed ${installed.hookPath}: every git push now runs jig check on the pushed range`);
  say("git push --no-verify skips it, so run jig check in CI too.");
  say("");
  say("Using husky or lefthook instead? Add one of these:");
  say(HUSKY_SNIPPET);
  say(LEFTHOOK_SNIPPET);
  return 0;
}

async function prePush(context: CliContext, remote: string | undefined): Promise<number> {
  const repoRoot = await findRepoRoot(context.cwd);
  const { config } = await loadConfig(repoRoot, { cwd: context.cwd });
  const input = context.stdin.isTTY ? "" : await readStreamText(context.stdin);
  const out = (text: string) => context.stderr.write(`${text}\n`);
  let worst = 0;
  for (const plan of planPushChecks(parsePushedRefs(input))) {
    const name = plan.ref.localRef.replace(/^refs\/heads\//, "");
    if (plan.kind === "skip") {
      out(`jig pre-push: ${plan.ref.remoteRef} skipped (${plan.reason})`);
      continue;
    }
    const resolved = await resolvePushBase(plan, repoRoot, config.defaultBranch);
    if ("skip" in resolved) {
      out(`jig pre-push: ${name} skipped (${resolved.skip})`);
      continue;
    }
    const { base } = resolved;
    out(
      `jig pre-push: checking ${name} → ${remote ?? "remote"} (${base.slice(0, 7)}..${plan.head.slice(0, 7)})`,
    );
    const report = await runCheck({
      cwd: repoRoot,
      base,
      head: plan.head,
      envSpec: context.env.JIG_SPEC,
      env: context.env,
      version: context.version,
      now: context.now,
    });
    out(
      getReporter("text")
        .render(report, { color: useColor(context, "stderr") })
        .trimEnd(),
    );
    const code = exitCodeForOutcome(report.verdict.outcome);
    if (code !== 0)
      out(
        `jig pre-push: ${name} did not pass (${report.verdict.outcome}); push blocked. Fix it, or bypass with --no-verify (CI still checks).`,
      );
    worst = Math.max(worst, code);
  }
  return worst;
}
