import { afterEach, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../test-support/temp-repo.js";
import { findBranchBase } from "./find-branch-base.js";

describe("findBranchBase", () => {
  let repo: TempRepo | undefined;
  afterEach(() => repo?.cleanup());

  it("is HEAD on the default branch and the merge-base on a branch, like jig check's default base", () => {
    repo = createTempRepo();
    const forkPoint = repo.commit("base");
    expect(findBranchBase(repo.dir)?.commit()).toBe(forkPoint);
    repo.git("switch", "-q", "-c", "feature");
    const head = repo.commit("feature work");
    repo.git("switch", "-q", "main");
    const mainHead = repo.commit("main moved on");
    repo.git("switch", "-q", "feature");
    const base = findBranchBase(repo.dir);
    expect(base?.defaultBranch).toBe("main");
    expect(base?.key).toBe(`${head}:${mainHead}`);
    expect(base?.commit()).toBe(forkPoint);
  });

  it("follows origin/HEAD, uses origin's branch when there is no local one, and is undefined before a commit", () => {
    repo = createTempRepo();
    expect(findBranchBase(repo.dir)).toBeUndefined();
    const forkPoint = repo.commit("base");
    repo.git("update-ref", "refs/remotes/origin/develop", forkPoint);
    repo.git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/develop");
    repo.git("switch", "-q", "-c", "feature");
    repo.commit("work");
    const base = findBranchBase(repo.dir);
    expect(base?.defaultBranch).toBe("origin/develop");
    expect(base?.commit()).toBe(forkPoint);
  });

  it("has no base when HEAD and the default branch share no history", () => {
    repo = createTempRepo();
    repo.commit("main");
    repo.git("switch", "-q", "--orphan", "island");
    repo.commit("unrelated");
    expect(findBranchBase(repo.dir)?.commit()).toBeUndefined();
  });
});
