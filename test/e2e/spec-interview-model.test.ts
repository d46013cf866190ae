import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../../src/test-support/temp-repo.js";
import { type FakeModelServer, startFakeModelServer } from "../../src/testing/fake-model-server.js";
import { runJigAsync } from "./review-support.js";

let repo: TempRepo;
let stub: FakeModelServer;

beforeEach(async () => {
  stub = await startFakeModelServer();
  repo = createTempRepo();
  repo.write(
    "jig.config.yaml",
    `models:\n  reviewer: openai:gpt-4.1-mini\nproviders:\n  openai:\n    baseURL: ${stub.openaiBaseURL}\n`,
  );
  repo.write(
    "answers.yaml",
    [
      "title: Cap automatic refunds",
      "problem: Refunds of any size are paid automatically.",
      "audience: The payments team.",
      "criteria:",
      "  - 'Given a refund above 50000 cents, when it is decided, then the decision is \"escalated\".'",
      "constraints: [Amounts are integer cents.]",
      "risks: [An off-by-one cap pays refunds that need a human.]",
      "outOfScope: [Partial refunds.]",
      "domains: [billing]",
      "owner: payments",
      "answers:",
      "  clarify-1: Escalated to a human",
    ].join("\n"),
  );
  repo.commit("base");
});

afterEach(async () => {
  repo.cleanup();
  await stub.close();
});

const QUESTIONS = {
  kind: "json" as const,
  value: {
    questions: [
      {
        question: "What happens to a refund of exactly 50000 cents?",
        choices: ["Approved automatically", "Escalated to a human"],
      },
      {
        question: "Does the cap apply per refund or per customer per day?",
        choices: ["Per refund", "Per customer per day"],
      },
    ],
  },
};

describe("jig spec new with a model-backed interviewer", () => {
  it("asks the model's clarifying questions, records answers, and leaves unanswered ones open", async () => {
    stub.enqueue(QUESTIONS);
    const result = await runJigAsync(
      ["spec", "new", "--answers", "answers.yaml", "--non-interactive"],
      { cwd: repo.dir, env: { OPENAI_API_KEY: "test-key" } },
    );
    expect(result.stderr).toContain("1 open clarification");
    expect(result.code).toBe(0);
    expect(stub.requests).toHaveLength(1);
    expect(stub.requests[0]?.text).toContain("Refunds of any size are paid automatically.");
    const spec = readFileSync(join(repo.dir, "specs/SPEC-0001-cap-automatic-refunds.md"), "utf8");
    expect(spec).toContain(
      "- Q: What happens to a refund of exactly 50000 cents? A: Escalated to a human",
    );
    expect(spec).toContain(
      "- [NEEDS CLARIFICATION: Does the cap apply per refund or per customer per day?]",
    );
  });

  it("makes no model call with --no-ai or without a configured model", async () => {
    const skipped = await runJigAsync(
      ["spec", "new", "--answers", "answers.yaml", "--non-interactive", "--no-ai"],
      { cwd: repo.dir, env: { OPENAI_API_KEY: "test-key" } },
    );
    expect(skipped.code).toBe(0);
    expect(stub.requests).toHaveLength(0);
    const spec = readFileSync(join(repo.dir, "specs/SPEC-0001-cap-automatic-refunds.md"), "utf8");
    expect(spec).not.toContain("## Clarifications");
  });

  it("still writes the spec when the model fails, and says so", async () => {
    stub.setFallback({ kind: "status", status: 500, message: "down" });
    const result = await runJigAsync(
      ["spec", "new", "--answers", "answers.yaml", "--non-interactive"],
      { cwd: repo.dir, env: { OPENAI_API_KEY: "test-key" } },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("clarifying questions were skipped");
    expect(
      readFileSync(join(repo.dir, "specs/SPEC-0001-cap-automatic-refunds.md"), "utf8"),
    ).toContain("status: draft");
  });
});
