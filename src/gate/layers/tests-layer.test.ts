import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fakeGateContext, fakeSpec } from "../../testing/fake-gate-context.js";
import type { TestRun } from "../../tests/index.js";
import type { GateContext } from "../layer.js";
import { createTestsLayer } from "./tests-layer.js";

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

const NODE_TEST = [
  "node",
  "--test",
  "--test-reporter=junit",
  "--test-reporter-destination=.jig/junit.xml",
  "test/",
];

const PASSING = `import { test } from "node:test";
test("AC-1 approves small refunds", () => {});
// AC-2
test("escalates large refunds", () => {});
test("unrelated helper", () => {});
`;

const FAILING_AC2 = `import { test } from "node:test";
import assert from "node:assert/strict";
test("AC-1 approves small refunds", () => {});
// AC-2
test("escalates large refunds", () => {
  assert.equal("approved", "escalated");
});
`;

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "jig-tests-layer-"));
  roots.push(root);
  writeFileSync(join(root, "package.json"), '{ "type": "module" }\n');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

function context(
  root: string,
  tests: Partial<GateContext["config"]["tests"]> = {
    command: NODE_TEST,
    reports: [".jig/junit.xml"],
  },
): GateContext {
  const base = fakeGateContext(["src/refunds.js"], { id: "SPEC-0001", spec: fakeSpec() });
  return {
    ...base,
    cwd: root,
    config: { ...base.config, tests: { ...base.config.tests, ...tests } },
  };
}

const env = { PATH: process.env.PATH };

describe("tests layer", () => {
  it("is skipped, saying how to configure it, without tests.command", async () => {
    const result = await createTestsLayer({ env }).run(context(project({}), {}));
    expect(result.status).toBe("skipped");
    expect(result.skipReason).toMatch(/tests\.command.*tests\.reports/);
  });

  it("passes, and meets the criteria its tests name or sit under a comment for", async () => {
    const runs: TestRun[] = [];
    const root = project({ "test/refunds.test.js": PASSING });
    const result = await createTestsLayer({ env, onRun: (run) => runs.push(run) }).run(
      context(root),
    );
    expect(result.status).toBe("passed");
    expect(result.findings).toEqual([]);
    expect(result.notes[0]).toMatch(/^3\/3 tests passed/);
    expect(result.criteria?.map((item) => [item.id, item.status, item.evidence])).toEqual([
      [
        "SPEC-0001/AC-1",
        "met",
        '1/1 tests passed (test/refunds.test.js: "AC-1 approves small refunds")',
      ],
      [
        "SPEC-0001/AC-2",
        "met",
        '1/1 tests passed (test/refunds.test.js: "escalates large refunds")',
      ],
    ]);
    expect(runs[0]?.cases.map((test) => [test.name, test.file, test.line, test.status])).toEqual([
      ["AC-1 approves small refunds", "test/refunds.test.js", 2, "passed"],
      ["escalates large refunds", "test/refunds.test.js", 4, "passed"],
      ["unrelated helper", "test/refunds.test.js", 5, "passed"],
    ]);
  });

  it("fails a traced criterion and reports the failing test at its file and line", async () => {
    const root = project({ "test/refunds.test.js": FAILING_AC2 });
    const result = await createTestsLayer({ env }).run(context(root));
    expect(result.status).toBe("failed");
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({
      ruleId: "JIG-X001",
      severity: "high",
      file: "test/refunds.test.js",
      line: 5,
      title: "Test fails: escalates large refunds",
    });
    expect(result.criteria?.map((item) => [item.id, item.status])).toEqual([
      ["SPEC-0001/AC-1", "met"],
      ["SPEC-0001/AC-2", "not_met"],
    ]);
  });

  it("reports a run that executes no test as JIG-X002", async () => {
    const root = project({ "test/empty.test.js": "// no tests here\n" });
    const result = await createTestsLayer({ env }).run(context(root));
    expect(result.status).toBe("failed");
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(["JIG-X002"]);
  });

  it("is an error when the runner crashes without a report", async () => {
    const root = project({});
    const result = await createTestsLayer({ env }).run(
      context(root, {
        command: ["node", "-e", "console.error('boom'); process.exit(7)"],
        reports: [".jig/junit.xml"],
      }),
    );
    expect(result.status).toBe("error");
    expect(result.error).toMatch(/exited with code 7 \(output: boom\), and it wrote no report/);
  });

  it("kills a hanging runner with its process group at the timeout", async () => {
    const root = project({});
    const started = performance.now();
    const result = await createTestsLayer({ env }).run(
      context(root, {
        // The grandchild would hold the pipes open if only the child were killed.
        command: [
          "node",
          "-e",
          "require('child_process').spawn('sleep', ['30'], { stdio: 'inherit' }); setInterval(() => {}, 1000)",
        ],
        reports: [".jig/junit.xml"],
        timeoutSeconds: 0.5,
      }),
    );
    expect(result.status).toBe("error");
    expect(result.error).toMatch(/timed out after 0\.5 s and was killed with its process group/);
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it("never reads a report left by an earlier run", async () => {
    const root = project({
      ".jig/junit.xml":
        '<testsuites><testsuite name="old"><testcase name="AC-1 old pass" classname="x"/></testsuite></testsuites>',
    });
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(root, ".jig/junit.xml"), past, past);
    const result = await createTestsLayer({ env }).run(
      context(root, { command: ["node", "-e", "0"], reports: [".jig/*.xml"] }),
    );
    expect(result.status).toBe("failed");
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(["JIG-X002"]);
    expect(result.criteria).toEqual([]);
  });

  it("is an error when the report is not JUnit XML", async () => {
    const root = project({});
    const result = await createTestsLayer({ env }).run(
      context(root, {
        command: ["node", "-e", "require('fs').writeFileSync('.jig/junit.xml', '<oops')"],
        reports: [".jig/junit.xml"],
      }),
    );
    expect(result.status).toBe("error");
    expect(result.error).toMatch(/cannot read the JUnit report: \.jig\/junit\.xml/);
  });
});
