import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqliteRunStore, type RunStoreOptions } from "../../store/index.js";
import { useSeededRepo } from "../../test-support/seeded-repo.js";
import type { TempRepo } from "../../test-support/temp-repo.js";
import { sampleRunReport as sampleReport } from "../../testing/sample-run-report.js";
import type { CliContext } from "../cli-context.js";
import { runCommand } from "../run-command.js";

const entry = { name: "runs", summary: "", load: () => import("./runs-command.js") };

async function jig(cwd: string, ...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const context: CliContext = {
    cwd,
    env: {},
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    stdin: process.stdin,
    now: () => new Date("2026-11-25T12:00:00Z"),
    version: "0.0.0-test",
    exitCode: 0,
  };
  const exitCode = await runCommand(entry, argv, context);
  return { exitCode, stdout, stderr };
}

describe("jig runs", () => {
  let repo: TempRepo;
  let dbPath: string;
  const seeded = useSeededRepo((seed) => {
    seed.write("README.md", "hello\n");
    seed.commit("init");
  });
  beforeEach(() => {
    repo = seeded();
    dbPath = join(repo.dir, ".jig", "jig.db");
  });
  afterEach(() => repo.cleanup());

  const seed = (path = dbPath, options: RunStoreOptions = {}) => {
    const store = openSqliteRunStore(path, options);
    store.finishRun(
      sampleReport("20261125T090000Z-aaaa", {
        startedAt: "2026-11-25T09:00:00.000Z",
        outcome: "pass",
        findings: 0,
      }),
    );
    store.finishRun(
      sampleReport("20261125T100000Z-bbbb", { startedAt: "2026-11-25T10:00:00.000Z" }),
    );
    store.close();
    // A writer that died mid-run: its pid cannot exist (above any pid_max).
    const dead = openSqliteRunStore(path, { pid: 2 ** 31 - 2, host: hostname() });
    dead.startRun({
      id: "20261125T110000Z-cccc",
      startedAt: "2026-11-25T11:00:00.000Z",
      base: "1111111aaaaaaa",
      head: "2222222bbbbbbb",
      baseRef: "main",
      headRef: "HEAD",
    });
    dead.close();
  };

  it("says no runs are recorded yet, exits 0, and creates no database", async () => {
    const result = await jig(repo.dir, "list");
    expect(result).toEqual({
      exitCode: 0,
      stdout: "no runs recorded yet; jig check records one\n",
      stderr: "",
    });
    expect((await jig(repo.dir, "list", "--format", "json")).stdout).toBe("[]\n");
    expect(existsSync(dbPath)).toBe(false);
  });

  it("lists runs newest first as a table, showing a dead writer's run as interrupted", async () => {
    seed();
    mkdirSync(join(repo.dir, "sub", "dir"), { recursive: true });
    const result = await jig(join(repo.dir, "sub", "dir"), "list");
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^ID\s+STATUS\s+OUTCOME\s+RANGE\s+FINDINGS\s+DURATION\s+STARTED$/);
    expect(lines.slice(1).map((line) => line.split(/\s{2,}/))).toEqual([
      [
        "20261125T110000Z-cccc",
        "interrupted",
        "-",
        "1111111..2222222",
        "0",
        "-",
        "2026-11-25 11:00:00Z",
      ],
      [
        "20261125T100000Z-bbbb",
        "finished",
        "fail",
        "1a2b3c4..9f8e7d6",
        "2",
        "1.2 s",
        "2026-11-25 10:00:00Z",
      ],
      [
        "20261125T090000Z-aaaa",
        "finished",
        "pass",
        "1a2b3c4..9f8e7d6",
        "0",
        "1.2 s",
        "2026-11-25 09:00:00Z",
      ],
    ]);
    // `jig runs` alone lists too.
    expect((await jig(repo.dir)).stdout).toBe(result.stdout);
  });

  it("lists as JSON and honours --limit", async () => {
    seed();
    const result = await jig(repo.dir, "list", "--limit", "2", "--format", "json");
    const runs = JSON.parse(result.stdout) as Array<{ id: string; status: string }>;
    expect(runs.map((run) => [run.id, run.status])).toEqual([
      ["20261125T110000Z-cccc", "interrupted"],
      ["20261125T100000Z-bbbb", "finished"],
    ]);
    const bad = await jig(repo.dir, "list", "--limit", "zero");
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain("--limit");
  });

  it("shows a stored report by prefix in every format", async () => {
    seed();
    const json = await jig(repo.dir, "show", "20261125T10", "--format", "json");
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(
      sampleReport("20261125T100000Z-bbbb", { startedAt: "2026-11-25T10:00:00.000Z" }),
    );
    const text = await jig(repo.dir, "show", "20261125T100000Z-bbbb");
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain("review");
    expect(text.stdout.toLowerCase()).toContain("skipped");
    const sarif = JSON.parse(
      (await jig(repo.dir, "show", "20261125T10", "--format", "sarif")).stdout,
    );
    expect(sarif.version).toBe("2.1.0");
    const junit = await jig(repo.dir, "show", "20261125T10", "--format", "junit");
    expect(junit.stdout).toContain("<testsuite");
    const markdown = await jig(repo.dir, "show", "20261125T10", "--format", "markdown");
    expect(markdown.stdout).toContain("#");
    expect(markdown.stdout).not.toBe(text.stdout);
  });

  it("rejects an unknown, ambiguous or unfinished run with one line and exit 2", async () => {
    seed();
    expect(await jig(repo.dir, "show", "nope")).toEqual({
      exitCode: 2,
      stdout: "",
      stderr: "jig runs: no run nope; see jig runs list\n",
    });
    const ambiguous = await jig(repo.dir, "show", "2026");
    expect(ambiguous.exitCode).toBe(2);
    expect(ambiguous.stderr).toMatch(/more than one run/);
    const interrupted = await jig(repo.dir, "show", "20261125T11");
    expect(interrupted.exitCode).toBe(2);
    expect(interrupted.stderr).toBe(
      "jig runs: run 20261125T110000Z-cccc was interrupted before it finished, so it has no report\n",
    );
  });

  it("says no run when nothing was ever recorded", async () => {
    const result = await jig(repo.dir, "show", "20261125");
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe("jig runs: no run 20261125; see jig runs list\n");
  });

  it("reads the store from store.path in jig.config.yaml", async () => {
    repo.write("jig.config.yaml", "store:\n  path: var/runs.sqlite\n");
    seed(join(repo.dir, "var", "runs.sqlite"));
    const result = await jig(repo.dir, "list", "--format", "json");
    expect(JSON.parse(result.stdout)).toHaveLength(3);
  });

  it("names the file when the database is not SQLite", async () => {
    mkdirSync(join(repo.dir, ".jig"));
    writeFileSync(dbPath, "not a database at all, only text\n".repeat(40));
    const result = await jig(repo.dir, "list");
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(dbPath);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("fails with exit 2 outside a git repository", async () => {
    const outside = mkdtempSync(join(tmpdir(), "jig-no-repo-"));
    try {
      const result = await jig(outside, "list");
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(/^jig runs: not a git repository/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
