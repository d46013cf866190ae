import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../../src/test-support/temp-repo.js";
import { APPROVED_SPEC, runJig } from "./run-jig.js";

const VITEST = fileURLToPath(new URL("../../node_modules/vitest/vitest.mjs", import.meta.url));

let repo: TempRepo;
afterEach(() => repo?.cleanup());

const REFUNDS = `export function decide(cents) {
  return cents <= 50000 ? "approved" : "escalated";
}
`;
const BROKEN = `export function decide(cents) {
  return "approved";
}
`;

const NODE_TESTS = `import { test } from "node:test";
import assert from "node:assert/strict";
import { decide } from "../src/refunds.js";

test("AC-1 approves refunds up to the cap", () => {
  assert.equal(decide(50000), "approved");
});

// AC-2
test("escalates refunds above the cap", () => {
  assert.equal(decide(50001), "escalated");
});
`;

const yamlList = (items: readonly string[]) =>
  `[${items.map((item) => JSON.stringify(item)).join(", ")}]`;

/**
 * A repository whose base holds the spec, the code, the tests and a config
 * running `command`; the change on `feature` cites the spec.
 */
function project(command: readonly string[], extra: Record<string, string> = {}, timeout = 600) {
  repo = createTempRepo("jig-tests-e2e-");
  repo.write(
    "jig.config.yaml",
    [
      "version: 1",
      "gate:",
      "  criteria: evidence",
      "tests:",
      `  command: ${yamlList(command)}`,
      "  reports: [.jig/junit.xml]",
      `  timeoutSeconds: ${timeout}`,
      "",
    ].join("\n"),
  );
  repo.write(".gitignore", ".jig/\n__pycache__/\n");
  repo.write("package.json", '{ "type": "module" }\n');
  repo.write("specs/SPEC-0001-refund-cap.md", APPROVED_SPEC);
  repo.write("src/refunds.js", REFUNDS);
  for (const [path, content] of Object.entries(extra)) repo.write(path, content);
  repo.commit("base");
  repo.git("checkout", "-q", "-b", "feature");
}

function change(code: string, files: Record<string, string> = {}) {
  repo.write("src/refunds.js", code);
  for (const [path, content] of Object.entries(files)) repo.write(path, content);
  repo.commit("refunds\n\nSpec: SPEC-0001");
}

interface Report {
  verdict: { outcome: string };
  layers: Array<{ name: string; status: string; error?: string; notes: string[] }>;
  findings: Array<{ ruleId: string; file?: string; line?: number; title: string }>;
  criteria: Array<{ id: string; status: string; evidence?: string }>;
}

function check(): { code: number | null; report: Report } {
  const result = runJig(["check", "--format", "json"], { cwd: repo.dir });
  return { code: result.code, report: JSON.parse(result.stdout) as Report };
}

const layer = (report: Report) => report.layers.find((item) => item.name === "tests");

const NODE_TEST = [
  "node",
  "--test",
  "--test-reporter=junit",
  "--test-reporter-destination=.jig/junit.xml",
  "test/",
];

