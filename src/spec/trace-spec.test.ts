import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseSpec } from "./parse-spec.js";
import { isTestFile, scanCoverage } from "./scan-coverage.js";
import type { Spec } from "./spec.js";
import { findEvalReferences, findTestMarks, findTestReferences, traceSpecs } from "./trace-spec.js";

function spec(id: string, criteria: number): Spec {
  const items = Array.from(
    { length: criteria },
    (_, index) => `- AC-${index + 1}: Then it returns ${index}.`,
  );
  const text = [
    "---",
    `id: ${id}`,
    "title: T",
    "status: approved",
    "domains: []",
    "owner: o",
    "---",
    "## Acceptance criteria",
    ...items,
  ].join("\n");
  const parsed = parseSpec(text, `specs/${id}-t.md`).spec;
  if (!parsed) throw new Error("fixture did not parse");
  return parsed;
}

describe("findTestReferences", () => {
  it("takes titles from it/test/describe, python names and docstrings", () => {
    const ts = [
      'describe("SPEC-0001/AC-1 login", () => {',
      "  it('locks after 5 tries (SPEC-0001/AC-2, spec-0001/ac-3)', () => {});",
      "});",
    ].join("\n");
    expect(
      findTestReferences(ts, "a.test.ts").map((reference) => [
        reference.criterion,
        reference.line,
        reference.title,
      ]),
    ).toEqual([
      ["SPEC-0001/AC-1", 1, "SPEC-0001/AC-1 login"],
      ["SPEC-0001/AC-2", 2, "locks after 5 tries (SPEC-0001/AC-2, spec-0001/ac-3)"],
      ["SPEC-0001/AC-3", 2, "locks after 5 tries (SPEC-0001/AC-2, spec-0001/ac-3)"],
    ]);
    const py = [
      "def test_spec_0002_ac_1_rejects_bad_input():",
      "    pass",
      "",
      "def test_lockout():",
      '    """Covers SPEC-0002/AC-2."""',
    ].join("\n");
    expect(
      findTestReferences(py, "tests/test_x.py").map((reference) => [
        reference.criterion,
        reference.title,
      ]),
    ).toEqual([
      ["SPEC-0002/AC-1", "test_spec_0002_ac_1_rejects_bad_input"],
      ["SPEC-0002/AC-2", "test_lockout"],
    ]);
  });
});

describe("findTestReferences, python tests", () => {
  it("lists a test naming its criterion in both its name and its docstring once", () => {
    const py = [
      "def test_spec_0002_ac_1_rejects_bad_input():",
      '    """SPEC-0002/AC-1: rejects bad input."""',
      "    assert True",
      "",
      "def test_other():",
      '    """SPEC-0002/AC-1 again, from another test."""',
    ].join("\n");
    expect(
      findTestReferences(py, "tests/test_x.py").map((reference) => [
        reference.criterion,
        reference.line,
        reference.title,
      ]),
    ).toEqual([
      ["SPEC-0002/AC-1", 1, "test_spec_0002_ac_1_rejects_bad_input"],
      ["SPEC-0002/AC-1", 6, "test_other"],
    ]);
  });
});

describe("findTestMarks", () => {
  it("finds each test with the ids in its title, the comment above it, or its docstring", () => {
    const js = [
      'test("AC-1 approves small refunds", () => {});',
      "// AC-2",
      'it("escalates large refunds", () => {});',
      'it("names SPEC-0003/AC-4 in full", () => {});',
      'test("plain", () => {});',
    ].join("\n");
    expect(findTestMarks(js, "t.test.js").map((mark) => [mark.line, mark.title, mark.ids])).toEqual(
      [
        [1, "AC-1 approves small refunds", ["AC-1"]],
        [3, "escalates large refunds", ["AC-2"]],
        [4, "names SPEC-0003/AC-4 in full", ["SPEC-0003/AC-4"]],
        [5, "plain", []],
      ],
    );
    const py = [
      "def test_ac_1_small():",
      "    pass",
      "# AC-2",
      "def test_large():",
      "    pass",
      "def test_doc():",
      '    """Covers AC-3."""',
    ].join("\n");
    expect(findTestMarks(py, "tests/test_r.py").map((mark) => [mark.title, mark.ids])).toEqual([
      ["test_ac_1_small", ["AC-1"]],
      ["test_large", ["AC-2"]],
      ["test_doc", ["AC-3"]],
    ]);
  });
});

