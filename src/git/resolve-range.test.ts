import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { GitError } from "../core/index.js";
import { createTempRepo, type TempRepo } from "../test-support/temp-repo.js";
import { currentBranch, detectDefaultBranch } from "./detect-default-branch.js";
import { findRepoRoot } from "./find-repo-root.js";
import { EMPTY_TREE_SHA, resolveRange } from "./resolve-range.js";
import { describeGitFailure, runGit } from "./run-git.js";

const cleanups: Array<() => void> = [];
function repo(): TempRepo {
  const created = createTempRepo("jig-git-range-");
  cleanups.push(() => created.cleanup());
  return created;
}
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function gitError(promise: Promise<unknown>): Promise<GitError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GitError);
  return error as GitError;
}

describe("resolveRange", () => {
  it("defaults to the merge-base with main, HEAD, and uncommitted changes, named only when there are some", async () => {
    const r = repo();
    r.write("a.txt", "a\n");
    const branchPoint = r.commit("initial");
    r.git("checkout", "-q", "-b", "feature");
    r.write("b.txt", "b\n");
    const head = r.commit("feature work");
    // main moves on after the branch point; those commits are not this change's.
    r.git("checkout", "-q", "main");
    r.write("c.txt", "c\n");
    r.commit("later on main");
    r.git("checkout", "-q", "feature");

    const range = await resolveRange({ cwd: r.dir });
    expect(range).toEqual({
      base: branchPoint,
      head,
      baseRef: "main",
      headRef: "HEAD",
      workingTree: true,
      description: `main...HEAD (merge-base ${branchPoint.slice(0, 7)}..${head.slice(0, 7)})`,
      root: r.dir,
    });
    r.write("d.txt", "d\n");
    expect((await resolveRange({ cwd: r.dir })).description).toBe(
      `main...HEAD (merge-base ${branchPoint.slice(0, 7)}..${head.slice(0, 7)}) + uncommitted changes`,
    );
  });

  it("says the change is empty when HEAD is on main and the tree is clean", async () => {
    const r = repo();
    const head = r.commit("one");
    expect((await resolveRange({ cwd: r.dir })).description).toBe(
      `main...HEAD: HEAD is already on main (${head.slice(0, 7)}) with no uncommitted changes, so the change is empty`,
    );
  });

  it("uses --base and --head as given and describes them", async () => {
    const r = repo();
    const first = r.commit("one");
    const second = r.commit("two");
    const range = await resolveRange({ cwd: r.dir, base: "HEAD~1", head: "main" });
    expect(range).toMatchObject({ base: first, head: second, workingTree: false });
    expect(range.description).toBe(`HEAD~1..main (${first.slice(0, 7)}..${second.slice(0, 7)})`);
  });

  it("says when HEAD is already on the default branch and --head is given", async () => {
    const r = repo();
    r.commit("one");
    const range = await resolveRange({ cwd: r.dir, head: "HEAD" });
    expect(range.base).toBe(range.head);
    expect(range.description).toMatch(/HEAD is already on main .*the change is empty/);
  });

  it("names a bad ref in one line", async () => {
    const r = repo();
    r.commit("one");
    const error = await gitError(resolveRange({ cwd: r.dir, base: "no-such-branch" }));
    expect(error.message).toBe(
      "unknown revision 'no-such-branch': check the ref name (git branch -a, git log --oneline)",
    );
    expect(error.exitCode).toBe(2);
    const headError = await gitError(resolveRange({ cwd: r.dir, head: "v9.9.9" }));
    expect(headError.message).toContain("unknown revision 'v9.9.9'");
  });

  it("rejects refs that look like options", async () => {
    const r = repo();
    r.commit("one");
    const error = await gitError(resolveRange({ cwd: r.dir, base: "--output=/tmp/x" }));
    expect(error.message).toBe(
      "invalid ref '--output=/tmp/x' for --base: a ref cannot start with '-'",
    );
  });

  it("fails outside a git repository with the not-a-repo line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jig-not-a-repo-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const error = await gitError(resolveRange({ cwd: dir }));
    expect(error.message).toBe(
      "not a git repository (or any parent): run jig inside a git repo, or run git init",
    );
    await gitError(findRepoRoot(dir));
  });

  it("compares the empty tree with the working tree before the first commit", async () => {
    const r = repo();
    r.write("a.txt", "a\n");
    const range = await resolveRange({ cwd: r.dir });
    expect(range).toMatchObject({ base: EMPTY_TREE_SHA, head: EMPTY_TREE_SHA, workingTree: true });
    const error = await gitError(resolveRange({ cwd: r.dir, head: "HEAD" }));
    expect(error.message).toContain("unknown revision 'HEAD'");
    // Before the first commit a --base names nothing, except the empty tree itself.
    const base = await gitError(resolveRange({ cwd: r.dir, base: "main" }));
    expect(base.message).toContain("unknown revision 'main'");
    expect(await resolveRange({ cwd: r.dir, base: EMPTY_TREE_SHA })).toMatchObject({
      base: EMPTY_TREE_SHA,
      baseRef: EMPTY_TREE_SHA,
    });
  });

  it("honours a configured default branch", async () => {
    const r = repo();
    r.commit("one");
    r.git("branch", "develop");
    r.git("checkout", "-q", "-b", "feature");
    const head = r.commit("two");
    const range = await resolveRange({ cwd: r.dir, defaultBranch: "develop" });
    expect(range.baseRef).toBe("develop");
    expect(range.head).toBe(head);
    expect(range.description).toMatch(/^develop\.\.\.HEAD \(merge-base /);
  });
});

