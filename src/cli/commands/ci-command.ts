import { readFile } from "node:fs/promises";
import { Command, InvalidArgumentError, Option } from "commander";
import { exitCodeForOutcome, runCheck } from "../../check/index.js";
import type { Report } from "../../contract/index.js";
import { ExitCode, JigError, SEVERITIES, type Severity, UsageError } from "../../core/index.js";
import { getReporter, REPORT_FORMATS } from "../../report/index.js";
import type { CliContext } from "../cli-context.js";
import { printReport } from "../print-report.js";
import { writeOutputFile } from "../write-output.js";

interface GithubFlags {
  base?: string;
  head?: string;
  spec?: string;
  format: string;
  failOn?: Severity;
  comment: boolean;
  inlineThreshold: Severity | "off";
  sarif?: string | false;
  summary?: string;
  maxRetryWait: number;
  ai: boolean;
  cache: boolean;
}

/** `jig ci github`: what the GitHub Action runs. */
export function createCommand(context: CliContext): Command {
  const ci = new Command("ci")
    .description("Run the gate in CI and publish the result where the team reviews code")
    .addHelpText("after", "\nExamples:\n  jig ci github --comment --sarif jig.sarif\n");
  ci.command("github")
    .description(
      "Run jig check on a pull request; write the step summary and SARIF, and keep one PR comment and inline comments up to date",
    )
    .option("--base <rev>", "start of the change (default: pull_request.base.sha of the event)")
    .option("--head <rev>", "end of the change (default: pull_request.head.sha of the event)")
    .option("--spec <id>", "the spec this change implements, e.g. SPEC-0007")
    .addOption(
      new Option("--format <format>", "report format on stdout (the log)")
        .choices([...REPORT_FORMATS])
        .default("text"),
    )
    .addOption(
      new Option(
        "--fail-on <severity>",
        "fail on findings at or above this; only ever stricter than gate.failOn",
      ).choices([...SEVERITIES]),
    )
    .option("--comment", "keep one PR comment and inline review comments up to date", false)
    .addOption(
      new Option(
        "--inline-threshold <severity>",
        "inline comments for findings at or above this, or off",
      )
        .choices([...SEVERITIES, "off"])
        .default("high"),
    )
    .option(
      "--sarif <path>",
      "write SARIF for github/codeql-action/upload-sarif (false: none)",
      sarifPath,
    )
    .option("--summary <path>", "append the markdown report here (default: $GITHUB_STEP_SUMMARY)")
    .option(
      "--max-retry-wait <seconds>",
      "longest wait for one rate-limited API retry",
      seconds,
      60,
    )
    .option("--no-ai", "skip the AI review layer on purpose")
    .option("--no-cache", "bypass the model cache")
    .addHelpText(
      "after",
      `
Reads GITHUB_EVENT_PATH, GITHUB_REPOSITORY, GITHUB_API_URL and GITHUB_TOKEN, as GitHub Actions sets them.

Examples:
  jig ci github --comment --sarif jig.sarif
  jig ci github --comment --inline-threshold medium --fail-on medium

Exit codes: the verdict (0 pass, 1 fail, 3 needs a human), even when the token may not comment; 2 usage or input error, 4 internal error.`,
    )
    .action(async (flags: GithubFlags) => {
      context.exitCode = await runGithub(context, flags);
    });
  return ci;
}

async function runGithub(context: CliContext, flags: GithubFlags): Promise<number> {
  const github = await import("../../github/index.js");
  const { env } = context;
  const eventPath = env.GITHUB_EVENT_PATH;
  const eventText = eventPath ? await readEvent(eventPath) : undefined;
  const pull = github.readPullRequestContext(env, eventText);
  const base = flags.base ?? pull.baseSha;
  const head = flags.head ?? pull.headSha;
  const checked = await runCheck({
    cwd: context.cwd,
    base,
    head,
    spec: flags.spec,
    envSpec: env.JIG_SPEC,
    env,
    noAi: !flags.ai,
    noCache: !flags.cache,
    version: context.version,
    now: context.now,
  });
  const tightened = github.tightenVerdict(checked, flags.failOn);
  const report = tightened.report;
  const warn = (line: string) => context.stdout.write(`::warning title=jig::${line}\n`);
  if (tightened.ignored) warn(tightened.ignored);

  await printReport(context, report, { format: flags.format }, "jig ci github");
  if (flags.sarif) {
    const written = await writeOutputFile(
      context.cwd,
      flags.sarif,
      getReporter("sarif").render(report, { color: false }),
    );
    context.stdout.write(`SARIF written to ${written}\n`);
  }
  let note: string | undefined;
  let failure: unknown;
  if (flags.comment) {
    try {
      note = await publish(context, flags, report, pull, head ?? report.range.head);
    } catch (error) {
      // GitHub still failing after the retries: the summary gets the report
      // first, then the error ends the run as an internal one (exit 4).
      failure = error;
      note = `publishing to the pull request failed: ${(error as Error).message.split("\n")[0]}`;
    }
    if (note) warn(note);
  }
  const summary = flags.summary ?? env.GITHUB_STEP_SUMMARY;
  if (summary) {
    const markdown = getReporter("markdown").render(report, { color: false });
    const warning = note === undefined ? "" : `> [!WARNING]\n> ${note}\n\n`;
    const { appendFile } = await import("node:fs/promises");
    await appendFile(summary, `${warning}${markdown}\n`, "utf8").catch((error) => {
      throw new UsageError(`cannot write the step summary ${summary}: ${(error as Error).message}`);
    });
  }
  if (failure !== undefined) {
    throw new JigError("github/publish", note ?? "publishing to the pull request failed", {
      cause: failure,
      exitCode: ExitCode.internal,
    });
  }
  return exitCodeForOutcome(report.verdict.outcome);
}

/** Publish to the pull request; returns a warning line when it could not. */
async function publish(
  context: CliContext,
  flags: GithubFlags,
  report: Report,
  pull: import("../../github/index.js").PullRequestContext,
  headSha: string,
): Promise<string | undefined> {
  const github = await import("../../github/index.js");
  if (pull.pullNumber === undefined) {
    return "not a pull_request event: no PR to comment on; the report is in the step summary";
  }
  const token = context.env.GITHUB_TOKEN;
  if (!token) {
    return "no GITHUB_TOKEN: cannot comment on the pull request; the report is in the step summary";
  }
  const client = github.createGithubClient({
    token,
    baseUrl: pull.apiUrl,
    maxRetryWaitMs: flags.maxRetryWait * 1000,
    now: () => context.now().getTime(),
    userAgent: `jig/${context.version}`,
  });
  const result = await github.publishToPullRequest(
    client,
    { owner: pull.owner, repo: pull.repo, pullNumber: pull.pullNumber, headSha },
    report,
    { comment: true, inlineThreshold: flags.inlineThreshold },
  );
  if (result.denied) return result.denied;
  context.stdout.write(
    `PR #${pull.pullNumber}: report comment ${result.reportComment}; inline comments: ${result.inlineCreated} new, ${result.inlineUpdated} updated; ${result.outsideDiff} outside the diff\n`,
  );
  return undefined;
}

async function readEvent(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read GITHUB_EVENT_PATH ${path}: ${(error as Error).message}`, {
      code: "github/event",
      cause: error,
    });
  }
}

function sarifPath(value: string): string | false {
  return value === "false" || value === "" ? false : value;
}

function seconds(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) {
    throw new InvalidArgumentError(`expected a number of seconds, got "${value}"`);
  }
  return number;
}
