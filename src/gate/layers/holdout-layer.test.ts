import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeSeal } from "../../evals/index.js";
import { fakeGateContext } from "../../testing/fake-gate-context.js";
import type { GateContext } from "../layer.js";
import { createHoldoutLayer } from "./holdout-layer.js";

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "jig-holdout-"));
  roots.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

function context(root: string, paths: string[], dir = "evals"): GateContext {
  const base = fakeGateContext(paths);
  return { ...base, cwd: root, config: { ...base.config, evals: { ...base.config.evals, dir } } };
}

const layer = createHoldoutLayer();
const suite = "suite: refunds\ntarget: { command: node run.js }\nscenarios:\n  - id: a\n";

describe("holdout layer", () => {
  it("passes when the sealed suites are untouched", async () => {
    const root = workspace({ "evals/refunds.yaml": suite });
    await writeSeal(join(root, "evals"), "lead@example.com", new Date("2026-01-01T00:00:00Z"));
    const result = await layer.run(context(root, ["src/refunds.js"]));
    expect(result.status).toBe("passed");
    expect(result.findings).toEqual([]);
    expect(result.notes.join("\n")).toMatch(/1 eval file matches the seal by lead@example.com/);
  });

  it("checks the trusted copy of the suites, not the working tree a change edited", async () => {
    const trusted = workspace({ "evals/refunds.yaml": suite });
    await writeSeal(join(trusted, "evals"), "lead", new Date());
    // The change rewrote the suite and re-sealed it in the working tree: neither counts.
    const working = workspace({ "evals/refunds.yaml": `${suite}  - id: b\n` });
    writeFileSync(join(working, "evals/.jig-seal.json"), "{}");
    const result = await layer.run({
      ...context(working, ["src/refunds.js", "evals/refunds.yaml", "evals/.jig-seal.json"]),
      governanceRoot: trusted,
    });
    expect(result.status).toBe("passed");
    // Touching the suites is the integrity layer's (JIG-T001), which knows who made the change.
    expect(result.findings).toEqual([]);
    expect(result.notes.join("\n")).toMatch(/1 eval file matches the seal by lead/);

    const tamperedBase = await layer.run({
      ...context(trusted, ["src/refunds.js"]),
      governanceRoot: working,
    });
    expect(tamperedBase.findings.map((finding) => finding.ruleId)).toEqual(["JIG-H002"]);
  });

  it("is critical when the suites on disk do not match the seal", async () => {
    const root = workspace({ "evals/refunds.yaml": suite, "evals/other.yaml": suite });
    await writeSeal(join(root, "evals"), "lead", new Date());
    writeFileSync(join(root, "evals/refunds.yaml"), `${suite}  - id: b\n`);
    rmSync(join(root, "evals/other.yaml"));
    writeFileSync(join(root, "evals/new.yaml"), suite);
    const result = await layer.run(context(root, ["src/refunds.js"]));
    expect(result.status).toBe("failed");
    expect(result.findings[0]).toMatchObject({ ruleId: "JIG-H002", severity: "critical" });
    expect(result.findings[0]?.message).toContain("changed: refunds.yaml");
    expect(result.findings[0]?.message).toContain("added: new.yaml");
    expect(result.findings[0]?.message).toContain("removed: other.yaml");
  });

  it("asks for a seal when suites are unsealed, and skips when there are none", async () => {
    const unsealed = await layer.run(
      context(workspace({ "evals/refunds.yaml": suite }), ["src/a.js"]),
    );
    expect(unsealed.findings[0]).toMatchObject({ ruleId: "JIG-H003", severity: "medium" });
    const none = await layer.run(context(workspace({}), ["src/a.js"]));
    expect(none.status).toBe("skipped");
    expect(none.skipReason).toMatch(/no eval suites/);
  });

  it("guards suites kept outside the repository by their seal only", async () => {
    const outside = workspace({ "refunds.yaml": suite });
    await writeSeal(outside, "lead", new Date());
    const repo = workspace({ "src/a.js": "" });
    const result = await layer.run(context(repo, ["src/a.js"], outside));
    expect(result.status).toBe("passed");
    expect(result.notes[0]).toMatch(/outside the repository/);
    writeFileSync(join(outside, "refunds.yaml"), "tampered");
    expect((await layer.run(context(repo, ["src/a.js"], outside))).status).toBe("failed");
  });
});