describe("detectDefaultBranch", () => {
  it("prefers main, then master, then the current branch", async () => {
    const r = repo();
    r.commit("one");
    expect(await detectDefaultBranch(r.dir)).toBe("main");

    r.git("branch", "-m", "main", "master");
    expect(await detectDefaultBranch(r.dir)).toBe("master");

    r.git("branch", "-m", "master", "trunk");
    expect(await detectDefaultBranch(r.dir)).toBe("trunk");
  });

  it("follows origin/HEAD, preferring the local branch and else the remote one", async () => {
    const r = repo();
    r.commit("one");
    r.git("update-ref", "refs/remotes/origin/develop", "HEAD");
    r.git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/develop");
    expect(await detectDefaultBranch(r.dir)).toBe("origin/develop");

    r.git("branch", "develop");
    expect(await detectDefaultBranch(r.dir)).toBe("develop");
  });

  it("uses origin/<b> when only the remote-tracking main exists", async () => {
    const r = repo();
    r.commit("one");
    r.git("update-ref", "refs/remotes/origin/main", "HEAD");
    r.git("checkout", "-q", "-b", "feature");
    r.git("branch", "-D", "main");
    expect(await detectDefaultBranch(r.dir)).toBe("origin/main");
  });

  it("returns a configured branch, and fails clearly when it exists nowhere", async () => {
    const r = repo();
    r.commit("one");
    r.git("branch", "release");
    expect(await detectDefaultBranch(r.dir, "release")).toBe("release");
    const error = await gitError(detectDefaultBranch(r.dir, "nope"));
    expect(error.message).toContain("default branch 'nope' not found");
  });
});

describe("currentBranch", () => {
  it("names the branch, even unborn, and is undefined when detached", async () => {
    const r = repo();
    expect(await currentBranch(r.dir)).toBe("main");
    const sha = r.commit("one");
    r.git("checkout", "-q", "-b", "feature/x");
    expect(await currentBranch(r.dir)).toBe("feature/x");
    r.git("checkout", "-q", "--detach", sha);
    expect(await currentBranch(r.dir)).toBeUndefined();
  });
});

describe("runGit", () => {
  it("returns stdout, passes stdin, and turns failures into one-line GitErrors", async () => {
    const r = repo();
    r.write("sub/dir/file.txt", "x\n");
    expect(await findRepoRoot(join(r.dir, "sub", "dir"))).toBe(realpathSync(r.dir));
    const parsed = await runGit(["interpret-trailers", "--parse"], r.dir, {
      input: "Subject\n\nSpec: SPEC-0001\n",
    });
    expect(parsed).toBe("Spec: SPEC-0001\n");
    const error = await gitError(runGit(["no-such-command"], r.dir));
    expect(error.message).toMatch(/^git no-such-command failed: /);
    expect(error.message).not.toContain("\n");
  });

  it("reports a missing working directory", async () => {
    const error = await gitError(runGit(["status"], join(tmpdir(), "jig-does-not-exist-0f3a")));
    expect(error.message).toContain("directory not found");
  });

  it("says when git is not on PATH", async () => {
    const r = repo();
    const savedPath = process.env.PATH;
    process.env.PATH = join(r.dir, "no-bin-here");
    try {
      const error = await gitError(runGit(["status"], r.dir));
      expect(error.message).toBe("git is not installed or not on PATH");
    } finally {
      process.env.PATH = savedPath;
    }
  });

  it("stops a command whose output exceeds maxBuffer", async () => {
    const r = repo();
    r.commit("one");
    const error = await gitError(runGit(["log"], r.dir, { maxBuffer: 10 }));
    expect(error.message).toBe(
      "git log printed more than 10 bytes: the change is too large to check",
    );
  });

  it("maps git's stderr to the lines users see", () => {
    expect(
      describeGitFailure(
        ["log"],
        "fatal: ambiguous argument 'nope': unknown revision or path not in the working tree.\n",
      ),
    ).toBe("unknown revision 'nope': check the ref name (git branch -a, git log --oneline)");
    expect(
      describeGitFailure(["-c", "core.quotepath=off", "diff"], "fatal: something odd\nmore"),
    ).toBe("git diff failed: something odd");
  });
});
