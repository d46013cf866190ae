import { spawn } from "node:child_process";
import { stat } from "node:fs/promises";
import { GitError } from "../core/index.js";
import { gitEnvironment } from "./git-environment.js";

/**
 * Diffs of a 2,000-file change run to tens of megabytes. 512 MiB stays under
 * V8's largest string while still stopping a runaway `git log` on a huge repo.
 */
const DEFAULT_MAX_BUFFER = 512 * 1024 * 1024;

/** Options for one git invocation. */
export interface RunGitOptions {
  /** Written to git's stdin, e.g. for `git interpret-trailers --parse`. */
  input?: string;
  /** Largest stdout accepted, in bytes (default 512 MiB). */
  maxBuffer?: number;
  /**
   * Sees stdout as it arrives, so a caller can work while git is still
   * writing. The chunks are then not kept: the result's stdout is empty.
   */
  onStdout?: (chunk: Buffer) => void;
}

/** What a git process left behind, whatever its exit code. */
export interface GitResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * Run git and return its stdout; any non-zero exit becomes a {@link GitError}
 * with one line a user can act on (not a repo, git missing, unknown revision).
 *
 * Plain `git` over `spawn` rather than a wrapper library: jig needs only a
 * handful of commands, and owning the call lets us fix the environment that
 * makes output stable (see {@link gitEnvironment}).
 *
 * @example
 * const sha = await runGit(["rev-parse", "HEAD"], repoDir);
 */
export async function runGit(
  args: string[],
  cwd: string,
  options: RunGitOptions = {},
): Promise<string> {
  const result = await runGitResult(args, cwd, options);
  if (result.exitCode !== 0) throw gitFailure(args, result.stderr);
  return result.stdout;
}

/**
 * Run git and return stdout, or `undefined` when git exits with status 1.
 * Several plumbing commands answer "no" that way (`rev-parse --verify --quiet`,
 * `symbolic-ref --quiet`, `merge-base` without a common ancestor), whereas
 * real failures such as "not a git repository" exit 128 and still throw.
 */
export async function tryGit(
  args: string[],
  cwd: string,
  options: RunGitOptions = {},
): Promise<string | undefined> {
  const result = await runGitResult(args, cwd, options);
  if (result.exitCode === 0) return result.stdout;
  if (result.exitCode === 1) return undefined;
  throw gitFailure(args, result.stderr);
}

/**
 * Run git and return stdout, stderr and exit code without judging them.
 * Only a missing git binary, a missing `cwd` or an oversized output throw.
 */
export function runGitResult(
  args: string[],
  cwd: string,
  options: RunGitOptions = {},
): Promise<GitResult> {
  const maxBuffer = options.maxBuffer ?? DEFAULT_MAX_BUFFER;
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, {
      cwd,
      env: gitEnvironment(),
      stdio: ["pipe", "pipe", "pipe"],
      windowsHide: true,
    });
    const stdoutChunks: Buffer[] = [];
    const stderrChunks: Buffer[] = [];
    let stdoutBytes = 0;
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      reject(error);
    };

    child.stdout.on("data", (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxBuffer) {
        child.kill();
        fail(
          new GitError(
            `git ${subcommand(args)} printed more than ${maxBuffer} bytes: the change is too large to check`,
          ),
        );
        return;
      }
      if (options.onStdout) options.onStdout(chunk);
      else stdoutChunks.push(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => stderrChunks.push(chunk));
    child.on("error", (error: NodeJS.ErrnoException) => {
      if (settled) return;
      // Node may still emit "close" for a process that never started; it must not resolve first.
      settled = true;
      void spawnFailure(error, cwd).then(reject);
    });
    child.on("close", (code) => {
      if (settled) return;
      settled = true;
      resolve({
        stdout: Buffer.concat(stdoutChunks).toString("utf8"),
        stderr: Buffer.concat(stderrChunks).toString("utf8"),
        exitCode: code ?? 128,
      });
    });
    // A git that exits before reading its stdin makes the write fail with EPIPE; its exit code says more.
    child.stdin.on("error", () => {});
    child.stdin.end(options.input ?? "");
  });
}

/** Why git could not start: spawn reports a missing binary and a missing cwd alike as ENOENT. */
async function spawnFailure(error: NodeJS.ErrnoException, cwd: string): Promise<GitError> {
  if (error.code !== "ENOENT") {
    return new GitError(`could not run git: ${error.message}`, { cause: error });
  }
  const cwdExists = await stat(cwd).then(
    () => true,
    () => false,
  );
  return cwdExists
    ? new GitError("git is not installed or not on PATH", { cause: error })
    : new GitError(`directory not found: ${cwd}`, { cause: error });
}

/** The one-line message for a failed git command. */
export function gitFailure(args: string[], stderr: string): GitError {
  return new GitError(describeGitFailure(args, stderr), {
    cause: new Error(`git ${args.join(" ")}: ${stderr.trim()}`),
  });
}

/** Unknown revision message, shared with the ref validation in `resolveRange`. */
export function unknownRevisionMessage(ref: string): string {
  return `unknown revision '${ref}': check the ref name (git branch -a, git log --oneline)`;
}

/** Not-a-repo message, shared with callers that detect it themselves. */
export const NOT_A_REPOSITORY_MESSAGE =
  "not a git repository (or any parent): run jig inside a git repo, or run git init";

/** Pure: map git's stderr to the line jig shows. Exported for tests. */
export function describeGitFailure(args: string[], stderr: string): string {
  if (/not a git repository/i.test(stderr)) return NOT_A_REPOSITORY_MESSAGE;
  const revision =
    /unknown revision or path not in the working tree/.test(stderr) ||
    /bad revision/.test(stderr) ||
    /ambiguous argument/.test(stderr) ||
    /Not a valid (object name|commit name)/.test(stderr) ||
    /bad object/.test(stderr);
  if (revision) {
    const quoted = /'([^']*)'/.exec(stderr);
    return unknownRevisionMessage(quoted?.[1] ?? args[args.length - 1] ?? "");
  }
  if (/must be run in a work tree/.test(stderr)) {
    return "not inside a git work tree: run jig from the repository's checkout, not its .git folder";
  }
  const firstLine =
    stderr
      .split("\n")
      .map((line) => line.trim())
      .find((line) => line.length > 0) ?? "no error output";
  return `git ${subcommand(args)} failed: ${firstLine.replace(/^(fatal|error): /, "")}`;
}

/** The git command name in `args`, skipping leading `-c key=value` options. */
function subcommand(args: string[]): string {
  let index = 0;
  while (index < args.length && args[index]?.startsWith("-")) index += args[index] === "-c" ? 2 : 1;
  return args[index] ?? "";
}
