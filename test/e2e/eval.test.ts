import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { Report } from "../../src/contract/index.js";
import { createTempRepo, type TempRepo } from "../../src/test-support/temp-repo.js";
import { JIG_BIN, runJig } from "./run-jig.js";

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

/** A repo with a refunds skill (run.mjs reads JIG_VAR_CENTS) and one suite covering it. */
function refundsRepo(
  options: { capped?: boolean; scenarios?: number; delayMs?: number } = {},
): TempRepo {
  const repo = createTempRepo("jig-e2e-eval-");
  repos.push(repo);
  const capped = options.capped ?? true;
  repo.write(
    "src/refunds.mjs",
    `export function decideRefund(cents) { return { decision: ${capped ? 'cents > 50000 ? "escalated" : "approved"' : '"approved"'} }; }\n`,
  );
  repo.write(
    "run.mjs",
    `import { appendFileSync } from "node:fs";
import { decideRefund } from "./src/refunds.mjs";
appendFileSync("calls.log", process.env.JIG_VAR_CENTS + "\\n");
setTimeout(() => console.log(JSON.stringify(decideRefund(Number(process.env.JIG_VAR_CENTS)))), ${options.delayMs ?? 0});
`,
  );
  const count = options.scenarios ?? 2;
  const scenarios = Array.from({ length: count }, (_, index) => {
    const cents = index % 2 === 0 ? 100 + index : 60000 + index;
    const expected = index % 2 === 0 ? "approved" : "escalated";
    return `  - id: case-${index}\n    covers: [SPEC-0001/AC-${(index % 2) + 1}]\n    vars: { cents: ${cents} }\n    assert: [{ type: json-path, path: "$.decision", value: ${expected} }]`;
  });
  repo.write(
    "evals/refunds.yaml",
    `suite: refunds\ncovers: ["src/refunds.mjs"]\ntarget: { command: ["node", "run.mjs"] }\nscenarios:\n${scenarios.join("\n")}\n`,
  );
  repo.write(".gitignore", ".jig/\ncalls.log\n*.json\n");
  repo.commit("refunds with evals");
  return repo;
}

const calls = (repo: TempRepo) =>
  existsSync(join(repo.dir, "calls.log"))
    ? readFileSync(join(repo.dir, "calls.log"), "utf8").trim().split("\n").length
    : 0;

