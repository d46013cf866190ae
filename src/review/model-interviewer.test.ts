import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultConfig } from "../config/index.js";
import { createConfiguredModelClient } from "../models/index.js";
import type { Question } from "../spec/index.js";
import { type FakeModelServer, startFakeModelServer } from "../testing/fake-model-server.js";
import { createModelInterviewer } from "./model-interviewer.js";

let stub: FakeModelServer;
beforeEach(async () => {
  stub = await startFakeModelServer();
});
afterEach(() => stub.close());

describe("createModelInterviewer", () => {
  it("asks the person at most 5 multiple-choice questions the model proposes", async () => {
    const proposals = Array.from({ length: 5 }, (_, index) => ({
      question: `Q${index + 1}?`,
      choices: ["yes", "no"],
    }));
    stub.enqueue({ kind: "json", value: { questions: proposals } });
    const config = defaultConfig();
    config.providers.anthropic.baseURL = stub.anthropicBaseURL;
    const client = createConfiguredModelClient("anthropic:claude-sonnet-4-5", {
      config,
      env: { ANTHROPIC_API_KEY: "x" },
      cwd: "/",
      noCache: true,
    });
    const asked: Question[] = [];
    const interviewer = createModelInterviewer({
      client,
      inner: {
        ask: async (question) => {
          asked.push(question);
          return question.choices?.[1]?.value ?? "";
        },
      },
    });
    const clarifications = await interviewer.clarify({
      title: "Cap refunds",
      problem: "Refunds are unbounded.",
      criteria: ["Given a refund above the cap, when decided, then it is escalated."],
      constraints: [],
      risks: [],
      outOfScope: "",
    });
    expect(asked.map((question) => [question.id, question.kind])).toEqual([
      ["clarify-1", "choice"],
      ["clarify-2", "choice"],
      ["clarify-3", "choice"],
      ["clarify-4", "choice"],
      ["clarify-5", "choice"],
    ]);
    expect(clarifications[0]).toEqual({ question: "Q1?", answer: "no" });
    expect(stub.requests[0]?.text).toContain("Given a refund above the cap");
  });

  it("a model proposing more than 5 questions is schema-invalid, re-asked, then an error", async () => {
    const proposals = Array.from({ length: 6 }, (_, index) => ({
      question: `Q${index}?`,
      choices: ["a", "b"],
    }));
    stub.setFallback({ kind: "json", value: { questions: proposals } });
    const config = defaultConfig();
    config.providers.openai.baseURL = stub.openaiBaseURL;
    const client = createConfiguredModelClient("openai:gpt-4.1", {
      config,
      env: { OPENAI_API_KEY: "x" },
      cwd: "/",
      noCache: true,
    });
    const interviewer = createModelInterviewer({ client, inner: { ask: async () => "a" } });
    await expect(
      interviewer.clarify({
        title: "t",
        problem: "p",
        criteria: [],
        constraints: [],
        risks: [],
        outOfScope: "",
      }),
    ).rejects.toThrow(/fails the schema twice/);
    expect(stub.requests).toHaveLength(2);
  });
});
