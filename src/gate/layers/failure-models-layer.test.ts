import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configSchema, type JigConfig } from "../../config/index.js";
import { ValidationError } from "../../core/errors.js";
import { readChange, resolveRange } from "../../git/index.js";
import { useSeededRepo } from "../../test-support/seeded-repo.js";
import type { TempRepo } from "../../test-support/temp-repo.js";
import type { GateContext } from "../layer.js";
import { createFailureModelsLayer } from "./failure-models-layer.js";

async function contextFor(repo: TempRepo, config: JigConfig, base?: string): Promise<GateContext> {
  const range = await resolveRange({ cwd: repo.dir, ...(base ? { base } : {}) });
  return {
    cwd: repo.dir,
    change: await readChange(range, repo.dir),
    config,
    spec: { others: [], problems: [] },
    now: () => new Date("2026-01-01T00:00:00Z"),
    options: {},
  };
}

describe("failure-models layer", () => {
  let repo: TempRepo;
  let base: string;
  const seeded = useSeededRepo((seed) => {
    seed.write("src/app.ts", "export const x = 1;\n");
    seed.write("src/app.test.ts", 'it("works", () => expect(1).toBe(1));\n');
    base = seed.commit("base");
  });
  beforeEach(() => {
    repo = seeded();
  });
  afterEach(() => repo.cleanup());

  it("turns detector hits on a real repo change into findings keyed by failure-model id", async () => {
    repo.write("src/app.ts", 'export const x = 1;\nconst key = "AKIAIOSFODNN7EXAMPLE";\n');
    repo.write("src/app.test.ts", 'it.only("works", () => expect(true).toBe(true));\n');
    repo.write(
      "assets/logo.png",
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]).toString("latin1"),
    );
    repo.commit("change");
    const result = await createFailureModelsLayer().run(
      await contextFor(repo, configSchema.parse({}), base),
    );
    expect(result.status).toBe("failed");
    const hits = result.findings
      .map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`)
      .sort();
    expect(hits).toEqual([
      "FM-SECRET-001 src/app.ts:2",
      "FM-TEST-001 src/app.test.ts:1",
      "FM-TEST-005 src/app.test.ts:1",
    ]);
    expect(result.notes.join("\n")).toMatch(
      /failure models run \(\d+ shipped, 0 project\) on 2 of 3 changed files/,
    );
    expect(result.notes.join("\n")).toContain("skipped 1 binary (assets/logo.png)");
  });

  it("passes a clean change, and honours failures.disable", async () => {
    repo.write("src/app.ts", 'export const x = 2;\nconst key = "AKIAIOSFODNN7EXAMPLE";\n');
    const config = configSchema.parse({ failures: { disable: ["FM-SECRET-001"] } });
    const result = await createFailureModelsLayer().run(await contextFor(repo, config));
    expect(result.status).toBe("passed");
    expect(result.findings).toEqual([]);
  });

  it("reads the working tree for ast detectors when the change includes uncommitted edits", async () => {
    repo.write("src/app.ts", "export const x = 1;\ntry {\n  run();\n} catch (error) {}\n");
    const result = await createFailureModelsLayer().run(
      await contextFor(repo, configSchema.parse({})),
    );
    expect(result.findings.map((finding) => `${finding.ruleId}:${finding.line}`)).toEqual([
      "FM-ERR-001:4",
    ]);
  });

  it("prepared, finds while git writes the diff exactly what it finds on the whole change", async () => {
    for (let n = 0; n < 200; n++) {
      repo.write(
        `src/many/file-${n}.ts`,
        `${"export const padding = 'long enough to make several batches';\n".repeat(40)}${n % 50 === 0 ? 'const key = "AKIAIOSFODNN7EXAMPLE";\n' : ""}`,
      );
    }
    repo.commit("many files");
    const config = configSchema.parse({});
    const range = await resolveRange({ cwd: repo.dir, base });
    const layer = createFailureModelsLayer();
    const preparation = layer.prepare?.({ cwd: repo.dir, config, range });
    let batches = 0;
    const change = await readChange(range, repo.dir, {
      onFiles: async (files) => {
        batches += 1;
        await preparation?.onFiles?.(files);
      },
    });
    expect(batches).toBeGreaterThan(1);
    const context = { ...(await contextFor(repo, config, base)), change };
    const streamed = await layer.run(context, preparation);
    const whole = await createFailureModelsLayer().run(context);
    const hits = (result: typeof whole) =>
      result.findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`);
    expect(hits(streamed)).toHaveLength(4);
    expect(hits(streamed)).toEqual(hits(whole));
    expect(streamed.notes.join("\n")).toMatch(/as git wrote the diff: \d+ ms/);
    expect(whole.notes.join("\n")).not.toMatch(/as git wrote the diff/);
  });

  it("with brokenCatalog: throw, a broken catalog fails the preparation with every problem", async () => {
    repo.write(
      "failure-models/ours.yaml",
      "domain: ours\nfailures:\n  - id: FM-OURS-001\n    title: t\n",
    );
    const config = configSchema.parse({});
    const strict = createFailureModelsLayer({ brokenCatalog: "throw" }).prepare?.({
      cwd: repo.dir,
      config,
    });
    await expect(strict?.ready).rejects.toBeInstanceOf(ValidationError);
    await expect(strict?.ready).rejects.toThrow("failure-models/ours.yaml");
    // By default the set-up never fails: run reports the catalog as the layer's error.
    const layer = createFailureModelsLayer();
    const lenient = layer.prepare?.({ cwd: repo.dir, config });
    expect(lenient?.ready).toBeUndefined();
    const result = await layer.run(await contextFor(repo, config), lenient);
    expect(result.status).toBe("error");
    expect(result.error).toContain("failure-models/ours.yaml");
  });

  it("refuses a catalog with lint errors, naming file:line:col", async () => {
    repo.write(
      "failure-models/ours.yaml",
      "domain: ours\nfailures:\n  - id: FM-OURS-001\n    title: t\n    severity: high\n    trigger: t\n    symptoms: [s]\n    fix: f\n    source: s\n    detect:\n      added: '^(a+)+$'\n    examples:\n      bad: [aaa]\n      good: [b]\n",
    );
    const result = await createFailureModelsLayer().run(
      await contextFor(repo, configSchema.parse({})),
    );
    expect(result.status).toBe("error");
    expect(result.error).toContain("failure-models/ours.yaml:11:14");
    expect(result.error).toContain("catastrophic backtracking");
  });
});
