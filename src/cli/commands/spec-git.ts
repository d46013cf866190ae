import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { GitError } from "../../core/errors.js";

const execFileAsync = promisify(execFile);

/** Run git in `cwd` and return trimmed stdout; failures keep git's stderr as the cause. */
async function git(args: string[], cwd: string): Promise<string> {
  const { stdout } = await execFileAsync("git", args, { cwd, encoding: "utf8" });
  return stdout.trim();
}

/** The top of the git work tree containing `cwd`, or a GitError the user can act on. */
export async function findRepoRoot(cwd: string): Promise<string> {
  try {
    return await git(["rev-parse", "--show-toplevel"], cwd);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new GitError("git is not installed or not on PATH; install git and try again", {
        cause: error,
      });
    }
    throw new GitError("not a git repository: run jig inside one, or run git init", {
      cause: error,
    });
  }
}

/**
 * The checked-out branch. `symbolic-ref` also works before the first commit,
 * where `rev-parse --abbrev-ref HEAD` fails; a detached HEAD has no branch
 * to attach a spec to.
 */
export async function currentBranch(repoRoot: string): Promise<string> {
  try {
    return await git(["symbolic-ref", "--quiet", "--short", "HEAD"], repoRoot);
  } catch {
    let name = "HEAD";
    try {
      name = await git(["rev-parse", "--abbrev-ref", "HEAD"], repoRoot);
    } catch (error) {
      throw new GitError("cannot read the current branch (git rev-parse failed)", { cause: error });
    }
    if (name === "HEAD") {
      throw new GitError("HEAD is detached: check out a branch first (git switch -c <name>)");
    }
    return name;
  }
}

/** git's `user.name`, offered as the default spec owner. */
export async function gitUserName(repoRoot: string): Promise<string | undefined> {
  try {
    return (await git(["config", "user.name"], repoRoot)) || undefined;
  } catch {
    return undefined;
  }
}
