import { spawn } from "node:child_process";
import { afterEach, beforeEach } from "vitest";
import { createTempRepo, type TempRepo } from "../../src/test-support/temp-repo.js";
import {
  type FakeModelRequest,
  type FakeModelServer,
  startFakeModelServer,
} from "../../src/testing/fake-model-server.js";
import { APPROVED_SPEC, JIG_BIN, type JigResult } from "./run-jig.js";

/**
 * Run the built binary without blocking the event loop, so a model stub
 * server in this test process can answer it.
 */
export function runJigAsync(
  args: string[],
  options: { cwd: string; env?: Record<string, string | undefined>; input?: string },
): Promise<JigResult> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1", ...options.env };
  for (const name of [
    "JIG_SPEC",
    "JIG_DEBUG",
    "JIG_REVIEW_MODEL",
    "JIG_CODER_MODEL",
    "JIG_CASSETTE",
    "JIG_CASSETTE_MODE",
  ]) {
    if (!options.env || !(name in options.env)) delete env[name];
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [JIG_BIN, ...args], {
      cwd: options.cwd,
      env: env as NodeJS.ProcessEnv,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

/**
 * A scripted reviewer for the refunds example: it reports the off-by-one cap
 * on whatever line carries `amountCents < 50000` in the diff it is shown,
 * and finds nothing once the line is fixed. Stands in for a real model.
 */
export function refundCapReviewer(request: FakeModelRequest) {
  const match = /\+\s+(\d+) \|.*amountCents < 50000/.exec(request.text);
  if (!match) {
    return {
      kind: "json" as const,
      value: { findings: [], criteria: [{ id: "AC-1", status: "met", evidence: "uses <=" }] },
    };
  }
  return {
    kind: "json" as const,
    value: {
      findings: [
        {
          severity: "high",
          confidence: 0.95,
          file: "src/refunds.js",
          line: Number(match[1]),
          ruleId: "SPEC-0001/AC-1",
          title: "Refund cap is off by one",
          message: "A refund of exactly 50000 cents is escalated, but AC-1 says it is approved.",
          suggestion: "Compare with <= 50000.",
        },
      ],
      criteria: [{ id: "AC-1", status: "not_met", evidence: `line ${match[1]} uses <` }],
    },
  };
}

export const BUGGY_REFUNDS = `export function decideRefund(request) {
  if (request.amountCents < 50000) return { decision: "approved" };
  return { decision: "escalated", reason: "above the 50000 cent cap" };
}
`;

/**
 * The repository the review and loop tests start from: an approved SPEC-0001
 * and a plain refunds module on main, then a `feature` branch whose commit
 * cites the spec and brings the off-by-one cap. `config` follows
 * `version: 1` in jig.config.yaml; `files` are added to the base commit.
 */
export function createRefundsRepo(options: {
  config: string;
  gitignore?: string;
  files?: Record<string, string>;
}): TempRepo {
  const repo = createTempRepo();
  repo.write("jig.config.yaml", `version: 1\n${options.config}`);
  repo.write(".gitignore", options.gitignore ?? ".jig/\n");
  repo.write("specs/SPEC-0001-refund-cap.md", APPROVED_SPEC);
  for (const [path, content] of Object.entries(options.files ?? {})) repo.write(path, content);
  repo.write(
    "src/refunds.js",
    'export function decideRefund() {\n  return { decision: "approved" };\n}\n',
  );
  repo.commit("base");
  repo.git("checkout", "-q", "-b", "feature");
  repo.write("src/refunds.js", BUGGY_REFUNDS);
  repo.commit("cap refunds\n\nSpec: SPEC-0001");
  return repo;
}

/** The config naming an OpenAI reviewer served by the stub at `baseURL`. */
export function reviewerConfig(baseURL: string): string {
  return `models:\n  reviewer: openai:gpt-4.1-mini\nproviders:\n  openai:\n    baseURL: ${baseURL}\n`;
}

/** What {@link useReviewFixtures} gives a test file. */
export interface ReviewFixtures {
  /** This test's model stub, answering as the refund-cap reviewer. */
  readonly stub: FakeModelServer;
  /** Stop the stub mid-test (no model reachable); it is not closed again after the test. */
  stopStub(): Promise<void>;
  /** Remove `repo` after the test; returns it. */
  track(repo: TempRepo): TempRepo;
}

/**
 * The hooks the review and loop tests share: before each test a model stub
 * answering as the refund-cap reviewer; after it, the stub closed and the
 * test's repositories removed.
 */
export function useReviewFixtures(): ReviewFixtures {
  let stub: FakeModelServer | undefined;
  const repos: TempRepo[] = [];
  beforeEach(async () => {
    stub = await startFakeModelServer();
    stub.setFallback(refundCapReviewer);
  });
  afterEach(async () => {
    for (const repo of repos.splice(0)) repo.cleanup();
    await stub?.close();
    stub = undefined;
  });
  return {
    get stub() {
      if (!stub) throw new Error("the model stub runs only inside a test");
      return stub;
    },
    async stopStub() {
      await stub?.close();
      stub = undefined;
    },
    track(repo) {
      repos.push(repo);
      return repo;
    },
  };
}
