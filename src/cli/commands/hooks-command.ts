import { existsSync } from "node:fs";
import { chmod, readFile, rename, writeFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { Command } from "commander";
import { exitCodeForOutcome, runCheck } from "../../check/index.js";
import { loadConfig } from "../../config/index.js";
import { UsageError } from "../../core/errors.js";
import { packagePath } from "../../core/index.js";
import { detectDefaultBranch, findRepoRoot, runGit, tryGit } from "../../git/index.js";
import { getReporter } from "../../report/index.js";
import { type CliContext, useColor } from "../cli-context.js";
import {
  HOOK_MARKER,
  HUSKY_SNIPPET,
  LEFTHOOK_SNIPPET,
  parsePushedRefs,
  planPushChecks,
  renderPrePushHook,
} from "./hooks-pre-push.js";

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
  const hooksPath = (await tryGit(["config", "--get", "core.hooksPath"], repoRoot))?.trim();
  if (hooksPath) {
    say(
      `core.hooksPath is set to ${hooksPath} (husky, lefthook or similar manage the hooks); add jig there instead:`,
    );
    say("");
    say(HUSKY_SNIPPET);
    say(LEFTHOOK_SNIPPET);
    return 0;
  }
  const gitDir = (await runGit(["rev-parse", "--git-path", "hooks"], repoRoot)).trim();
  const dir = isAbsolute(gitDir) ? gitDir : join(repoRoot, gitDir);
  const hookPath = join(dir, "pre-push");
  const chainedPath = join(dir, "pre-push.jig-chained");
  if (existsSync(hookPath)) {
    const existing = await readFile(hookPath, "utf8");
    if (!existing.includes(HOOK_MARKER)) {
      if (existsSync(chainedPath)) {
        throw new UsageError(
          `${hookPath} exists and so does ${chainedPath}; merge them by hand, then rerun jig hooks install`,
          { code: "hooks/conflict" },
        );
      }
      await rename(hookPath, chainedPath);
      say(`kept your existing pre-push hook: it now runs first, from ${chainedPath}`);
    }
  }
  await writeFile(hookPath, renderPrePushHook(jigBinPath()));
  await chmod(hookPath, 0o755);
  say(`installed ${hookPath}: every git push now runs jig check on the pushed range`);
  say("git push --no-verify skips it, so run jig check in CI too.");
  say("");
  say("Using husky or lefthook instead? Add one of these:");
  say(HUSKY_SNIPPET);
  say(LEFTHOOK_SNIPPET);
  return 0;
}

/** The binary that installed the hook; the hook falls back to `jig` on PATH without it. */
function jigBinPath(): string {
  return packagePath("bin", "jig.js");
}

async function prePush(context: CliContext, remote: string | undefined): Promise<number> {
  const repoRoot = await findRepoRoot(context.cwd);
  const { config } = await loadConfig(repoRoot, { cwd: context.cwd });
  const input = await readStdin(context.stdin);
  const out = (text: string) => context.stderr.write(`${text}\n`);
  let worst = 0;
  for (const plan of planPushChecks(parsePushedRefs(input))) {
    const name = plan.ref.localRef.replace(/^refs\/heads\//, "");
    if (plan.kind === "skip") {
      out(`jig pre-push: ${plan.ref.remoteRef} skipped (${plan.reason})`);
      continue;
    }
    let base: string;
    if (
      "sha" in plan.base &&
      (await tryGit(["cat-file", "-e", `${plan.base.sha}^{commit}`], repoRoot)) !== undefined
    ) {
      base = plan.base.sha;
    } else {
      const defaultBranch = await detectDefaultBranch(repoRoot, config.defaultBranch);
      const mergeBase = (await tryGit(["merge-base", defaultBranch, plan.head], repoRoot))?.trim();
      if (!mergeBase || mergeBase === plan.head) {
        out(`jig pre-push: ${name} skipped (no commits beyond ${defaultBranch})`);
        continue;
      }
      base = mergeBase;
    }
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

async function readStdin(stdin: NodeJS.ReadableStream & { isTTY?: boolean }): Promise<string> {
  if (stdin.isTTY) return "";
  const chunks: Buffer[] = [];
  for await (const chunk of stdin)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
