import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configSchema } from "../config/index.js";
import { createTempRepo, type TempRepo } from "../test-support/temp-repo.js";
import { mineIncident } from "./mine-incident.js";
import { prepareCatalog } from "./prepare-catalog.js";
import { vetAndWrite } from "./vet-and-write.js";
import type { CandidateEntry, IncidentMiner } from "./vet-candidate.js";

describe("vetAndWrite", () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = createTempRepo();
    repo.write("src/app.ts", "export const x = 1;\n");
    repo.commit("base");
  });
  afterEach(() => repo.cleanup());

  it("mine writes only proposals whose own examples pass (fake miner)", async () => {
    const good: CandidateEntry = {
      id: "FM-INC-001",
      domain: "incidents",
      title: "Feature flag default flipped to on",
      severity: "high",
      trigger: "A flag's default is changed to true in code.",
      symptoms: ["an unfinished feature goes live for everyone"],
      fix: "Keep defaults off; roll out through the flag service.",
      source: "the 2026-01 checkout incident",
      detect: { added: "defaultValue:\\s*true" },
      examples: {
        bad: ["flag('checkout-v2', { defaultValue: true })"],
        good: ["flag('checkout-v2', { defaultValue: false })"],
      },
    };
    const broken: CandidateEntry = {
      ...good,
      id: "FM-INC-002",
      examples: { bad: ["nothing here"], good: ["fine"] },
    };
    const miner: IncidentMiner = { propose: async () => [good, broken] };
    const candidates = await mineIncident("# incident\nsomething", miner);
    const config = configSchema.parse({});
    const result = await vetAndWrite(candidates, {
      root: repo.dir,
      config,
      cwd: repo.dir,
      requireDetector: true,
      checker: { check: async () => ({ status: "safe" }) },
    });
    expect(result.verdicts.map((verdict) => [verdict.candidate.id, verdict.accepted])).toEqual([
      ["FM-INC-001", true],
      ["FM-INC-002", false],
    ]);
    expect(result.verdicts[1]?.reasons).toContain("bad example 1 (example.txt) is not detected");
    const written = readFileSync(join(repo.dir, "failure-models/incidents.yaml"), "utf8");
    expect(written).toContain("FM-INC-001");
    expect(written).not.toContain("FM-INC-002");
    // What `jig failures lint` checks: the catalog with the written entry has no errors.
    const linted = await prepareCatalog({ repoRoot: repo.dir, config, cwd: repo.dir });
    expect(linted.problems.filter((problem) => problem.severity !== "warning")).toEqual([]);
  });
});
