import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { TempRepo } from "../../src/test-support/temp-repo.js";
import {
  createRefundsRepo,
  reviewerConfig,
  runJigAsync,
  useReviewFixtures,
} from "./review-support.js";

const fixtures = useReviewFixtures();
let repo: TempRepo;

function setup(config = reviewerConfig("BASE")): TempRepo {
  repo = fixtures.track(
    createRefundsRepo({ config: config.replace("BASE", fixtures.stub.openaiBaseURL) }),
  );
  return repo;
}
const env = { OPENAI_API_KEY: "test" };

describe("jig review", () => {
  it("exits 2 and says how to configure a model when there is no reviewer", async () => {
    setup("");
    const result = await runJigAsync(["review"], { cwd: repo.dir, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no reviewer model: set models\.reviewer/);
  });

  it("exits 2 when the reviewer is the coder's model", async () => {
    setup();
    const result = await runJigAsync(["review"], {
      cwd: repo.dir,
      env: { ...env, JIG_CODER_MODEL: "openai:gpt-4.1-mini" },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("also the coder model");
  });

  it("reports the reviewer's finding and unmet criterion, and exits 1", async () => {
    setup();
    const result = await runJigAsync(["review", "--format", "json"], { cwd: repo.dir, env });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    // The integrity layer runs wherever the gate does, in front of the layers a command picks.
    expect(report.layers.map((layer: { name: string }) => layer.name)).toEqual([
      "integrity",
      "review",
    ]);
    expect(report.findings[0]).toMatchObject({
      ruleId: "SPEC-0001/AC-1",
      file: "src/refunds.js",
      line: 2,
      layer: "review",
    });
    expect(report.verdict.reasons.join("\n")).toContain(
      "acceptance criteria not met: SPEC-0001/AC-1",
    );
    expect(fixtures.stub.requests).toHaveLength(1);
  });

  it("records a cassette and replays it in CI with no model reachable", async () => {
    setup();
    const cassette = join(repo.dir, ".jig", "review-cassette.jsonl");
    const recorded = await runJigAsync(["review", "--no-cache"], {
      cwd: repo.dir,
      env: { ...env, JIG_CASSETTE: cassette },
    });
    expect(recorded.code).toBe(1);
    expect(existsSync(cassette)).toBe(true);
    await fixtures.stopStub();
    const replayed = await runJigAsync(["review", "--no-cache"], {
      cwd: repo.dir,
      env: { JIG_CASSETTE: cassette, JIG_CASSETTE_MODE: "replay" },
    });
    expect(replayed.code).toBe(1);
    expect(replayed.stdout).toMatch(/^jig review run /);
    expect(replayed.stdout).toContain("replayed from cassette");
    expect(replayed.stdout).toContain("Refund cap is off by one");
  });

  it("runs a command: model (a CLI agent reading the prompt on stdin)", async () => {
    setup("");
    repo.write(
      "reviewer.mjs",
      `let text = ""; process.stdin.on("data", (c) => (text += c)); process.stdin.on("end", () => {
  const hit = /\\+\\s+(\\d+) \\|.*amountCents < 50000/.exec(text);
  const findings = hit ? [{ severity: "high", confidence: 0.9, file: "src/refunds.js", line: Number(hit[1]), ruleId: "general", title: "Off by one", message: "cap" }] : [];
  console.log(JSON.stringify({ type: "result", result: JSON.stringify({ findings, criteria: [] }) }));
});\n`,
    );
    const result = await runJigAsync(["review", "--model", "command:node reviewer.mjs"], {
      cwd: repo.dir,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("Off by one");
    expect(result.stdout).toContain("reviewer: command:node reviewer.mjs");
  });

  it("a command: model that hangs times out, and jig exits without waiting for it", async () => {
    setup("models:\n  timeoutMs: 300\n  maxRetries: 0\n");
    const started = performance.now();
    // `sh -c` forks `sleep`, which holds the output pipes after sh is killed.
    const result = await runJigAsync(["review", "--model", "command:sleep 20; echo done"], {
      cwd: repo.dir,
    });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("failed after 1 attempt (timeout: timed out)");
  }, 30_000);

  it("a bad JIG_CASSETTE_MODE exits 2 with one line, before the review runs", async () => {
    setup();
    const result = await runJigAsync(["review"], {
      cwd: repo.dir,
      env: {
        ...env,
        JIG_CASSETTE: join(repo.dir, ".jig", "cassette.jsonl"),
        JIG_CASSETTE_MODE: "replya",
      },
    });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toEqual([
      expect.stringContaining('JIG_CASSETTE_MODE must be record or replay, got "replya"'),
    ]);
    expect(fixtures.stub.requests).toHaveLength(0);
  });

  it("--max-cost stops the review before it spends, and says so", async () => {
    setup();
    const result = await runJigAsync(["review", "--max-cost", "0.0000001"], { cwd: repo.dir, env });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("--max-cost $1e-7");
    expect(fixtures.stub.requests).toHaveLength(0);
  });

  it("jig check runs the review layer with the same findings when a reviewer is configured", async () => {
    setup();
    const result = await runJigAsync(["check", "--format", "json"], { cwd: repo.dir, env });
    const report = JSON.parse(result.stdout);
    const review = report.layers.find((layer: { name: string }) => layer.name === "review");
    expect(review.status).toBe("failed");
    expect(
      report.findings
        .filter((finding: { layer: string }) => finding.layer === "review")
        .map((finding: { ruleId: string; line: number }) => [finding.ruleId, finding.line]),
    ).toEqual([["SPEC-0001/AC-1", 2]]);
    expect(result.code).toBe(1);
    expect(fixtures.stub.requests).toHaveLength(1);
  });
});
