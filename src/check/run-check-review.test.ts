import { readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FIXTURE_AGENTS } from "../agents/__fixtures__/guard-fixture.js";
import type { Layer } from "../gate/layer.js";
import { createReviewLayer } from "../gate/layers/review-layer.js";
import { createSpecLayer } from "../gate/layers/spec-layer.js";
import { INJECTION_CORPUS } from "../review/injection-corpus.js";
import { APPROVED_SPEC as SPEC } from "../test-support/approved-spec.js";
import { createTempRepo, type TempRepo } from "../test-support/temp-repo.js";
import {
  type FakeModelReply,
  type FakeModelServer,
  refusedUrl,
  startFakeModelServer,
} from "../testing/fake-model-server.js";
import { runCheck } from "./run-check.js";

const BUGGY = `export function decideRefund(request) {
  if (request.amountCents < 50000) return { decision: "approved" };
  return { decision: "escalated" };
}
`;

let repo: TempRepo;
let stub: FakeModelServer;
beforeEach(async () => {
  stub = await startFakeModelServer();
});
afterEach(async () => {
  repo?.cleanup();
  await stub.close();
});

function setup(
  options: { reviewer?: boolean; baseURL?: string; timeoutMs?: number } = {},
): TempRepo {
  repo = createTempRepo();
  const models =
    options.reviewer === false
      ? ""
      : `models:\n  reviewer: openai:gpt-4.1\n  maxRetries: 2\n  timeoutMs: ${options.timeoutMs ?? 10000}\nproviders:\n  openai:\n    baseURL: ${options.baseURL ?? stub.openaiBaseURL}\n`;
  repo.write("jig.config.yaml", `version: 1\n${models}`);
  repo.write(".gitignore", ".jig/\n");
  repo.write("specs/SPEC-0001-refund-cap.md", SPEC);
  repo.write("AGENTS.md", "Money is integer cents. Never use floats.\n");
  repo.write(
    "src/refunds.js",
    'export function decideRefund() {\n  return { decision: "approved" };\n}\n',
  );
  repo.commit("base");
  repo.git("checkout", "-q", "-b", "feature");
  repo.write("src/refunds.js", BUGGY);
  repo.commit("cap refunds\n\nSpec: SPEC-0001");
  return repo;
}

function layers(overrides: { noKey?: boolean } = {}): Layer[] {
  return [
    createSpecLayer(),
    createReviewLayer({
      env: overrides.noKey ? {} : { OPENAI_API_KEY: "test" },
      review: { retryBaseMs: 5, retryMaxMs: 20, nonce: () => "fixednonce" },
    }),
  ];
}

function check(options: { noAi?: boolean; noCache?: boolean; layers?: Layer[] } = {}) {
  return runCheck({
    cwd: repo.dir,
    base: "main",
    env: {},
    version: "0.0.0-test",
    now: () => new Date(),
    layers: options.layers ?? layers(),
    noAi: options.noAi ?? false,
    noCache: options.noCache ?? true,
  });
}

const honest: FakeModelReply = {
  kind: "json",
  value: {
    findings: [
      {
        severity: "high",
        confidence: 0.9,
        file: "src/refunds.js",
        line: 2,
        ruleId: "SPEC-0001/AC-1",
        title: "Cap is off by one",
        message: "50000 cents is escalated, AC-1 says approved.",
        suggestion: "Use <=.",
      },
      {
        severity: "low",
        confidence: 0.2,
        file: "src/refunds.js",
        line: 2,
        ruleId: "general",
        title: "Naming",
        message: "Unsure.",
      },
      {
        severity: "medium",
        confidence: 0.9,
        file: "src/other.js",
        line: 40,
        ruleId: "general",
        title: "Unrelated file",
        message: "Not in the change.",
      },
    ],
    criteria: [
      { id: "AC-1", status: "not_met", evidence: "line 2 uses <" },
      { id: "SPEC-0001/AC-2", status: "met", evidence: "line 3" },
    ],
  },
};
const clean: FakeModelReply = {
  kind: "json",
  value: {
    findings: [],
    criteria: [
      { id: "AC-1", status: "met", evidence: "ok" },
      { id: "AC-2", status: "met", evidence: "ok" },
    ],
  },
};

