import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fakeGateContext, fakeSpec } from "../../testing/fake-gate-context.js";
import type { GateContext } from "../layer.js";
import { createEvalsLayer } from "./evals-layer.js";

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

const SUITE = `suite: refunds
covers: ["src/refunds.mjs"]
target: { command: ["node", "run.mjs"] }
scenarios:
  - id: small
    covers: [SPEC-0001/AC-1]
    vars: { cents: 100 }
    assert: [{ type: json-path, path: "$.decision", value: approved }]
  - id: large
    covers: [SPEC-0001/AC-2]
    vars: { cents: 60000 }
    assert: [{ type: json-path, path: "$.decision", value: escalated }]
`;

const RUN = `import { decideRefund } from "./src/refunds.mjs";
console.log(JSON.stringify(decideRefund({ amountCents: Number(process.env.JIG_VAR_CENTS) })));
`;

function repo(code: string): string {
  const root = mkdtempSync(join(tmpdir(), "jig-evals-layer-"));
  roots.push(root);
  const write = (path: string, content: string) => {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  write("evals/refunds.yaml", SUITE);
  write("run.mjs", RUN);
  write("src/refunds.mjs", code);
  return root;
}

function context(root: string, paths: string[]): GateContext {
  return { ...fakeGateContext(paths, { id: "SPEC-0001", spec: fakeSpec() }), cwd: root };
}

const layer = createEvalsLayer({ env: { PATH: process.env.PATH } });
const capped = `export function decideRefund({ amountCents }) { return { decision: amountCents > 50000 ? "escalated" : "approved" }; }`;
const uncapped = `export function decideRefund() { return { decision: "approved" }; }`;

describe("evals layer", () => {
  it("passes when the covering suite is satisfied, and marks covered criteria met", async () => {
    const result = await layer.run(context(repo(capped), ["src/refunds.mjs"]));
    expect(result.status).toBe("passed");
    expect(result.notes[0]).toMatch(/refunds: satisfaction 100.0%/);
    expect(result.criteria?.map((criterion) => [criterion.id, criterion.status])).toEqual([
      ["SPEC-0001/AC-1", "met"],
      ["SPEC-0001/AC-2", "met"],
    ]);
  });

  it("fails with a finding naming the failed scenario when the code misbehaves", async () => {
    const result = await layer.run(context(repo(uncapped), ["src/refunds.mjs"]));
    expect(result.status).toBe("failed");
    expect(result.findings[0]).toMatchObject({
      ruleId: "JIG-E001",
      severity: "high",
      file: "evals/refunds.yaml",
    });
    expect(result.findings[0]?.message).toMatch(
      /large#1: json-path: \$\.decision is "approved", expected "escalated"/,
    );
    expect(result.criteria?.find((criterion) => criterion.id === "SPEC-0001/AC-2")?.status).toBe(
      "not_met",
    );
  });

  it("is skipped with a reason when no suite covers the change", async () => {
    const result = await layer.run(context(repo(uncapped), ["README.md"]));
    expect(result.status).toBe("skipped");
    expect(result.skipReason).toMatch(/no eval suite covers the 1 changed file/);
  });
});
