import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../../src/test-support/temp-repo.js";
import { type FakeModelServer, startFakeModelServer } from "../../src/testing/index.js";
import { JIG_BIN } from "./run-jig.js";

const SCENARIOS = 14;

/**
 * The CI matrix path: `jig eval run --shard k/4` as four processes at once
 * against a model, then `jig eval merge` in a final job. The merged run must
 * be the single-process run, case for case.
 */
describe("sharded evals on a CI matrix", () => {
  let server: FakeModelServer;
  let repo: TempRepo;
  let env: Record<string, string>;

  beforeAll(async () => {
    // A model that decides by the amount in its prompt, and is wrong on
    // amounts ending in 7: some cases fail, so the comparison is not trivial.
    server = await startFakeModelServer();
    server.setFallback((request) => {
      const cents = Number(/refund of (\d+)/.exec(request.prompt)?.[1] ?? "0");
      const right = cents > 50000 ? "escalated" : "approved";
      const wrong = right === "approved" ? "escalated" : "approved";
      return { kind: "text", text: cents % 10 === 7 ? wrong : right };
    });
    env = {
      JIG_OPENAI_COMPATIBLE_BASE_URL: server.openaiBaseURL,
      JIG_OPENAI_COMPATIBLE_API_KEY: "test",
    };
    repo = createTempRepo("jig-e2e-shards-");
    const scenarios = Array.from({ length: SCENARIOS }, (_, index) => {
      const cents = index % 2 === 0 ? 100 + index * 3 : 60000 + index * 3;
      const expected = cents > 50000 ? "escalated" : "approved";
      return `  - id: case-${index}\n    vars: { cents: ${cents} }\n    assert:\n      - { type: equals, value: ${expected} }\n`;
    });
    repo.write(
      "evals/refunds.yaml",
      `suite: refunds\ntarget: { model: "openai-compatible:stub", prompt: "Decide the refund of {{cents}} cents: approved or escalated?" }\nrepeat: 2\nthreshold: 0.5\nscenarios:\n${scenarios.join("")}`,
    );
    repo.commit("refund evals");
  });

  afterAll(async () => {
    repo?.cleanup();
    await server?.close();
  });

  // Never spawnSync here: the model server runs in this process, and a
  // blocked event loop could not answer the jig it waits for.
  const jig = (args: string[]) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [JIG_BIN, ...args], {
        cwd: repo.dir,
        env: { ...process.env, NO_COLOR: "1", ...env },
      });
      let stderr = "";
      child.stderr.on("data", (chunk) => {
        stderr += chunk;
      });
      child.on("close", (code) => resolve({ code, stderr }));
    });

  type EvalJson = {
    run: { id: string; shard?: string; mergedFrom?: string[] };
    summary: {
      runs: number;
      passed: boolean;
      suites: Array<{ satisfaction: number; scenarios: Array<{ id: string }> }>;
    };
    results: Array<{ suite: string; scenario: string; attempt: number; passed: boolean }>;
  };
  const read = (file: string) => JSON.parse(readFileSync(join(repo.dir, file), "utf8")) as EvalJson;
  const cases = (report: EvalJson) =>
    Object.fromEntries(
      report.results.map((result) => [
        `${result.suite}/${result.scenario}#${result.attempt}`,
        result.passed,
      ]),
    );

  it("merges four parallel shards into exactly the single-process run, and merging again changes nothing", async () => {
    const single = await jig([
      "eval",
      "run",
      "--no-cache",
      "--format",
      "json",
      "--output",
      "single.json",
    ]);
    expect(single.code).toBe(0);
    const whole = read("single.json");
    expect(whole.summary.runs).toBe(SCENARIOS * 2);
    expect(Object.values(cases(whole)).filter((passed) => !passed).length).toBeGreaterThan(0);

    const shards = await Promise.all(
      [1, 2, 3, 4].map((k) =>
        jig([
          "eval",
          "run",
          "--no-cache",
          "--no-progress",
          "--shard",
          `${k}/4`,
          "--format",
          "json",
          "--output",
          `shard-${k}.json`,
        ]),
      ),
    );
    expect(shards.map((shard) => shard.code)).toEqual([0, 0, 0, 0]);
    const parts = [1, 2, 3, 4].map((k) => read(`shard-${k}.json`));
    expect(parts.map((part) => part.run.shard)).toEqual(["1/4", "2/4", "3/4", "4/4"]);
    expect(parts.reduce((sum, part) => sum + part.summary.runs, 0)).toBe(SCENARIOS * 2);

    const files = [1, 2, 3, 4].map((k) => `shard-${k}.json`);
    const merged = await jig([
      "eval",
      "merge",
      ...files,
      "--format",
      "json",
      "--output",
      "merged.json",
    ]);
    expect(merged.code).toBe(0);
    const joined = read("merged.json");
    expect(cases(joined)).toEqual(cases(whole));
    expect(joined.summary.suites[0]?.satisfaction).toBe(whole.summary.suites[0]?.satisfaction);
    expect(joined.run.mergedFrom).toEqual(parts.map((part) => part.run.id));
    const order = (report: EvalJson) => report.summary.suites[0]?.scenarios.map((s) => s.id);
    expect(order(joined)).toEqual(order(whole));

    const again = await jig([
      "eval",
      "merge",
      ...[...files].reverse(),
      "--format",
      "json",
      "--output",
      "again.json",
    ]);
    expect(again.code).toBe(0);
    const second = read("again.json");
    expect(cases(second)).toEqual(cases(joined));
    expect(second.summary).toEqual(joined.summary);
  }, 180_000);

  it("refuses a merge with a shard missing or given twice, naming it", async () => {
    const missing = await jig(["eval", "merge", "shard-1.json", "shard-2.json", "shard-4.json"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe(
      "jig eval: shard 3/4 is missing; run 'jig eval run --shard 3/4' and pass its report too",
    );
    const twice = await jig([
      "eval",
      "merge",
      "shard-1.json",
      "shard-2.json",
      "shard-2.json",
      "shard-3.json",
      "shard-4.json",
    ]);
    expect(twice.code).toBe(2);
    expect(twice.stderr.trim()).toBe(
      `jig eval: run ${read("shard-2.json").run.id} is given twice; pass each shard's report once`,
    );
    const rerun = await jig([
      "eval",
      "run",
      "--no-cache",
      "--shard",
      "2/4",
      "--format",
      "json",
      "--output",
      "shard-2b.json",
    ]);
    expect(rerun.code).toBe(0);
    const doubled = await jig([
      "eval",
      "merge",
      "shard-1.json",
      "shard-2.json",
      "shard-2b.json",
      "shard-3.json",
      "shard-4.json",
    ]);
    expect(doubled.code).toBe(2);
    expect(doubled.stderr.trim()).toBe(
      `jig eval: shard 2/4 is given twice (runs ${read("shard-2.json").run.id} and ${read("shard-2b.json").run.id})`,
    );
  }, 120_000);
});