describe("findEvalReferences", () => {
  it("reads covers lists anywhere in the YAML, with their lines", () => {
    const yaml = [
      "scenarios:",
      "  - id: latency",
      "    covers: [SPEC-0001/AC-1]",
      "  - name: second",
      "    covers:",
      "      - SPEC-0001/AC-2",
      "      - not a ref",
      "  - id: single",
      "    covers: SPEC-0001/AC-3",
    ].join("\n");
    expect(
      findEvalReferences(yaml, "evals/a.yaml").map((reference) => [
        reference.criterion,
        reference.line,
        reference.title,
      ]),
    ).toEqual([
      ["SPEC-0001/AC-1", 3, "latency"],
      ["SPEC-0001/AC-2", 6, "second"],
      ["SPEC-0001/AC-3", 9, "single"],
    ]);
  });

  it("falls back to covers lines when the YAML does not parse", () => {
    const broken = "scenarios: [\n  covers: SPEC-0001/AC-1\n";
    expect(findEvalReferences(broken, "evals/b.yaml")).toMatchObject([
      { criterion: "SPEC-0001/AC-1", line: 2, kind: "eval" },
    ]);
  });
});

describe("traceSpecs", () => {
  const specs = [spec("SPEC-0001", 3), spec("SPEC-0002", 1)];
  const references = [
    { kind: "test" as const, criterion: "SPEC-0001/AC-1", file: "b.test.ts", line: 4, title: "b" },
    { kind: "eval" as const, criterion: "SPEC-0001/AC-1", file: "a.yaml", line: 2, title: "a" },
    { kind: "test" as const, criterion: "SPEC-0001/AC-9", file: "c.test.ts", line: 1, title: "c" },
    { kind: "test" as const, criterion: "SPEC-0002/AC-1", file: "d.test.ts", line: 1, title: "d" },
  ];

  it("lists coverage per criterion and the uncovered ones", () => {
    const matrix = traceSpecs(specs, references);
    expect(matrix.schema).toBe("jig.trace/v1");
    expect(matrix.specs[0]?.criteria[0]?.coveredBy.map((reference) => reference.file)).toEqual([
      "a.yaml",
      "b.test.ts",
    ]);
    expect(matrix.uncovered).toEqual(["SPEC-0001/AC-2", "SPEC-0001/AC-3"]);
    expect(matrix.unknownReferences.map((reference) => reference.criterion)).toEqual([
      "SPEC-0001/AC-9",
    ]);
  });

  it("limits rows to one spec", () => {
    const matrix = traceSpecs(specs, references, { only: "SPEC-0002" });
    expect(matrix.specs.map((row) => row.id)).toEqual(["SPEC-0002"]);
    expect(matrix.uncovered).toEqual([]);
    expect(matrix.unknownReferences).toEqual([]);
  });
});

describe("scanCoverage", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("scans tests and evals in a real folder, skipping node_modules and dist", async () => {
    const root = mkdtempSync(join(tmpdir(), "jig-trace-"));
    dirs.push(root);
    const write = (path: string, content: string): void => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    };
    write("src/login.test.ts", 'it("SPEC-0001/AC-1 locks", () => {});\n');
    write("test/e2e/cli.ts", 'test("SPEC-0001/AC-2 exits 2", () => {});\n');
    write("tests/test_api.py", "def test_spec_0001_ac_3():\n    pass\n");
    write("evals/login/cases.yaml", "- id: s1\n  covers: [SPEC-0001/AC-1]\n");
    write("node_modules/pkg/x.test.js", 'it("SPEC-0001/AC-2", () => {});\n');
    write("dist/x.test.js", 'it("SPEC-0001/AC-2", () => {});\n');
    write("src/app.ts", "// SPEC-0001/AC-2 is not a test\n");
    const references = await scanCoverage(root);
    expect(
      references.map((reference) => [reference.kind, reference.file, reference.criterion]),
    ).toEqual([
      ["eval", "evals/login/cases.yaml", "SPEC-0001/AC-1"],
      ["test", "src/login.test.ts", "SPEC-0001/AC-1"],
      ["test", "test/e2e/cli.ts", "SPEC-0001/AC-2"],
      ["test", "tests/test_api.py", "SPEC-0001/AC-3"],
    ]);
  });

  it("recognises test files by name and folder", () => {
    expect(isTestFile("src/a.spec.tsx")).toBe(true);
    expect(isTestFile("pkg/test_x.py")).toBe(true);
    expect(isTestFile("go/x_test.go")).toBe(true);
    expect(isTestFile("specs/SPEC-0001-x.md")).toBe(false);
    expect(isTestFile("src/app.ts")).toBe(false);
  });
});
