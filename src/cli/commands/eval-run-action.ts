import { UsageError } from "../../core/errors.js";
import {
  type EvalFormat,
  type EvalRunRecord,
  type EvalRunReport,
  type EvalSuite,
  executeEvalRun,
  killRunningCommands,
  loadSuites,
  parseShard,
  renderEvalReport,
  selectSuitesByName,
  selectSuitesForChange,
  withBaseline,
} from "../../evals/index.js";
import { currentBranch, readChange, resolveRange, tryGit } from "../../git/index.js";
import type { CliContext } from "../cli-context.js";
import { writeOutputFile } from "../write-output.js";
import { createEvalProgress } from "./eval-progress.js";
import {
  coderModelOf,
  findEvalRun,
  newEvalRunId,
  openEvalStore,
  openWorkspace,
} from "./eval-support.js";

export interface EvalRunFlags {
  changed?: boolean;
  base?: string;
  head?: string;
  jobs?: string;
  repeat?: string;
  filter?: string;
  format: EvalFormat;
  output?: string;
  cache: boolean;
  resume?: string;
  shard?: string;
  baseline?: string;
  progress: boolean;
}

/** `jig eval run`: select suites, run them, store and render the results. */
export async function runEvalAction(
  context: CliContext,
  names: string[],
  flags: EvalRunFlags,
): Promise<void> {
  const workspace = await openWorkspace(context);
  const { config, root } = workspace;
  const concurrency = positiveInt(flags.jobs, "-j", config.evals.concurrency);
  const { db, store } = openEvalStore(workspace);
  try {
    const all = await loadSuites(workspace.evalsDir, context.cwd, { cache: store.cache });
    let resume: EvalRunRecord | undefined;
    let suites: EvalSuite[];
    let repeat = flags.repeat === undefined ? undefined : positiveInt(flags.repeat, "--repeat", 1);
    let filter = flags.filter;
    let shardText = flags.shard;
    if (flags.resume) {
      resume = findEvalRun(store, flags.resume);
      const wanted = new Set(resume.options.suites);
      suites = all.filter((suite) => wanted.has(suite.suite));
      repeat = resume.options.repeat;
      filter = resume.options.filter;
      shardText = resume.options.shard;
    } else {
      const byName = selectSuitesByName(all, names);
      if (byName.unknown.length > 0) {
        throw new UsageError(
          `no suite named ${byName.unknown.map((name) => `'${name}'`).join(", ")} in ${config.evals.dir}; known: ${all.map((suite) => suite.suite).join(", ") || "none"}`,
        );
      }
      suites = byName.selected;
      if (flags.changed) {
        requireGit(workspace.inGit, "--changed");
        const range = await resolveRange({
          cwd: root,
          ...(flags.base ? { base: flags.base } : {}),
          ...(flags.head ? { head: flags.head } : {}),
          ...(config.defaultBranch ? { defaultBranch: config.defaultBranch } : {}),
        });
        const change = await readChange(range, root);
        const paths = change.files.flatMap((file) =>
          file.oldPath ? [file.path, file.oldPath] : [file.path],
        );
        suites = selectSuitesForChange(suites, paths);
        if (suites.length === 0) {
          context.stderr.write(
            `jig eval: no suite covers the ${paths.length} changed files (${range.description}); nothing to run\n`,
          );
          context.exitCode = 0;
          return;
        }
      }
    }
    const shard = shardText === undefined ? undefined : parseShard(shardText);
    if (shardText !== undefined && !shard)
      throw new UsageError(`--shard must be K/N with 1 <= K <= N, got '${shardText}'`);
    if (suites.length === 0) {
      context.stderr.write(
        `jig eval: no suites in ${config.evals.dir}; write one (see docs/evals.md)\n`,
      );
      context.exitCode = 0;
      return;
    }
    // A bad --baseline is a usage error before anything runs, not after.
    let baselineSha: string | undefined;
    if (flags.baseline) {
      requireGit(workspace.inGit, "--baseline");
      baselineSha = (
        await tryGit(["rev-parse", "--verify", "-q", `${flags.baseline}^{commit}`], root)
      )?.trim();
      if (!baselineSha) throw new UsageError(`--baseline: unknown revision '${flags.baseline}'`);
    }
    const head = workspace.inGit
      ? await tryGit(["rev-parse", "--verify", "-q", "HEAD"], root)
      : undefined;
    const headRef = workspace.inGit ? await currentBranch(root) : undefined;
    const progress = flags.progress
      ? createEvalProgress({
          write: (text) => context.stderr.write(text),
          isTTY: Boolean(context.stderr.isTTY),
        })
      : undefined;
    // Command targets lead their own process groups, so Ctrl-C does not reach
    // them: kill them, then die of the same signal (the stored run stays resumable).
    const interrupted = (signal: NodeJS.Signals) => {
      killRunningCommands();
      process.removeListener("SIGINT", interrupted);
      process.removeListener("SIGTERM", interrupted);
      process.kill(process.pid, signal);
    };
    process.once("SIGINT", interrupted);
    process.once("SIGTERM", interrupted);
    let report: EvalRunReport;
    try {
      report = await executeEvalRun({
        root,
        suites,
        env: context.env,
        providers: config.providers,
        judgeModel: config.evals.judgeModel,
        coderModel: coderModelOf(config, context.env),
        concurrency,
        repeat,
        filter,
        shard,
        shardText,
        useCache: flags.cache,
        store,
        runId: resume?.id ?? newEvalRunId(context.now()),
        resume,
        head: head?.trim() || undefined,
        headRef: headRef ?? undefined,
        now: context.now,
        ...(progress ? { onEvent: progress.onEvent } : {}),
      });
    } finally {
      process.removeListener("SIGINT", interrupted);
      process.removeListener("SIGTERM", interrupted);
    }
    progress?.finish();
    if (flags.baseline && baselineSha) {
      const sha = baselineSha;
      const baseline = store.latestRunAt(sha, report.run.id);
      if (baseline)
        report = withBaseline(report, {
          runId: baseline.id,
          ref: flags.baseline,
          results: store.results(baseline.id),
        });
      else
        context.stderr.write(
          `jig eval: no stored eval run at ${flags.baseline} (${sha.slice(0, 12)}); nothing to compare with\n`,
        );
    }
    if (flags.output) {
      const written = await writeOutputFile(
        context.cwd,
        flags.output,
        renderEvalReport(report, flags.format),
      );
      context.stdout.write(renderEvalReport(report, "text"));
      context.stdout.write(`${flags.format} report written to ${written}\n`);
    } else {
      context.stdout.write(renderEvalReport(report, flags.format));
    }
    context.exitCode = report.summary.passed ? 0 : 1;
  } finally {
    store.flush();
    db.close();
  }
}

function requireGit(inGit: boolean, flag: string): void {
  if (!inGit) throw new UsageError(`${flag} needs a git repository; run jig eval inside one`);
}

function positiveInt(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new UsageError(`${flag} must be a positive integer, got '${text}'`);
  return value;
}