describe("jig eval run", () => {
  it("exits 0 when every suite reaches its threshold and 1 when one does not", () => {
    const repo = refundsRepo();
    const pass = runJig(["eval", "run"], { cwd: repo.dir });
    expect(pass.stdout).toMatch(/✓ refunds: satisfaction 100.0%/);
    expect(pass.code).toBe(0);
    repo.write(
      "src/refunds.mjs",
      `export function decideRefund() { return { decision: "approved" }; }\n`,
    );
    const fail = runJig(["eval", "run", "--repeat", "3", "--format", "json"], { cwd: repo.dir });
    expect(fail.code).toBe(1);
    const report = JSON.parse(fail.stdout);
    expect(report.schema).toBe("jig.eval-run/v1");
    expect(report.summary.suites[0]).toMatchObject({
      suite: "refunds",
      satisfaction: 0.5,
      passed: false,
      runs: 6,
    });
    expect(report.summary.suites[0].interval.low).toBeGreaterThan(0);
  });

  it("prints one file:line:col line per problem of a malformed suite and exits 2", () => {
    const repo = refundsRepo();
    repo.write(
      "evals/bad.yaml",
      `suite: bad\ntarget: { command: "true" }\nscenarios:\n  - id: a\n    assert: [{ type: regex, value: "(" }]\n`,
    );
    const result = runJig(["eval", "run"], { cwd: repo.dir });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(
      /^evals\/bad\.yaml:5:\d+: bad regex: .* \[eval\/assertion\]$/,
    );
  });

  it("keeps going past a crashing scenario and reports it as an error with its stderr", () => {
    const repo = refundsRepo();
    repo.write(
      "evals/crash.yaml",
      `suite: crash\ntarget: { command: "echo dying >&2; kill -9 $$" }\nscenarios:\n  - id: a\n  - id: b\n`,
    );
    const result = runJig(["eval", "run"], { cwd: repo.dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/! a#1: error: killed by SIGKILL/);
    expect(result.stdout).toMatch(/stderr: dying/);
    expect(result.stdout).toMatch(/✓ refunds/);
  });

  it("kills a hung command's whole process group at the timeout and on SIGTERM", async () => {
    const repo = refundsRepo();
    // The shell forks `sleep`: killing only the shell would leave sleep holding the pipes.
    const hang = (timeoutMs: number, id: string) =>
      `suite: hang\ntimeoutMs: ${timeoutMs}\ntarget: { command: "echo waiting >&2; touch started-$JIG_VAR_N; sleep 1; touch late-$JIG_VAR_N; sleep 30" }\nscenarios:\n  - { id: ${id}, vars: { n: ${id} } }\n`;
    repo.write("evals/hang.yaml", hang(300, "a"));
    const started = Date.now();
    const timedOut = runJig(["eval", "run", "hang"], { cwd: repo.dir });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(timedOut.code).toBe(1);
    expect(timedOut.stdout).toMatch(/! a#1: error: timed out after 300 ms and was killed/);
    expect(timedOut.stdout).toMatch(/stderr: waiting/);

    repo.write("evals/hang.yaml", hang(60_000, "b"));
    const child = spawn(process.execPath, [JIG_BIN, "eval", "run", "hang", "--no-progress"], {
      cwd: repo.dir,
      stdio: "ignore",
    });
    for (let waited = 0; waited < 10_000 && !existsSync(join(repo.dir, "started-b")); waited += 25)
      await new Promise((resolve) => setTimeout(resolve, 25));
    child.kill("SIGTERM");
    const signal = await new Promise((resolve) =>
      child.once("exit", (_code, name) => resolve(name)),
    );
    expect(signal).toBe("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(existsSync(join(repo.dir, "started-b"))).toBe(true);
    expect(existsSync(join(repo.dir, "late-a"))).toBe(false);
    expect(existsSync(join(repo.dir, "late-b"))).toBe(false);
  });

  it("runs only the suites covering the change with --changed", () => {
    const repo = refundsRepo();
    repo.git("checkout", "-q", "-b", "feature");
    repo.write("README.md", "docs\n");
    repo.commit("docs only");
    const none = runJig(["eval", "run", "--changed", "--base", "main"], { cwd: repo.dir });
    expect(none.code).toBe(0);
    expect(none.stderr).toMatch(/no suite covers the 1 changed files/);
    repo.write(
      "src/refunds.mjs",
      `export function decideRefund() { return { decision: "approved" }; }\n`,
    );
    repo.commit("break it");
    const some = runJig(["eval", "run", "--changed", "--base", "main"], { cwd: repo.dir });
    expect(some.code).toBe(1);
    expect(some.stdout).toMatch(/✗ refunds/);
  });

  it("resumes a SIGKILLed run, running only the cases it had not stored", async () => {
    const repo = refundsRepo({ scenarios: 12, delayMs: 150 });
    const child = spawn(process.execPath, [JIG_BIN, "eval", "run", "-j", "2", "--no-progress"], {
      cwd: repo.dir,
      stdio: "ignore",
      env: { ...process.env, NO_COLOR: "1" },
    });
    const dbPath = join(repo.dir, ".jig/jig.db");
    let stored = 0;
    for (let waited = 0; waited < 20_000 && stored < 4; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (!existsSync(dbPath)) continue;
      try {
        const db = new Database(dbPath, { readonly: true });
        stored = (db.prepare("SELECT count(*) AS n FROM eval_results").get() as { n: number }).n;
        db.close();
      } catch {
        stored = 0;
      }
    }
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    const db = new Database(dbPath, { readonly: true });
    const run = db.prepare("SELECT id, status FROM eval_runs").get() as {
      id: string;
      status: string;
    };
    const kept = (db.prepare("SELECT count(*) AS n FROM eval_results").get() as { n: number }).n;
    db.close();
    expect(run.status).toBe("running");
    expect(kept).toBeGreaterThanOrEqual(4);
    expect(kept).toBeLessThan(12);
    // The killed jig's in-flight children are orphans that still finish and log.
    await new Promise((resolve) => setTimeout(resolve, 800));
    const before = calls(repo);
    // `latest` names the newest unfinished run, the killed one.
    const resumed = runJig(["eval", "run", "--resume", "latest", "--format", "json"], {
      cwd: repo.dir,
    });
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout).run.id).toBe(run.id);
    expect(JSON.parse(resumed.stdout).summary.runs).toBe(12);
    expect(calls(repo) - before).toBe(12 - kept);
    const nothing = runJig(["eval", "run", "--resume", "latest"], { cwd: repo.dir });
    expect(nothing.code).toBe(2);
    expect(nothing.stderr.trim()).toBe(
      "jig eval: --resume latest: no unfinished eval run to resume; 'jig eval list' shows the stored runs",
    );
  });

  it("splits a run into shards and merges them back into one scored run", () => {
    const repo = refundsRepo({ scenarios: 5 });
    for (const shard of ["1/2", "2/2"]) {
      const result = runJig(
        ["eval", "run", "--shard", shard, "--format", "json", "--output", `shard-${shard[0]}.json`],
        {
          cwd: repo.dir,
        },
      );
      expect(result.code).toBe(0);
    }
    const first = JSON.parse(readFileSync(join(repo.dir, "shard-1.json"), "utf8"));
    expect(first.summary.runs).toBe(3);
    const merged = runJig(["eval", "merge", "shard-1.json", "shard-2.json", "--format", "json"], {
      cwd: repo.dir,
    });
    expect(merged.code).toBe(0);
    const report = JSON.parse(merged.stdout);
    expect(report.summary.runs).toBe(5);
    expect(report.run.mergedFrom).toHaveLength(2);
  });

  it("compares two runs per scenario and against a stored baseline ref", () => {
    const repo = refundsRepo();
    const good = JSON.parse(runJig(["eval", "run", "--format", "json"], { cwd: repo.dir }).stdout)
      .run.id as string;
    repo.write(
      "src/refunds.mjs",
      `export function decideRefund() { return { decision: "approved" }; }\n`,
    );
    const badRun = runJig(["eval", "run", "--format", "json", "--baseline", "HEAD"], {
      cwd: repo.dir,
    });
    const bad = JSON.parse(badRun.stdout);
    expect(bad.baseline.runId).toBe(good);
    expect(bad.baseline.comparison.regressions).toEqual([
      { suite: "refunds", scenario: "case-1", before: 1, after: 0 },
    ]);
    const before = calls(repo);
    const unknown = runJig(["eval", "run", "--baseline", "no-such-ref"], { cwd: repo.dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe("jig eval: --baseline: unknown revision 'no-such-ref'");
    expect(calls(repo)).toBe(before);
    const compared = runJig(["eval", "compare", good, bad.run.id], { cwd: repo.dir });
    expect(compared.code).toBe(1);
    expect(compared.stdout).toMatch(/↓ refunds\/case-1: 100.0% → 0.0%/);
  });

  it("seals the suites; jig check runs the base's suites and fails an agent's edit of them, asks a person about theirs", () => {
    const repo = refundsRepo();
    const sealed = runJig(["eval", "seal", "--by", "lead@example.com"], { cwd: repo.dir });
    expect(sealed.stdout).toMatch(/sealed 1 file in evals as lead@example.com/);
    const seal = JSON.parse(readFileSync(join(repo.dir, "evals/.jig-seal.json"), "utf8"));
    expect(seal.files["refunds.yaml"]).toMatch(/^sha256:[0-9a-f]{64}$/);
    // Adopt jig on main: a config (suites need no spec here) and the seal, which .gitignore hides.
    repo.write("jig.config.yaml", 'specs:\n  exempt: ["evals/**"]\n');
    repo.git("add", "-f", "evals/.jig-seal.json");
    repo.commit("seal");
    repo.git("checkout", "-q", "-b", "agent/cheat");
    const original = readFileSync(join(repo.dir, "evals/refunds.yaml"), "utf8");
    repo.write("evals/refunds.yaml", original.replace("escalated", "approved"));
    repo.commit("make the evals agree\n\nCo-Authored-By: Claude <noreply@anthropic.com>");
    const check = (): { code: number; report: Report } => {
      const result = runJig(["check", "--base", "main", "--format", "json"], { cwd: repo.dir });
      return { code: result.code ?? -1, report: JSON.parse(result.stdout) };
    };
    const byAgent = check();
    expect(byAgent.code).toBe(1);
    expect(
      byAgent.report.findings.map((finding) => [finding.ruleId, finding.severity, finding.file]),
    ).toContainEqual(["JIG-T001", "critical", "evals/refunds.yaml"]);
    // The suites came from main, so they still match their seal.
    expect(byAgent.report.findings.map((finding) => finding.ruleId)).not.toContain("JIG-H002");

    repo.git("reset", "-q", "--soft", "HEAD~1");
    repo.commit("a person tightens the suite");
    const byPerson = check();
    expect(byPerson.code).toBe(3);
    const t001 = byPerson.report.findings.find((finding) => finding.ruleId === "JIG-T001");
    expect(t001).toMatchObject({ needsHuman: true, file: "evals/refunds.yaml" });

    // A suite edited on main without a new seal: the base itself is broken.
    repo.git("checkout", "-q", "main");
    repo.write("evals/refunds.yaml", `${original}\n`);
    repo.commit("edit the suite without sealing");
    const drifted = runJig(["check", "--base", "HEAD", "--format", "json"], { cwd: repo.dir });
    expect(drifted.code).toBe(1);
    expect(
      (JSON.parse(drifted.stdout) as Report).findings.map((finding) => finding.ruleId),
    ).toContain("JIG-H002");
  });
});
