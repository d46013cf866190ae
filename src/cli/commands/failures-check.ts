import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { failuresExitCode, runFailuresCheck as runCheckPipeline } from "../../check/index.js";
import type { Report } from "../../contract/index.js";
import { UsageError } from "../../core/errors.js";
import { readStreamText } from "../../core/read-stream-text.js";
import type { CliContext } from "../cli-context.js";

export { failuresExitCode };

export interface FailuresCheckFlags {
  base?: string;
  head?: string;
  diff?: string;
}

/**
 * `jig failures check`: reads the unified diff of `--diff FILE` (or `--diff -`
 * for stdin) and hands it, or the git range, to the check pipeline.
 */
export async function runFailuresCheck(
  context: CliContext,
  flags: FailuresCheckFlags,
): Promise<Report> {
  if (flags.diff !== undefined && (flags.base !== undefined || flags.head !== undefined)) {
    throw new UsageError("--diff cannot be combined with --base or --head");
  }
  const diff =
    flags.diff === undefined
      ? undefined
      : {
          text: await readDiff(context, flags.diff),
          label: flags.diff === "-" ? "stdin" : flags.diff,
        };
  return runCheckPipeline({
    cwd: context.cwd,
    base: flags.base,
    head: flags.head,
    diff,
    env: context.env,
    version: context.version,
    now: context.now,
  });
}

async function readDiff(context: CliContext, source: string): Promise<string> {
  if (source === "-") return readStreamText(context.stdin);
  try {
    return await readFile(resolve(context.cwd, source), "utf8");
  } catch (error) {
    throw new UsageError(`cannot read diff ${source}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
