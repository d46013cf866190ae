import { CommanderError } from "commander";
import { ExitCode, InternalError, JigError, ValidationError } from "../core/errors.js";
import { fileSystemErrorMessage } from "../core/file-system-error-message.js";
import { formatProblem } from "../core/problem.js";
import type { CliContext } from "./cli-context.js";
import type { CommandEntry } from "./registry.js";

/**
 * Load one command, parse its flags and run it, turning every error into one
 * line and an exit code. Stacks show only with JIG_DEBUG=1.
 */
export async function runCommand(
  entry: CommandEntry,
  argv: string[],
  context: CliContext,
): Promise<number> {
  const debug = Boolean(context.env.JIG_DEBUG && context.env.JIG_DEBUG !== "0");
  try {
    const module = await entry.load();
    const command = module.createCommand(context);
    command.name(`jig ${entry.name}`);
    applyExitOverride(command, context);
    await command.parseAsync(argv, { from: "user" });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version arrive here as "errors" with exit code 0.
      if (error.exitCode === 0) return 0;
      context.stderr.write(`jig ${entry.name}: ${stripPrefix(error.message)}\n`);
      return ExitCode.usage;
    }
    if (error instanceof ValidationError) {
      for (const problem of error.problems) context.stderr.write(`${formatProblem(problem)}\n`);
      if (debug) context.stderr.write(`${error.stack}\n`);
      return error.exitCode;
    }
    if (error instanceof JigError) {
      context.stderr.write(`jig ${entry.name}: ${error.message}\n`);
      if (debug) context.stderr.write(`${error.stack}\n${causeStack(error)}`);
      return error.exitCode;
    }
    const fileSystem = fileSystemErrorMessage(error, context.cwd);
    if (fileSystem !== undefined) {
      context.stderr.write(`jig ${entry.name}: ${fileSystem}\n`);
      if (debug && error instanceof Error) context.stderr.write(`${error.stack}\n`);
      return ExitCode.usage;
    }
    const internal = new InternalError(error instanceof Error ? error.message : String(error), {
      cause: error,
    });
    context.stderr.write(
      `jig ${entry.name}: internal error: ${internal.message}${debug ? "" : " (set JIG_DEBUG=1 for the stack trace)"}\n`,
    );
    if (debug && error instanceof Error) context.stderr.write(`${error.stack}\n`);
    return ExitCode.internal;
  }
}

function applyExitOverride(command: import("commander").Command, context: CliContext): void {
  command.exitOverride();
  command.configureOutput({
    writeOut: (text) => context.stdout.write(text),
    // Commander's own error text is re-printed as one line by runCommand.
    writeErr: () => {},
    outputError: () => {},
  });
  for (const sub of command.commands) applyExitOverride(sub, context);
}

function stripPrefix(message: string): string {
  return message.replace(/^error:\s*/i, "");
}

function causeStack(error: Error): string {
  const cause = error.cause;
  return cause instanceof Error && cause.stack ? `caused by: ${cause.stack}\n` : "";
}
