import { afterEach, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../test-support/temp-repo.js";
import { type RefFiles, readRefFiles, readRefsWithGit } from "./read-ref-files.js";

const view = (refs: RefFiles | undefined, names: string[]) => ({
  head: refs?.head,
  shas: names.map((name) => refs?.resolve(name)),
  originHead: refs?.target("refs/remotes/origin/HEAD"),
});

describe("readRefFiles", () => {
  let repo: TempRepo | undefined;
  afterEach(() => repo?.cleanup());

  it("reads what git itself reports: loose and packed refs, symbolic refs, a detached HEAD", () => {
    repo = createTempRepo();
    const first = repo.commit("one");
    repo.git("branch", "old");
    repo.git("pack-refs", "--all");
    const second = repo.commit("two");
    repo.git("update-ref", "refs/remotes/origin/main", first);
    repo.git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main");
    const names = [
      "refs/heads/main",
      "refs/heads/old",
      "refs/remotes/origin/main",
      "refs/heads/none",
    ];
    const fromFiles = view(readRefFiles(repo.dir), names);
    expect(fromFiles).toEqual({
      head: { branch: "main", sha: second },
      shas: [second, first, first, undefined],
      originHead: "refs/remotes/origin/main",
    });
    expect(view(readRefsWithGit(repo.dir), names)).toEqual(fromFiles);

    repo.git("switch", "-q", "--detach", "old");
    expect(readRefFiles(repo.dir)?.head).toEqual({ sha: first });
    expect(readRefsWithGit(repo.dir)?.head).toEqual({ sha: first });
  });

  it("names an unborn branch without a commit, and refuses ref names that climb out of .git", () => {
    repo = createTempRepo();
    const refs = readRefFiles(repo.dir);
    expect(refs?.head).toEqual({ branch: "main" });
    expect(refs?.resolve("refs/../HEAD")).toBeUndefined();
    expect(refs?.resolve("../config")).toBeUndefined();
    expect(readRefFiles(`${repo.dir}/missing`)).toBeUndefined();
  });
});
