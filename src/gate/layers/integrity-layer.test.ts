import { describe, expect, it } from "vitest";
import { configSchema } from "../../config/config-schema.js";
import { fakeGateContext } from "../../testing/fake-gate-context.js";
import type { GateContext } from "../layer.js";
import { createIntegrityLayer, type IntegrityGovernance } from "./integrity-layer.js";

const governance = (overrides: Partial<IntegrityGovernance> = {}): IntegrityGovernance => ({
  source: "base",
  revision: "a".repeat(40),
  config: configSchema.parse({ governance: { paths: [".github/workflows/**"] } }),
  bootstrap: false,
  files: [{ path: "jig.config.yaml", kind: "config" }],
  skipped: [],
  ...overrides,
});

/** Uncommitted edits only: the layer needs no git for them. */
function uncommitted(paths: string[]): GateContext {
  const context = fakeGateContext(paths);
  return { ...context, change: { ...context.change, commits: [], workingTree: true } };
}

describe("integrity layer", () => {
  it("passes a change that leaves governance alone, and says where the rules came from", async () => {
    const result = await createIntegrityLayer(governance()).run(uncommitted(["src/app.ts"]));
    expect(result).toMatchObject({ status: "passed", findings: [] });
    expect(result.needsHuman).toBeUndefined();
    expect(result.notes[0]).toMatch(/^rules read from base aaaaaaa/);
  });

  it("asks a person about uncommitted edits to governance, naming each file", async () => {
    const result = await createIntegrityLayer(governance()).run(
      uncommitted(["src/app.ts", "agents/coder.yaml", ".github/workflows/ci.yml"]),
    );
    expect(
      result.findings.map((finding) => [finding.ruleId, finding.file, finding.needsHuman]),
    ).toEqual([
      ["JIG-T001", "agents/coder.yaml", true],
      ["JIG-T001", ".github/workflows/ci.yml", true],
    ]);
    expect(result.status).toBe("passed");
    expect(result.needsHuman?.[0]).toMatch(/a person must review and merge the governance change/);
  });

  it("fails the same edits when a coding agent made them (jig loop's coder)", async () => {
    const result = await createIntegrityLayer(governance(), { uncommittedBy: "claude" }).run(
      uncommitted(["jig.config.yaml"]),
    );
    expect(result.status).toBe("failed");
    expect(result.findings).toEqual([
      expect.objectContaining({
        ruleId: "JIG-T001",
        severity: "critical",
        file: "jig.config.yaml",
      }),
    ]);
    expect(result.findings[0]?.message).toMatch(/uncommitted edits by claude/);
    expect(result.needsHuman).toBeUndefined();
  });

  it("asks a person when the base has no config (bootstrap), whatever the change", async () => {
    const result = await createIntegrityLayer(governance({ bootstrap: true, files: [] })).run(
      uncommitted(["src/app.ts"]),
    );
    expect(result.findings).toEqual([
      expect.objectContaining({ ruleId: "JIG-T002", needsHuman: true }),
    ]);
    expect(result.needsHuman?.join("\n")).toMatch(/bootstrap: base aaaaaaa has no jig.config.yaml/);
  });

  it("names both paths of a rename out of a governance folder", async () => {
    const context = uncommitted(["docs/old-coder.yaml"]);
    const [file] = context.change.files;
    if (file) Object.assign(file, { status: "renamed", oldPath: "agents/coder.yaml" });
    const result = await createIntegrityLayer(governance()).run(context);
    expect(result.findings.map((finding) => finding.file)).toEqual(["agents/coder.yaml"]);
  });
});