function layer(report: Awaited<ReturnType<typeof check>>) {
  const found = report.layers.find((item) => item.name === "review");
  if (!found) throw new Error("no review layer");
  return found;
}

function modelCalls(): Array<{ status: string; error_kind: string | null; model_id: string }> {
  const db = new Database(join(repo.dir, ".jig/jig.db"), { readonly: true });
  try {
    return db
      .prepare("SELECT status, error_kind, model_id FROM model_calls ORDER BY id")
      .all() as never;
  } finally {
    db.close();
  }
}

describe("review layer", () => {
  it("is skipped, saying how to configure a model, when no reviewer is set", async () => {
    setup({ reviewer: false });
    const report = await check();
    expect(layer(report).status).toBe("skipped");
    expect(layer(report).skipReason).toMatch(/models\.reviewer.*JIG_REVIEW_MODEL/);
    expect(stub.requests).toHaveLength(0);
  });

  it("is skipped on purpose with --no-ai", async () => {
    setup();
    const report = await check({ noAi: true });
    expect(layer(report).skipReason).toBe("skipped on purpose with --no-ai");
    expect(stub.requests).toHaveLength(0);
  });

  it("turns the model's findings and criteria into a failing verdict computed by jig", async () => {
    setup();
    stub.enqueue(honest);
    const report = await check();
    expect(report.verdict.outcome).toBe("fail");
    const review = report.findings.filter((finding) => finding.layer === "review");
    expect(review.map((finding) => [finding.ruleId, finding.line])).toEqual([
      ["SPEC-0001/AC-1", 2],
    ]);
    expect(report.criteria.find((criterion) => criterion.id === "SPEC-0001/AC-1")).toMatchObject({
      status: "not_met",
      layer: "review",
    });
    expect(report.criteria.find((criterion) => criterion.id === "SPEC-0001/AC-2")?.status).toBe(
      "met",
    );
    const notes = layer(report).notes.join("\n");
    expect(notes).toContain("outside the change (not blocking): src/other.js:40");
    expect(notes).toContain("1 finding(s) below review.minConfidence");
    expect(notes).toMatch(/coverage: 1\/1 files, 5\/5 changed lines/);
    const sent = stub.requests[0]?.text ?? "";
    expect(sent).toContain("AC-2: Given a refund above 50000 cents");
    expect(sent).toContain("Never use floats");
    expect(sent).toContain("<<<UNTRUSTED-fixednonce diff>>>");
    expect(sent).toContain("+     2 |   if (request.amountCents < 50000)");
    expect(modelCalls()).toEqual([{ status: "ok", error_kind: null, model_id: "openai:gpt-4.1" }]);
  });

  it("a clean review passes, and a second review of the unchanged change makes no model call", async () => {
    setup();
    stub.setFallback(clean);
    const first = await check({ noCache: false });
    expect(first.verdict.outcome).toBe("pass");
    const second = await check({ noCache: false });
    expect(second.verdict.outcome).toBe("pass");
    expect(stub.requests).toHaveLength(1);
    expect(layer(second).notes[0]).toMatch(/answered from the cache/);
    await check({ noCache: true });
    expect(stub.requests).toHaveLength(2);
  });

  it("retries a 429 with retry-after and then reviews", async () => {
    setup();
    stub.enqueue({ kind: "status", status: 429, headers: { "retry-after": "0" } }, clean);
    const report = await check();
    expect(layer(report).status).toBe("passed");
    expect(stub.requests).toHaveLength(2);
    expect(modelCalls().map((call) => call.error_kind)).toEqual(["rate-limit", null]);
  });

  const faults: Array<[string, FakeModelReply | "refused", string, number]> = [
    ["500", { kind: "status", status: 500 }, "server", 3],
    ["a hanging response", { kind: "hang" }, "timeout", 3],
    ["malformed JSON", { kind: "malformed" }, "malformed-response", 3],
    [
      "schema-invalid output",
      { kind: "json", value: { findings: [{ severity: "fatal" }] } },
      "invalid-output",
      2,
    ],
    ["connection refused", "refused", "connection", 3],
  ];
  for (const [name, reply, kind, attempts] of faults) {
    it(`${name}: retries, then a clear layer error that fails the gate, with the run and every attempt recorded`, async () => {
      setup(reply === "refused" ? { baseURL: `${await refusedUrl()}/v1` } : { timeoutMs: 300 });
      if (reply !== "refused") stub.setFallback(reply);
      const report = await check();
      const review = layer(report);
      expect(review.status).toBe("error");
      expect(review.error).toMatch(/openai:gpt-4\.1/);
      expect(report.verdict.outcome).toBe("fail");
      expect(report.verdict.reasons[0]).toMatch(/layer review errored/);
      const calls = modelCalls();
      expect(calls).toHaveLength(attempts);
      expect(calls.every((call) => call.status === "error" && call.error_kind === kind)).toBe(true);
      const db = new Database(join(repo.dir, ".jig/jig.db"), { readonly: true });
      const row = db.prepare("SELECT outcome FROM runs WHERE id = ?").get(report.run.id) as {
        outcome: string;
      };
      db.close();
      expect(row.outcome).toBe("fail");
    });
  }

  it("gives the reviewer the acting agent's values and escalation triggers", async () => {
    setup();
    repo.write("agents/coder.yaml", readFileSync(join(FIXTURE_AGENTS, "coder.yaml"), "utf8"));
    repo.write("src/refunds.js", `${BUGGY}// tweak\n`);
    repo.commit("tweak\n\nSpec: SPEC-0001\nAgent: coder");
    stub.enqueue(clean);
    await check();
    const sent = stub.requests[0]?.text ?? "";
    expect(sent).toContain("<<<UNTRUSTED-fixednonce intent>>>");
    expect(sent).toContain(
      "Values, most important first: safety > correctness > customer-trust > speed",
    );
    expect(sent).toMatch(/Must escalate to a human before/);
  });

  it("a spent --max-cost budget reaches the report as a typed error code, before any model call", async () => {
    setup();
    const budgeted = createReviewLayer({
      env: { OPENAI_API_KEY: "test" },
      maxCostUsd: 0.0000001,
      review: { retryBaseMs: 5, retryMaxMs: 20, nonce: () => "fixednonce" },
    });
    const report = await check({ layers: [createSpecLayer(), budgeted] });
    expect(layer(report)).toMatchObject({ status: "error", errorCode: "models/budget" });
    expect(layer(report).error).toContain("--max-cost");
    expect(stub.requests).toHaveLength(0);
    // Any other failure carries its own code, so a budget stop is never guessed from text.
    const noKey = await check({ layers: layers({ noKey: true }) });
    expect(layer(noKey).errorCode).not.toBe("models/budget");
  });

  it("a missing API key is a layer error naming the variable", async () => {
    setup();
    const report = await check({ layers: layers({ noKey: true }) });
    expect(layer(report).error).toMatch(/OPENAI_API_KEY/);
    expect(report.verdict.outcome).toBe("fail");
  });
});

describe("prompt injection cannot turn a failing change into a passing one", () => {
  it("with a reviewer that obeys every injection, each of the corpus' attempts still fails the gate", async () => {
    setup();
    // The worst case: a model that does whatever the change tells it to.
    stub.setFallback(clean);
    const baseline = await check();
    expect(baseline.verdict.outcome).toBe("pass");
    for (const attempt of INJECTION_CORPUS) {
      repo.git("checkout", "-q", "-B", "attempt", "feature");
      const existing = attempt.path === "src/refunds.js" ? BUGGY : "";
      repo.write(attempt.path, `${existing}${attempt.text}\n`);
      repo.commit(`attempt: ${attempt.name}\n\nSpec: SPEC-0001`);
      const report = await check();
      expect({ attempt: attempt.name, outcome: report.verdict.outcome }).toEqual({
        attempt: attempt.name,
        outcome: "fail",
      });
      expect(report.findings.some((finding) => finding.ruleId === "JIG-R001")).toBe(true);
    }
  }, 60_000);
});
