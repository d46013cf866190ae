import { cpSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FIXTURE_AGENTS } from "../../agents/__fixtures__/guard-fixture.js";
import { defaultConfig } from "../../config/index.js";
import { readChange, resolveRange } from "../../git/index.js";
import { useSeededRepo } from "../../test-support/seeded-repo.js";
import type { TempRepo } from "../../test-support/temp-repo.js";
import type { GateContext } from "../layer.js";
import { createScopeLayer, parseNameStatus } from "./scope-layer.js";

describe("scope layer", () => {
  let repo: TempRepo;
  const seeded = useSeededRepo((seed) => {
    cpSync(FIXTURE_AGENTS, join(seed.dir, "agents"), { recursive: true });
    seed.write("src/refunds.js", "export {};\n");
    seed.commit("base");
    seed.git("checkout", "-q", "-b", "feature");
  }, "jig-scope-");
  beforeEach(() => {
    repo = seeded();
  });
  afterEach(() => repo.cleanup());

  async function run(): Promise<Awaited<ReturnType<ReturnType<typeof createScopeLayer>["run"]>>> {
    const range = await resolveRange({ cwd: repo.dir, base: "main", head: "HEAD" });
    const change = await readChange(range, repo.dir);
    const context: GateContext = {
      cwd: repo.dir,
      change,
      config: defaultConfig(),
      spec: { others: [], problems: [] },
      now: () => new Date("2026-01-01T00:00:00Z"),
      options: {},
    };
    return createScopeLayer().run(context);
  }

  it("is skipped, not passed, when no commit names an agent", async () => {
    repo.write("infra/main.tf", "x\n");
    repo.commit("human change");
    const result = await run();
    expect(result.status).toBe("skipped");
    expect(result.skipReason).toContain("Agent:");
  });

  it("passes when an agent's commits stay in its write scope", async () => {
    repo.write("src/refunds.js", "export const x = 1;\n");
    repo.write("tests/refunds.test.js", "test\n");
    repo.commit("coder work\n\nAgent: coder");
    const result = await run();
    expect(result.status).toBe("passed");
    expect(result.findings).toEqual([]);
  });

  it("fails with a critical finding for each file outside the scope, and for evals", async () => {
    repo.write("src/refunds.js", "export const x = 2;\n");
    repo.write("infra/main.tf", "resource {}\n");
    repo.write("evals/refunds.yaml", "cases: []\n");
    repo.commit("sneaky\n\nAgent: coder");
    repo.write("src-evil/x.js", "x\n");
    repo.commit("human commit, not checked");
    const result = await run();
    expect(result.status).toBe("failed");
    expect(
      result.findings.map((finding) => [finding.ruleId, finding.file, finding.severity]),
    ).toEqual([
      ["JIG-A003", "evals/refunds.yaml", "critical"],
      ["JIG-A001", "infra/main.tf", "critical"],
    ]);
  });

  it("flags renames out of scope and unknown agents", async () => {
    repo.write("infra/.keep", "");
    repo.commit("infra folder");
    repo.git("mv", "src/refunds.js", "infra/refunds.js");
    repo.commit("move\n\nAgent: coder");
    repo.write("src/y.js", "y\n");
    repo.commit("ghost\n\nAgent: ghost");
    const result = await run();
    expect(result.findings.map((finding) => finding.ruleId).sort()).toEqual([
      "JIG-A001",
      "JIG-A002",
    ]);
  });

  it("parses name-status output with renames", () => {
    expect(parseNameStatus("M\0src/a.js\0R100\0src/b.js\0infra/b.js\0")).toEqual([
      "src/a.js",
      "src/b.js",
      "infra/b.js",
    ]);
  });
});
