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
    expect(result.notes.join("\n")).toMatch(/1 eval file match the seal by lead@example.com/);
  });

  it("is critical when the change touches a suite or the seal", async () => {
    const root = workspace({ "evals/refunds.yaml": suite });
    await writeSeal(join(root, "evals"), "lead", new Date());
    const result = await layer.run(
      context(root, ["src/refunds.js", "evals/refunds.yaml", "evals/.jig-seal.json"]),
    );
    expect(result.status).toBe("failed");
    expect(
      result.findings.map((finding) => [finding.ruleId, finding.severity, finding.file]),
    ).toEqual([
      ["JIG-H001", "critical", "evals/refunds.yaml"],
      ["JIG-H001", "critical", "evals/.jig-seal.json"],
    ]);
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
