import { mkdirSync, realpathSync, symlinkSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../../test-support/temp-repo.js";
import { resolveHookRoot } from "./resolve-hook-root.js";

describe("resolveHookRoot", () => {
  let repo: TempRepo;
  let root: string;
  let planted: string;
  beforeEach(() => {
    repo = createTempRepo("jig-hook-root-");
    root = realpathSync(repo.dir);
    // A folder of the agent's that looks like a repository of its own.
    planted = join(root, "src", "pkg");
    mkdirSync(join(planted, ".git"), { recursive: true });
  });
  afterEach(() => repo.cleanup());

  it("takes --root, then CLAUDE_PROJECT_DIR, then its own cwd, walking each up to its work tree", () => {
    const env = { CLAUDE_PROJECT_DIR: root };
    expect(resolveHookRoot({ root, env: {}, cwd: planted })).toEqual({ ok: true, root });
    expect(resolveHookRoot({ root: "../..", env: {}, cwd: planted })).toEqual({ ok: true, root });
    expect(resolveHookRoot({ root: join(root, "src"), env: {}, cwd: "/" })).toEqual({
      ok: true,
      root,
    });
    expect(resolveHookRoot({ root: planted, env, cwd: root })).toEqual({ ok: true, root: planted });
    expect(resolveHookRoot({ env, cwd: planted })).toEqual({ ok: true, root });
    // An empty --root is an unset variable expanded by the hook's shell.
    expect(resolveHookRoot({ root: "", env, cwd: planted })).toEqual({ ok: true, root });
    expect(resolveHookRoot({ env: { CLAUDE_PROJECT_DIR: "" }, cwd: root })).toEqual({
      ok: true,
      root,
    });
    // Only the process's own folder is left: it is the last resort, and documented as such.
    expect(resolveHookRoot({ env: {}, cwd: join(root, "src") })).toEqual({ ok: true, root });
  });

  it("answers with the real path the daemon keys on", () => {
    const link = join(root, "..", `${root.split("/").pop()}-link`);
    symlinkSync(root, link);
    try {
      expect(resolveHookRoot({ root: link, env: {}, cwd: "/" })).toEqual({ ok: true, root });
    } finally {
      unlinkSync(link);
    }
  });

  it("says why, in one line, when the configured folder is missing or in no repository", () => {
    const missing = resolveHookRoot({ root: join(root, "nope"), env: {}, cwd: root });
    expect(missing).toEqual({ ok: false, reason: `--root ${join(root, "nope")} does not exist` });
    expect(resolveHookRoot({ root: "/", env: {}, cwd: root })).toEqual({
      ok: false,
      reason: "--root / is not inside a git repository",
    });
    expect(resolveHookRoot({ env: { CLAUDE_PROJECT_DIR: "/" }, cwd: root })).toEqual({
      ok: false,
      reason: "CLAUDE_PROJECT_DIR / is not inside a git repository",
    });
  });
});
