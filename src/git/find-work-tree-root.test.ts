import { mkdirSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { UsageError } from "../core/index.js";
import { createTempRepo, type TempRepo } from "../test-support/temp-repo.js";
import { findRepoRoot } from "./find-repo-root.js";
import { findWorkTreeRoot } from "./find-work-tree-root.js";
import { readHeadBranch } from "./read-head-branch.js";
import { requireWorkTreeRoot } from "./require-work-tree-root.js";

describe("the synchronous work-tree finder and branch reader", () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });
  const repo = (): TempRepo => {
    const created = createTempRepo();
    cleanups.push(() => created.cleanup());
    return created;
  };

  it("finds the same root as git from a nested folder, and none outside a repository", async () => {
    const r = repo();
    mkdirSync(join(r.dir, "src", "api"), { recursive: true });
    const nested = join(r.dir, "src", "api");
    expect(findWorkTreeRoot(nested)).toBe(r.dir);
    expect(realpathSync(requireWorkTreeRoot(nested))).toBe(
      realpathSync(await findRepoRoot(nested)),
    );
    const outside = mkdtempSync(join(tmpdir(), "jig-no-repo-"));
    cleanups.push(() => rmSync(outside, { recursive: true, force: true }));
    expect(findWorkTreeRoot(outside)).toBeUndefined();
    expect(() => requireWorkTreeRoot(outside)).toThrow(UsageError);
  });

  it("reads the branch from HEAD, in a linked worktree too, and none when detached", () => {
    const r = repo();
    r.write("README.md", "hi\n");
    r.commit("init");
    r.git("switch", "-q", "-c", "feature/spec-0007-login");
    expect(readHeadBranch(r.dir)).toBe("feature/spec-0007-login");
    const linked = join(r.dir, "..", `${r.dir.split("/").pop()}-linked`);
    r.git("worktree", "add", "-q", "-b", "other", linked);
    cleanups.push(() => rmSync(linked, { recursive: true, force: true }));
    expect(findWorkTreeRoot(join(linked))).toBe(linked);
    expect(readHeadBranch(linked)).toBe("other");
    r.git("checkout", "-q", "--detach");
    expect(readHeadBranch(r.dir)).toBeUndefined();
  });
});
