import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { useSeededRepo } from "../../src/test-support/seeded-repo.js";
import type { TempRepo } from "../../src/test-support/temp-repo.js";
import { APPROVED_SPEC, DRAFT_SPEC, runJig } from "./run-jig.js";

let repo: TempRepo;
afterEach(() => repo?.cleanup());

const seeded = useSeededRepo((seed) => {
  seed.write("jig.config.yaml", "version: 1\n");
  seed.write("src/refunds.js", "export const cap = 0;\n");
  seed.write("specs/SPEC-0001-refund-cap.md", APPROVED_SPEC);
  seed.commit("base");
  seed.git("checkout", "-q", "-b", "feature");
});

/** A repo on main with a config and an approved spec, then a feature branch. */
function setup(): TempRepo {
  repo = seeded();
  return repo;
}

describe("jig check", () => {
  it("fails a change that cites no spec, says which range it checked, and records the run", () => {
    setup();
    repo.write("src/refunds.js", "export const cap = 50000;\n");
    repo.commit("raise the cap");
    const result = runJig(["check"], { cwd: repo.dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("JIG-G001");
    expect(result.stdout).toMatch(/main/);
    const runs = runJig(["runs", "list", "--format", "json"], { cwd: repo.dir });
    expect(runs.code).toBe(0);
    const list = JSON.parse(runs.stdout) as Array<{ id: string; outcome: string }>;
    expect(list).toHaveLength(1);
    expect(list[0]?.outcome).toBe("fail");
  });

  it("passes a change citing an approved spec in a commit trailer", () => {
    setup();
    repo.write("src/refunds.js", "export const cap = 50000;\n");
    repo.commit("raise the cap\n\nSpec: SPEC-0001");
    const result = runJig(["check", "--format", "json"], { cwd: repo.dir });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.schema).toBe("jig.report/v1");
    expect(report.verdict.outcome).toBe("pass");
    expect(report.spec).toMatchObject({ id: "SPEC-0001", status: "approved" });
    expect(report.criteria.map((criterion: { id: string }) => criterion.id)).toEqual([
      "SPEC-0001/AC-1",
      "SPEC-0001/AC-2",
    ]);
    // Layers that did not run are reported as skipped, never as passed.
    const review = report.layers.find((layer: { name: string }) => layer.name === "review");
    expect(review.status).toBe("skipped");
    expect(review.skipReason).toBeTruthy();
  });

  it("runs the failure models on the change, committed and uncommitted, as jig failures check does", () => {
    setup();
    repo.write(
      "src/sync.ts",
      "export function sync() {\n  try {\n    run();\n  } catch (error) {}\n}\n",
    );
    repo.commit("sync\n\nSpec: SPEC-0001");
    repo.write("src/key.ts", 'export const key = "AKIAIOSFODNN7EXAMPLE";\n');
    const result = runJig(["check", "--base", "main", "--format", "json", "--no-ai"], {
      cwd: repo.dir,
    });
    const report = JSON.parse(result.stdout);
    const layer = report.layers.find((entry: { name: string }) => entry.name === "failure-models");
    expect(layer.status).toBe("failed");
    expect(layer.notes.join("\n")).toMatch(/as git wrote the diff: \d+ ms/);
    const fromCheck = report.findings
      .filter((finding: { layer: string }) => finding.layer === "failure-models")
      .map(
        (finding: { ruleId: string; file: string; line: number }) =>
          `${finding.file}:${finding.line}:${finding.ruleId}`,
      );
    expect(fromCheck).toEqual(expect.arrayContaining(["src/key.ts:1:FM-SECRET-001"]));
    expect(fromCheck.some((finding: string) => finding.startsWith("src/sync.ts:"))).toBe(true);
    const alone = runJig(["failures", "check", "--base", "main", "--format", "json"], {
      cwd: repo.dir,
    });
    expect(
      JSON.parse(alone.stdout).findings.map(
        (finding: { ruleId: string; file: string; line: number }) =>
          `${finding.file}:${finding.line}:${finding.ruleId}`,
      ),
    ).toEqual(fromCheck);
  });

  it("reports a failure-model catalog with lint errors as a layer error, not a crash", () => {
    setup();
    // The catalog is read from the base, so the broken one must be there.
    repo.write(
      "failure-models/own.yaml",
      "domain: own\nfailures:\n  - id: FM-OWN-001\n    title: x\n",
    );
    repo.commit("a broken catalog");
    repo.write("src/refunds.js", "export const cap = 50000;\n");
    repo.commit("raise the cap\n\nSpec: SPEC-0001");
    const result = runJig(["check", "--base", "HEAD~1", "--format", "json", "--no-ai"], {
      cwd: repo.dir,
    });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    const layer = report.layers.find((entry: { name: string }) => entry.name === "failure-models");
    expect(layer.status).toBe("error");
    expect(layer.error).toMatch(/failure-models\/own\.yaml:\d+:\d+/);
  });

  it("includes uncommitted changes when --head is not given", () => {
    setup();
    repo.write("src/refunds.js", "export const cap = 1;\n");
    const result = runJig(["check", "--format", "json"], { cwd: repo.dir });
    const report = JSON.parse(result.stdout);
    expect(report.range.workingTree).toBe(true);
    expect(report.change.paths).toEqual(["src/refunds.js"]);
    expect(report.range.description).toMatch(/uncommitted/);
    expect(result.code).toBe(1);
  });

  it("honours --spec, JIG_SPEC and the branch name, and fails a draft spec", () => {
    setup();
    // Specs count as they are on the base: the draft lands on main first.
    repo.git("checkout", "-q", "main");
    repo.write("specs/SPEC-0002-draft.md", DRAFT_SPEC.replace("SPEC-0001", "SPEC-0002"));
    repo.commit("a draft spec");
    repo.git("checkout", "-q", "-b", "work");
    repo.write("src/refunds.js", "export const cap = 50000;\n");
    repo.commit("work");
    expect(runJig(["check", "--spec", "SPEC-0001"], { cwd: repo.dir }).code).toBe(0);
    expect(runJig(["check"], { cwd: repo.dir, env: { JIG_SPEC: "SPEC-0001" } }).code).toBe(0);
    const draft = runJig(["check", "--spec", "SPEC-0002"], { cwd: repo.dir });
    expect(draft.code).toBe(1);
    expect(draft.stdout).toContain("JIG-G004");
    repo.git("checkout", "-q", "-b", "spec-0001-refund-cap");
    expect(runJig(["check"], { cwd: repo.dir }).code).toBe(0);
    const bad = runJig(["check", "--spec", "banana"], { cwd: repo.dir });
    expect(bad.code).toBe(2);
  });

  it("exempts a change touching only docs and specs, and says so", () => {
    setup();
    repo.write("docs/guide.md", "# Guide\n");
    repo.commit("docs");
    const result = runJig(["check"], { cwd: repo.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("exempt");
  });

  it("writes each format to --output and still prints a summary", () => {
    setup();
    repo.write("src/refunds.js", "export const cap = 2;\n");
    repo.commit("no spec");
    for (const format of ["json", "sarif", "markdown", "junit"]) {
      const result = runJig(["check", "--format", format, "--output", `out/report.${format}`], {
        cwd: repo.dir,
      });
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`${format} report written to`);
      const content = readFileSync(join(repo.dir, "out", `report.${format}`), "utf8");
      if (format === "json") expect(JSON.parse(content).verdict.outcome).toBe("fail");
      if (format === "sarif") expect(JSON.parse(content).version).toBe("2.1.0");
      if (format === "markdown") expect(content).toContain("JIG-G001");
      if (format === "junit") expect(content).toContain("<testsuite");
    }
  });

  it("shows a recorded run again with runs show", () => {
    setup();
    repo.write("src/refunds.js", "export const cap = 3;\n");
    repo.commit("x\n\nSpec: SPEC-0001");
    const checked = JSON.parse(runJig(["check", "--format", "json"], { cwd: repo.dir }).stdout);
    const shown = runJig(["runs", "show", checked.run.id, "--format", "json"], { cwd: repo.dir });
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toEqual(checked);
    expect(runJig(["runs", "show", "nope"], { cwd: repo.dir }).code).toBe(2);
  });
});
