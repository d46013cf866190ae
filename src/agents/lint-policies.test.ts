import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lintProtectedScopes } from "./lint-policies.js";
import { loadAgents } from "./load-agents.js";

const SETTINGS = {
  agentsDir: "agents",
  specsDir: "specs",
  evalsDir: "evals",
  failuresDir: "failure-models",
  governancePaths: [".github/workflows/**"],
  storePath: ".jig/jig.db",
};

describe("lintProtectedScopes (jig policy lint)", () => {
  let root: string;
  beforeEach(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), "jig-lint-")));
    mkdirSync(join(root, "agents"));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const lint = async (files: Record<string, string>) => {
    for (const [name, text] of Object.entries(files))
      writeFileSync(join(root, "agents", name), text);
    const source = await loadAgents(join(root, "agents"), "agents");
    expect(source.problems).toEqual([]);
    return lintProtectedScopes(source, SETTINGS, { repoRoot: root, cwd: root, home: root });
  };

  it("warns, located, for each write glob reaching a governance input (JIG-A004)", async () => {
    const problems = await lint({
      "wide.yaml": [
        "name: wide",
        "role: writes",
        "permissions:",
        "  files:",
        "    write:",
        '      - "**"',
        '      - "src/**"',
        '      - "agents/*.yaml"',
        '      - "specs/**"',
        '      - ".github/workflows/ci.yml"',
        '      - "**/*.md"',
        '      - ".jig/**"',
        '      - "tests/**/*.ts"',
        "",
      ].join("\n"),
    });
    const warned = problems.filter((problem) => problem.code === "JIG-A004");
    expect(warned.map((problem) => problem.line)).toEqual([6, 8, 9, 10, 11, 12]);
    expect(warned.every((problem) => problem.severity === "warning")).toBe(true);
    expect(warned[0]).toMatchObject({ path: "agents/wide.yaml", column: expect.any(Number) });
    expect(warned[0]?.message).toContain(
      "'**' covers governance inputs (jig.config.yaml, agents/**",
    );
    expect(warned[2]?.message).toContain("(specs/**)");
    expect(warned[4]?.message).toContain("specs/**");
  });

  it("warns when read globs name the holdout suites without holdout: read (JIG-A005)", async () => {
    const problems = await lint({
      "coder.yaml":
        'name: coder\nrole: codes\npermissions:\n  files:\n    read: ["**", "evals/**", "Evals/suite.yaml", "src/**"]\n',
      "evaluator.yaml":
        'name: evaluator\nrole: evaluates\nholdout: read\npermissions:\n  files:\n    read: ["evals/**"]\n',
    });
    expect(problems.map((problem) => [problem.code, problem.path, problem.message])).toEqual([
      [
        "JIG-A005",
        "agents/coder.yaml",
        expect.stringContaining("'evals/**' names the holdout eval suites (evals)"),
      ],
      ["JIG-A005", "agents/coder.yaml", expect.stringContaining("'Evals/suite.yaml'")],
    ]);
  });
});
