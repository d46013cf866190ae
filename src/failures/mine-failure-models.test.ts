import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configSchema } from "../config/index.js";
import { ExitCode } from "../core/index.js";
import { createTempRepo, type TempRepo } from "../test-support/temp-repo.js";
import { type FakeModelServer, startFakeModelServer } from "../testing/fake-model-server.js";
import { IncidentMiningError } from "./create-model-incident-miner.js";
import { mineFailureModels } from "./mine-failure-models.js";

describe("mineFailureModels against a model server", () => {
  let repo: TempRepo;
  let stub: FakeModelServer;
  beforeEach(async () => {
    stub = await startFakeModelServer();
    repo = createTempRepo();
  });
  afterEach(async () => {
    repo.cleanup();
    await stub.close();
  });

  const mine = () =>
    mineFailureModels({
      root: repo.dir,
      config: configSchema.parse({
        models: { reviewer: "openai:gpt-4.1-mini", maxRetries: 0 },
        providers: { openai: { baseURL: stub.openaiBaseURL } },
      }),
      cwd: repo.dir,
      env: { OPENAI_API_KEY: "test-key" },
      incidentText: "# Outage\nThe agent flipped a feature flag default to true.\n",
    });

  it("turns proposals that fail the schema twice into one line naming the model, exit 1", async () => {
    // The answer is JSON, but not proposals: once, and again after being shown the errors.
    const wrong = { kind: "json" as const, value: { candidates: [{ id: "FM-X-1" }] } };
    stub.enqueue(wrong, wrong);
    const failure = await mine().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(IncidentMiningError);
    const error = failure as IncidentMiningError;
    expect(error.exitCode).toBe(ExitCode.fail);
    expect(error.modelId).toBe("openai:gpt-4.1-mini");
    expect(error.message).toContain("openai:gpt-4.1-mini");
    expect(error.message).toContain("candidates");
    expect(error.message).not.toContain("\n");
    expect(stub.requests).toHaveLength(2);
    expect(existsSync(join(repo.dir, "failure-models"))).toBe(false);
  });

  it("treats an answer that is not JSON at all the same way", async () => {
    const prose = { kind: "text" as const, text: "Here are some failure models you might like." };
    stub.enqueue(prose, prose);
    const failure = await mine().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(IncidentMiningError);
    expect((failure as IncidentMiningError).exitCode).toBe(ExitCode.fail);
  });
});
