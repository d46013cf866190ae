import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChangedFile } from "../core/change.js";
import { type JigError, UsageError, ValidationError } from "../core/errors.js";
import type { Layer, LayerPreparation } from "../gate/layer.js";
import { createTempRepo, type TempRepo } from "../test-support/temp-repo.js";
import { runCheck } from "./run-check.js";

/** A layer that counts what the pipeline offers it while git writes the diff. */
function batchingLayer(name = "batching") {
  const seen: string[] = [];
  let prepared = 0;
  let handedBack: LayerPreparation | undefined;
  let mine: LayerPreparation | undefined;
  const layer: Layer = {
    name,
    description: "sees every batch",
    prepare(input) {
      prepared += 1;
      expect(input.range?.baseRef).toBe("main");
      mine = {
        async onFiles(files: ChangedFile[]) {
          seen.push(...files.map((file) => file.path));
        },
      };
      return mine;
    },
    async run(_context, preparation) {
      handedBack = preparation;
      return { status: "passed", findings: [], notes: [`saw ${seen.length} file(s)`] };
    },
  };
  return {
    layer,
    seen,
    prepared: () => prepared,
    handedBackOwn: () => handedBack !== undefined && handedBack === mine,
  };
}

let repo: TempRepo;
beforeEach(() => {
  repo = createTempRepo();
  repo.write("src/a.ts", "export const a = 1;\n");
  repo.commit("base");
  repo.git("checkout", "-q", "-b", "feature");
  for (let n = 0; n < 300; n++)
    repo.write(`src/many/file-${n}.ts`, `${"export const padding = 'x';\n".repeat(40)}`);
  repo.commit("many files");
});
afterEach(() => repo.cleanup());

const base = { env: {}, version: "0.0.0-test", now: () => new Date("2026-01-01T00:00:00Z") };

describe("runCheck", () => {
  it("offers every changed file to a layer that prepared, then hands its preparation back to run", async () => {
    const batching = batchingLayer();
    const report = await runCheck({
      ...base,
      cwd: repo.dir,
      base: "main",
      layers: [batching.layer],
    });
    expect(batching.prepared()).toBe(1);
    expect([...batching.seen].sort()).toEqual(report.change.paths);
    expect(report.change.paths).toHaveLength(300);
    expect(batching.handedBackOwn()).toBe(true);
    expect(report.layers.find((layer) => layer.name === "batching")?.notes).toEqual([
      "saw 300 file(s)",
    ]);
  });

  it("does not prepare a layer that gate.skip turns off", async () => {
    // The config that counts is the base's: committed on main.
    repo.git("checkout", "-q", "main");
    repo.write("jig.config.yaml", "version: 1\ngate:\n  skip: [scope]\n");
    repo.commit("skip scope");
    repo.git("checkout", "-q", "feature");
    repo.git("rebase", "-q", "main");
    const batching = batchingLayer("scope");
    const report = await runCheck({
      ...base,
      cwd: repo.dir,
      base: "main",
      layers: [batching.layer],
    });
    expect(batching.prepared()).toBe(0);
    expect(report.layers.find((layer) => layer.name === "scope")?.status).toBe("skipped");
  });

  it("ends the check with the error of a preparation whose set-up fails", async () => {
    const broken: Layer = {
      name: "broken",
      description: "its input is bad",
      prepare: () => ({ ready: Promise.reject(new ValidationError([])) }),
      run: async () => ({ status: "passed", findings: [], notes: [] }),
    };
    await expect(
      runCheck({ ...base, cwd: repo.dir, base: "main", layers: [broken] }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it("refuses a bad JIG_CASSETTE_MODE as a usage error in the gate, not in a layers-only run", async () => {
    const env = { JIG_CASSETTE_MODE: "replya" };
    const error = await runCheck({ ...base, env, cwd: repo.dir, layers: [] }).catch(
      (caught) => caught,
    );
    expect(error).toBeInstanceOf(UsageError);
    expect((error as JigError).exitCode).toBe(2);
    expect((error as JigError).code).toBe("models/bad-cassette-mode");
    const alone = await runCheck({ ...base, env, cwd: repo.dir, scope: "layers", layers: [] });
    expect(alone.verdict.outcome).toBe("pass");
  });

  it("checks a unified diff outside any repository, and refuses text that is no diff", async () => {
    const outside = mkdtempSync(join(tmpdir(), "jig-nogit-"));
    try {
      const diff =
        "diff --git a/x.ts b/x.ts\nnew file mode 100644\n--- /dev/null\n+++ b/x.ts\n@@ -0,0 +1 @@\n+x\n";
      const report = await runCheck({
        ...base,
        cwd: outside,
        scope: "layers",
        diff: { text: diff, label: "stdin" },
        layers: [],
      });
      expect(report.change.paths).toEqual(["x.ts"]);
      expect(report.range.description).toBe("unified diff from stdin");
      await expect(
        runCheck({
          ...base,
          cwd: outside,
          scope: "layers",
          diff: { text: "hello", label: "a.txt" },
        }),
      ).rejects.toThrow("a.txt is not a unified diff");
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
