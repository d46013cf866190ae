import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openJigDatabase } from "../store/index.js";
import {
  echoPrompt,
  type FakeModelReply,
  startFakeModelServer,
} from "../testing/fake-model-server.js";
import { createEvalStore } from "./eval-store.js";
import { executeEvalRun } from "./execute-eval-run.js";
import { type EvalSuite, parseSuite } from "./parse-suite.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function suiteOf(text: string): EvalSuite {
  const { suite, problems } = parseSuite(text, "evals/s.yaml");
  if (!suite) throw new Error(problems.map((problem) => problem.message).join("\n"));
  return suite;
}

function modelSuite(count: number, extra = ""): EvalSuite {
  const scenarios = Array.from(
    { length: count },
    (_, index) =>
      `  - id: case-${index}\n    vars: { n: ${index} }\n    assert:\n      - { type: contains, value: "refund ${index}" }${extra}`,
  ).join("\n");
  return suiteOf(
    `suite: refunds\ntarget: { model: "openai-compatible:fake", prompt: "refund {{n}}" }\nscenarios:\n${scenarios}\n`,
  );
}

function tempStore() {
  const dir = mkdtempSync(join(tmpdir(), "jig-evalrun-"));
  dirs.push(dir);
  const db = openJigDatabase(join(dir, "jig.db"));
  return { db, store: createEvalStore(db) };
}

const now = () => new Date("2026-01-01T00:00:00Z");

/** A server error the client may retry at once. */
const serverError: FakeModelReply = {
  kind: "status",
  status: 500,
  headers: { "retry-after": "0" },
};

/** A judge model that answers every request with `answer` as JSON text. */
const judging = (answer: (prompt: string) => unknown) =>
  startFakeModelServer({
    fallback: (request) => ({ kind: "text", text: JSON.stringify(answer(request.prompt)) }),
  });

