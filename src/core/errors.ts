import { formatProblem, type Problem } from "./problem.js";

/** Exit codes shared by every command. */
export const ExitCode = {
  pass: 0,
  fail: 1,
  usage: 2,
  needsHuman: 3,
  internal: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * Base of every error jig throws on purpose. `code` is stable; the CLI maps
 * the class to an exit code and prints `message` as one line.
 */
export class JigError extends Error {
  readonly code: string;
  readonly exitCode: ExitCode;
  constructor(code: string, message: string, options?: { cause?: unknown; exitCode?: ExitCode }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "JigError";
    this.code = code;
    this.exitCode = options?.exitCode ?? ExitCode.internal;
  }
}

/** Bad flags, bad arguments, bad refs, missing files: the user can fix it. Exit 2. */
export class UsageError extends JigError {
  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(options?.code ?? "usage", message, { cause: options?.cause, exitCode: ExitCode.usage });
    this.name = "UsageError";
  }
}

/** One or more problems in user files (config, specs, catalogs). Exit 2. */
export class ValidationError extends JigError {
  readonly problems: Problem[];
  constructor(problems: Problem[], options?: { cause?: unknown }) {
    super("validation", problems.map(formatProblem).join("\n"), {
      cause: options?.cause,
      exitCode: ExitCode.usage,
    });
    this.name = "ValidationError";
    this.problems = problems;
  }
}

/** Not inside a git repository, bad revision, git missing. Exit 2. */
export class GitError extends JigError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("git", message, { cause: options?.cause, exitCode: ExitCode.usage });
    this.name = "GitError";
  }
}

/** A bug or an environment failure jig did not expect. Exit 4. */
export class InternalError extends JigError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("internal", message, { cause: options?.cause, exitCode: ExitCode.internal });
    this.name = "InternalError";
  }
}
