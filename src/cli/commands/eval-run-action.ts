import { relative } from "node:path";
import { UsageError, ValidationError } from "../../core/errors.js";
import { formatProblem } from "../../core/problem.js";
import {
  createEvalProgress,
  describeSealDrift,
  type EvalFormat,
  type EvalSuitesOutcome,
  isEmptySuiteProblem,
  killRunningCommands,
  openEvalStore,
  openEvalWorkspace,
  renderEvalReport,
  runEvalSuites,
  SUITE_FORMAT_REFERENCE,
} from "../../evals/index.js";
import type { CliContext } from "../cli-context.js";
import { writeOutputFile } from "../write-output.js";

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

/** `jig eval run`: parse the flags, run the suites, print the report. */
export async function runEvalAction(
  context: CliContext,
  names: string[],
  flags: EvalRunFlags,
): Promise<void> {
  const workspace = await openEvalWorkspace(context.cwd);
  const concurrency = positiveInt(flags.jobs, "-j", workspace.config.evals.concurrency);
  const repeat = flags.repeat === undefined ? undefined : positiveInt(flags.repeat, "--repeat", 1);
  // First line of output, before any progress: results of a drifted suite
  // must not be read as the sealed suite's.
  const drift = await describeSealDrift(
    workspace.evalsDir,
    relative(context.cwd, workspace.evalsDir) || ".",
  );
  if (drift) context.stderr.write(`jig eval: ${drift}\n`);
  const { db, store } = openEvalStore(workspace, context.env);
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
  let outcome: EvalSuitesOutcome;
  try {
    outcome = await runEvalSuites({
      workspace,
      store,
      names,
      cwd: context.cwd,
      env: context.env,
      now: context.now,
      changed: flags.changed,
      base: flags.base,
      head: flags.head,
      concurrency,
      repeat,
      filter: flags.filter,
      shard: flags.shard,
      resume: flags.resume,
      baseline: flags.baseline,
      useCache: flags.cache,
      onEvent: progress?.onEvent,
    });
  } catch (error) {
    if (error instanceof ValidationError && error.problems.some(isEmptySuiteProblem)) {
      for (const problem of error.problems) context.stderr.write(`${formatProblem(problem)}\n`);
      context.stderr.write(`\n${SUITE_FORMAT_REFERENCE}`);
      context.exitCode = error.exitCode;
      return;
    }
    throw error;
  } finally {
    process.removeListener("SIGINT", interrupted);
    process.removeListener("SIGTERM", interrupted);
    store.flush();
    db.close();
  }
  if (outcome.kind === "nothing-to-run") {
    context.stderr.write(`jig eval: ${outcome.reason}\n`);
    context.exitCode = 0;
    return;
  }
  progress?.finish();
  for (const note of outcome.notes) context.stderr.write(`jig eval: ${note}\n`);
  const { report } = outcome;
  if (flags.output) {
    const rendered = renderEvalReport(report, flags.format);
    const written = await writeOutputFile(context.cwd, flags.output, rendered);
    context.stdout.write(renderEvalReport(report, "text"));
    context.stdout.write(`${flags.format} report written to ${written}\n`);
  } else {
    context.stdout.write(renderEvalReport(report, flags.format));
  }
  context.exitCode = report.summary.passed ? 0 : 1;
}

function positiveInt(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new UsageError(`${flag} must be a positive integer, got '${text}'`);
  return value;
}