describe("the tests layer, end to end", () => {
  it("node --test: tests naming both criteria make a PASS, and every test is recorded", () => {
    project(NODE_TEST, { "test/refunds.test.js": NODE_TESTS });
    change(`${REFUNDS}// reviewed\n`);
    const { code, report } = check();
    expect(layer(report)?.status).toBe("passed");
    expect(report.criteria.map((item) => [item.id, item.status, item.evidence])).toEqual([
      [
        "SPEC-0001/AC-1",
        "met",
        '1/1 tests passed (test/refunds.test.js: "AC-1 approves refunds up to the cap")',
      ],
      [
        "SPEC-0001/AC-2",
        "met",
        '1/1 tests passed (test/refunds.test.js: "escalates refunds above the cap")',
      ],
    ]);
    expect(report.verdict.outcome).toBe("pass");
    expect(code).toBe(0);
    const db = new Database(join(repo.dir, ".jig/jig.db"), { readonly: true });
    try {
      expect(
        db.prepare("SELECT name, file, line, status FROM test_results ORDER BY position").all(),
      ).toEqual([
        {
          name: "AC-1 approves refunds up to the cap",
          file: "test/refunds.test.js",
          line: 5,
          status: "passed",
        },
        {
          name: "escalates refunds above the cap",
          file: "test/refunds.test.js",
          line: 10,
          status: "passed",
        },
      ]);
    } finally {
      db.close();
    }
  });

  it("node --test: a failing test traced to AC-2 leaves it not met and fails, at the test's line", () => {
    project(NODE_TEST, { "test/refunds.test.js": NODE_TESTS });
    change(BROKEN);
    const { code, report } = check();
    expect(code).toBe(1);
    expect(report.verdict.outcome).toBe("fail");
    expect(report.criteria.map((item) => [item.id, item.status])).toEqual([
      ["SPEC-0001/AC-1", "met"],
      ["SPEC-0001/AC-2", "not_met"],
    ]);
    expect(report.findings.filter((finding) => finding.ruleId === "JIG-X001")).toEqual([
      expect.objectContaining({
        file: "test/refunds.test.js",
        line: 10,
        title: "Test fails: escalates refunds above the cap",
      }),
    ]);
  });

  it("vitest: the report's classname places the test, and criteria are met", () => {
    project([process.execPath, VITEST, "run", "--reporter=junit", "--outputFile=.jig/junit.xml"], {
      "test/refunds.test.js": NODE_TESTS.replace('from "node:test"', 'from "vitest"').replace(
        'import assert from "node:assert/strict";\n',
        'import assert from "node:assert/strict";\n',
      ),
    });
    change(`${REFUNDS}// reviewed\n`);
    const { code, report } = check();
    expect(layer(report)?.notes[0]).toMatch(/^2\/2 tests passed/);
    expect(report.criteria.map((item) => item.status)).toEqual(["met", "met"]);
    expect(code).toBe(0);
  });

  it("pytest: a test named for AC-1 and one under a # AC-2 comment; the failing one is found at its def", () => {
    project(
      [
        "python3",
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "--junitxml=.jig/junit.xml",
        "tests",
      ],
      {
        "refunds.py":
          "def decide(cents):\n    return 'approved' if cents <= 50000 else 'escalated'\n",
        "tests/test_refunds.py": [
          "from refunds import decide",
          "",
          "def test_ac_1_approves_up_to_the_cap():",
          "    assert decide(50000) == 'approved'",
          "",
          "# AC-2",
          "def test_escalates_above_the_cap():",
          "    assert decide(50001) == 'escalated'",
          "",
        ].join("\n"),
        "tests/conftest.py":
          "import sys, os\nsys.path.insert(0, os.path.join(os.path.dirname(__file__), '..'))\n",
      },
    );
    repo.write("refunds.py", "def decide(cents):\n    return 'approved'\n");
    repo.commit("refunds\n\nSpec: SPEC-0001");
    const { code, report } = check();
    expect(code).toBe(1);
    expect(report.criteria.map((item) => [item.id, item.status])).toEqual([
      ["SPEC-0001/AC-1", "met"],
      ["SPEC-0001/AC-2", "not_met"],
    ]);
    expect(report.findings.find((finding) => finding.ruleId === "JIG-X001")).toMatchObject({
      file: "tests/test_refunds.py",
      line: 7,
    });
  });

  it("a runner that crashes is a layer error, and the check fails", () => {
    project(["node", "-e", "console.error('cannot load config'); process.exit(3)"]);
    change(`${REFUNDS}// reviewed\n`);
    const { code, report } = check();
    expect(layer(report)?.status).toBe("error");
    expect(layer(report)?.error).toMatch(/exited with code 3 \(output: cannot load config\)/);
    expect(code).not.toBe(0);
  });

  it("a runner that hangs is killed at tests.timeoutSeconds and is a layer error", () => {
    project(["node", "-e", "setInterval(() => {}, 1000)"], {}, 2);
    change(`${REFUNDS}// reviewed\n`);
    const started = Date.now();
    const { code, report } = check();
    expect(layer(report)?.error).toMatch(/timed out after 2 s/);
    expect(code).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("a run that executes no test is JIG-X002", () => {
    project(NODE_TEST, { "test/empty.test.js": "// the tests were deleted\n" });
    change(`${REFUNDS}// reviewed\n`);
    const { code, report } = check();
    expect(report.findings.map((finding) => finding.ruleId)).toContain("JIG-X002");
    expect(code).toBe(1);
  });

  it("jig init proposes the project's node --test command with its JUnit flags", () => {
    repo = createTempRepo("jig-tests-e2e-init-");
    repo.write("package.json", JSON.stringify({ scripts: { test: "node --test test/" } }));
    const result = runJig(["init"], { cwd: repo.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("tests: node --test");
    const config = readFileSync(join(repo.dir, "jig.config.yaml"), "utf8");
    expect(config).toContain(
      '  command: ["node", "--test", "--test-reporter=junit", "--test-reporter-destination=.jig/junit.xml", "test/"]',
    );
    expect(config).toContain('  reports: [".jig/junit.xml"]');
  });

  it("a change editing tests.command does not get its own command run: the base's runs", () => {
    const marker = (name: string) => [
      "node",
      "-e",
      `require('fs').writeFileSync(${JSON.stringify(name)}, '')`,
    ];
    project(marker("base-ran"));
    repo.write(
      "jig.config.yaml",
      ["version: 1", "tests:", `  command: ${yamlList(marker("change-ran"))}`, ""].join("\n"),
    );
    change(`${REFUNDS}// reviewed\n`);
    runJig(["check", "--format", "json"], { cwd: repo.dir });
    expect(existsSync(join(repo.dir, "base-ran"))).toBe(true);
    expect(existsSync(join(repo.dir, "change-ran"))).toBe(false);
  });
});