describe("executeEvalRun", () => {
  it("bounds concurrency by -j, stores every result and scores the suite", async () => {
    const server = await startFakeModelServer({ latencyMs: 20, fallback: echoPrompt });
    const { db, store } = tempStore();
    try {
      const report = await executeEvalRun({
        root: "/",
        suites: [modelSuite(40)],
        env: { JIG_OPENAI_COMPATIBLE_BASE_URL: server.openaiBaseURL },
        concurrency: 4,
        useCache: true,
        store,
        runId: "run-1",
        now,
      });
      expect(server.maxInFlight).toBeLessThanOrEqual(4);
      expect(server.maxInFlight).toBeGreaterThan(1);
      expect(report.summary).toMatchObject({ passed: true, runs: 40, passes: 40 });
      expect(store.results("run-1")).toHaveLength(40);
      expect(store.getRun("run-1")).toMatchObject({ status: "finished", passed: true });
    } finally {
      db.close();
      await server.close();
    }
  });

  it("spaces target calls to the suite's rateLimit across all workers", async () => {
    for (const limit of [40, undefined]) {
      const server = await startFakeModelServer({ fallback: echoPrompt });
      const { db, store } = tempStore();
      try {
        const suite = suiteOf(
          `suite: limited\ntarget: { model: "openai-compatible:fake", prompt: "refund {{n}}"${limit ? `, rateLimit: ${limit}` : ""} }\nscenarios:\n${Array.from(
            { length: 12 },
            (_, index) =>
              `  - id: case-${index}\n    vars: { n: ${index} }\n    assert:\n      - { type: contains, value: "refund" }`,
          ).join("\n")}\n`,
        );
        const started = performance.now();
        const report = await executeEvalRun({
          root: "/",
          suites: [suite],
          env: { JIG_OPENAI_COMPATIBLE_BASE_URL: server.openaiBaseURL },
          concurrency: 6,
          useCache: false,
          store,
          runId: `run-${limit ?? "free"}`,
          now,
        });
        expect(report.summary).toMatchObject({ passed: true, runs: 12 });
        const arrivals = server.requests
          .map((request) => request.arrivedAt)
          .sort((left, right) => left - right);
        if (limit) {
          // 40 per second: call k no sooner than k x 25 ms after the run began, whichever
          // worker makes it. Load only delays calls; a timer may fire a millisecond early.
          arrivals.forEach((arrival, index) => {
            expect(arrival - started).toBeGreaterThan(index * 25 - 2);
          });
        } else {
          // Unthrottled, the twelve calls end sooner than a 40-per-second throttle
          // would even let the last one start (its slot is 11 x 25 ms after the start).
          expect((arrivals.at(-1) as number) - started).toBeLessThan(11 * 25 - 2);
        }
      } finally {
        db.close();
        await server.close();
      }
    }
  });

  it("answers a rerun from the cache, except scenarios marked cache: false", async () => {
    const server = await startFakeModelServer({ fallback: echoPrompt });
    const { db, store } = tempStore();
    const options = {
      root: "/",
      env: { JIG_OPENAI_COMPATIBLE_BASE_URL: server.openaiBaseURL },
      concurrency: 2,
      useCache: true,
      store,
      now,
    };
    try {
      await executeEvalRun({ ...options, suites: [modelSuite(5)], runId: "a" });
      expect(server.requests).toHaveLength(5);
      const cached = await executeEvalRun({ ...options, suites: [modelSuite(5)], runId: "b" });
      expect(server.requests).toHaveLength(5);
      expect(cached.results.every((result) => result.cached)).toBe(true);
      const uncached = modelSuite(5);
      for (const scenario of uncached.scenarios) scenario.cache = false;
      await executeEvalRun({ ...options, suites: [uncached], runId: "c" });
      expect(server.requests).toHaveLength(10);
    } finally {
      db.close();
      await server.close();
    }
  });

  it("records a transient error that survives retries as an error and goes on", async () => {
    const server = await startFakeModelServer({ fallback: echoPrompt });
    server.enqueue(serverError, serverError, serverError);
    try {
      const suite = modelSuite(3);
      suite.target.retries = 2;
      const report = await executeEvalRun({
        root: "/",
        suites: [suite],
        env: { JIG_OPENAI_COMPATIBLE_BASE_URL: server.openaiBaseURL },
        concurrency: 1,
        useCache: false,
        runId: "r",
        now,
      });
      expect(report.results.map((result) => result.status)).toEqual(["error", "pass", "pass"]);
      expect(report.results[0]?.error).toMatch(/HTTP 500.*after 3 attempts/);
      expect(report.summary.suites[0]).toMatchObject({ errors: 1, failures: 0, passed: false });
    } finally {
      await server.close();
    }
  });

  it("on resume runs only the cases the stored run is missing", async () => {
    const server = await startFakeModelServer({ fallback: echoPrompt });
    const { db, store } = tempStore();
    const base = {
      root: "/",
      env: { JIG_OPENAI_COMPATIBLE_BASE_URL: server.openaiBaseURL },
      concurrency: 2,
      useCache: false,
      store,
      now,
    };
    try {
      const suite = modelSuite(6);
      await executeEvalRun({ ...base, suites: [suite], runId: "first", filter: "case-[0-2]" });
      // Simulate a run killed after three results: same run id, no filter recorded.
      db.prepare(
        "UPDATE eval_runs SET status = 'running', options_json = ? WHERE id = 'first'",
      ).run(JSON.stringify({ suites: ["refunds"] }));
      const record = store.getRun("first");
      server.requests.length = 0;
      const report = await executeEvalRun({
        ...base,
        suites: [suite],
        runId: "first",
        resume: record,
      });
      expect(server.requests).toHaveLength(3);
      expect(report.summary.runs).toBe(6);
      expect(store.results("first")).toHaveLength(6);
    } finally {
      db.close();
      await server.close();
    }
  });

  it("asks the judge again for cache: false scenarios, answers the rest from the cache", async () => {
    const judge = await judging(() => ({ pass: true, reason: "fine" }));
    const { db, store } = tempStore();
    try {
      const suite = suiteOf(
        `suite: j\ntarget: { command: "echo hi" }\nscenarios:\n  - id: kept\n    assert: [{ type: llm-judge, value: "greets" }]\n  - id: fresh\n    cache: false\n    assert: [{ type: llm-judge, value: "says hi" }]\n`,
      );
      const options = {
        root: "/",
        suites: [suite],
        env: { PATH: process.env.PATH, JIG_OPENAI_COMPATIBLE_BASE_URL: judge.openaiBaseURL },
        judgeModel: "openai-compatible:judge",
        concurrency: 1,
        useCache: true,
        store,
        now,
      };
      await executeEvalRun({ ...options, runId: "a" });
      expect(judge.requests).toHaveLength(2);
      const second = await executeEvalRun({ ...options, runId: "b" });
      expect(second.summary.passed).toBe(true);
      expect(judge.requests).toHaveLength(3);
      expect(JSON.stringify(judge.requests[2])).toContain("says hi");
    } finally {
      db.close();
      await judge.close();
    }
  });

  it("refuses an llm-judge that is the coder's model", async () => {
    const suite = suiteOf(
      `suite: j\ntarget: { command: "echo hi" }\nscenarios:\n  - id: a\n    assert:\n      - { type: llm-judge, value: "is polite", model: "openai:gpt-x" }\n`,
    );
    await expect(
      executeEvalRun({
        root: "/",
        suites: [suite],
        env: {},
        coderModel: "openai:gpt-x",
        concurrency: 1,
        useCache: false,
        runId: "j",
        now,
      }),
    ).rejects.toThrow(/the coder's model/);
  });

  it("grades llm-judge assertions with the judge model", async () => {
    const judge = await judging((prompt) => ({ pass: prompt.includes("hi"), reason: "says hi" }));
    try {
      const suite = suiteOf(
        `suite: j\ntarget: { command: "echo hi" }\nscenarios:\n  - id: a\n    assert:\n      - { type: llm-judge, value: "greets" }\n`,
      );
      const report = await executeEvalRun({
        root: "/",
        suites: [suite],
        env: { PATH: process.env.PATH, JIG_OPENAI_COMPATIBLE_BASE_URL: judge.openaiBaseURL },
        judgeModel: "openai-compatible:judge",
        coderModel: "openai-compatible:coder",
        concurrency: 1,
        useCache: false,
        runId: "j",
        now,
      });
      expect(report.results[0]).toMatchObject({ status: "pass" });
      expect(report.results[0]?.assertions[0]?.reason).toBe("says hi");
      expect(judge.requests[0]?.body.model).toBe("judge");
    } finally {
      await judge.close();
    }
  });
});
