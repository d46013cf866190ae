import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../../src/test-support/temp-repo.js";
import { APPROVED_SPEC, runJig } from "./run-jig.js";

let repo: TempRepo;
let remote: string;
afterEach(() => {
  repo?.cleanup();
  if (remote) rmSync(remote, { recursive: true, force: true });
});

/** A repo with a real bare remote that already has main. */
function setup(): TempRepo {
  repo = createTempRepo();
  remote = mkdtempSync(join(tmpdir(), "jig-remote-"));
  spawnSync("git", ["init", "-q", "--bare", "-b", "main", remote]);
  repo.write("jig.config.yaml", "version: 1\n");
  repo.write(".gitignore", ".jig/\n");
  repo.write("specs/SPEC-0001-refund-cap.md", APPROVED_SPEC);
  repo.write("src/refunds.js", "export const cap = 0;\n");
  repo.commit("base");
  repo.git("remote", "add", "origin", remote);
  repo.git("push", "-q", "origin", "main");
  return repo;
}

function push(...args: string[]) {
  const result = spawnSync("git", ["push", "origin", ...args], {
    cwd: repo.dir,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

function remoteHas(branch: string): boolean {
  return (
    spawnSync("git", ["rev-parse", "--verify", "--quiet", `refs/heads/${branch}`], { cwd: remote })
      .status === 0
  );
}

describe("jig hooks install --pre-push", () => {
  it("blocks a push whose range fails the gate and lets a passing one through", async () => {
    setup();
    const installed = runJig(["hooks", "install", "--pre-push"], { cwd: repo.dir });
    expect(installed.code).toBe(0);
    expect(installed.stdout).toContain("npx jig hooks pre-push");
    expect(installed.stdout).toContain("use_stdin: true");

    repo.git("checkout", "-q", "-b", "no-spec");
    repo.write("src/refunds.js", "export const cap = 50000;\n");
    repo.commit("raise the cap");
    const blocked = push("no-spec");
    expect(blocked.code).not.toBe(0);
    expect(blocked.output).toContain("JIG-G001");
    expect(blocked.output).toMatch(/checking no-spec .*\(\w{7}\.\.\w{7}\)/);
    expect(remoteHas("no-spec")).toBe(false);

    repo.git("checkout", "-q", "-b", "with-spec", "main");
    repo.write("src/refunds.js", "export const cap = 50000;\n");
    repo.commit("raise the cap\n\nSpec: SPEC-0001");
    const allowed = push("with-spec");
    expect(allowed.code).toBe(0);
    expect(remoteHas("with-spec")).toBe(true);

    // An update is checked from the remote's previous tip: only the new commit.
    repo.write("src/refunds.js", "export const cap = 60000;\n");
    repo.commit("tweak without a trailer");
    const update = push("with-spec");
    expect(update.code).not.toBe(0);
    expect(update.output).toContain("JIG-G001");

    const deleted = push("--delete", "with-spec");
    expect(deleted.code).toBe(0);
    expect(deleted.output).toContain("skipped (branch delete)");
    expect(remoteHas("with-spec")).toBe(false);
  });

  it("judges a push with the rules of its base: an agent loosening them is blocked on JIG-T001", () => {
    setup();
    expect(runJig(["hooks", "install", "--pre-push"], { cwd: repo.dir }).code).toBe(0);
    repo.git("checkout", "-q", "-b", "loosened");
    repo.write("jig.config.yaml", "version: 1\ngate:\n  require: []\n  failOn: critical\n");
    repo.write("src/refunds.js", "export const cap = 50000;\n");
    repo.commit("raise the cap\n\nCo-Authored-By: Claude <noreply@anthropic.com>");
    const blocked = push("loosened");
    expect(blocked.code).not.toBe(0);
    expect(blocked.output).toContain("JIG-T001");
    expect(blocked.output).toContain("A coding agent changed a governance input");
    expect(remoteHas("loosened")).toBe(false);

    // The same edit by a person is not a failure, but it is not a pass either.
    repo.git("commit", "-q", "--amend", "-m", "raise the cap\n\nSpec: SPEC-0001");
    const held = push("loosened");
    expect(held.code).not.toBe(0);
    expect(held.output).toMatch(/a person must review and merge the governance change/);
    expect(remoteHas("loosened")).toBe(false);
  });

  it("chains an existing pre-push hook instead of overwriting it", () => {
    setup();
    const hooks = join(repo.dir, ".git", "hooks");
    const marker = join(repo.dir, ".jig-chained-ran");
    spawnSync("sh", [
      "-c",
      `mkdir -p '${hooks}' && printf '#!/bin/sh\\ncat > "${marker}"\\n' > '${hooks}/pre-push'`,
    ]);
    chmodSync(join(hooks, "pre-push"), 0o755);
    const installed = runJig(["hooks", "install"], { cwd: repo.dir });
    expect(installed.stdout).toContain("kept your existing pre-push hook");
    expect(existsSync(join(hooks, "pre-push.jig-chained"))).toBe(true);
    // Installing twice keeps the chain intact.
    expect(runJig(["hooks", "install"], { cwd: repo.dir }).code).toBe(0);
    repo.git("checkout", "-q", "-b", "with-spec");
    repo.write("src/refunds.js", "export const cap = 1;\n");
    repo.commit("cap\n\nSpec: SPEC-0001");
    expect(push("with-spec").code).toBe(0);
    expect(readFileSync(marker, "utf8")).toContain("refs/heads/with-spec");
  });

  it("checks a new branch from its merge-base with main even after main moved on", () => {
    setup();
    expect(runJig(["hooks", "install", "--pre-push"], { cwd: repo.dir }).code).toBe(0);
    const forkPoint = repo.git("rev-parse", "HEAD").trim();
    repo.write("src/other.js", "export const later = 1;\n");
    repo.commit("main moves on without a spec");
    expect(push("--no-verify", "main").code).toBe(0);
    repo.git("checkout", "-q", "-b", "late", forkPoint);
    repo.write("src/refunds.js", "export const cap = 2;\n");
    repo.commit("cap\n\nSpec: SPEC-0001");
    repo.git("checkout", "-q", "main");
    // Pushed while another branch is checked out: the pushed commits are checked, not the tree.
    const result = push("late");
    expect(result.code).toBe(0);
    expect(result.output).toContain(`checking late → origin (${forkPoint.slice(0, 7)}..`);
    expect(result.output).toContain("Change:  1 file, +1 -1, 1 commit");
  });

  it("a failing chained hook blocks the push before jig runs", () => {
    setup();
    const hooks = join(repo.dir, ".git", "hooks");
    spawnSync("sh", [
      "-c",
      `mkdir -p '${hooks}' && printf '#!/bin/sh\\necho chained says no >&2\\nexit 1\\n' > '${hooks}/pre-push'`,
    ]);
    chmodSync(join(hooks, "pre-push"), 0o755);
    expect(runJig(["hooks", "install"], { cwd: repo.dir }).code).toBe(0);
    repo.git("checkout", "-q", "-b", "with-spec");
    repo.write("src/refunds.js", "export const cap = 1;\n");
    repo.commit("cap\n\nSpec: SPEC-0001");
    const result = push("with-spec");
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("chained says no");
    expect(result.output).not.toContain("jig pre-push: checking");
    expect(remoteHas("with-spec")).toBe(false);
  });
});
