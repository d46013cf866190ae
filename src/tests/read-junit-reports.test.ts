import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freshReports, listReportFiles, readJunitReports } from "./read-junit-reports.js";
import { criteriaFromTests, locateTestCases } from "./trace-test-cases.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "jig-junit-"));
  dirs.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe("readJunitReports", () => {
  it("reads nested suites, file and line attributes, skips and errors, and absolute paths inside the repo", async () => {
    const root = folder({});
    writeFileSync(
      join(root, "r.xml"),
      `<?xml version="1.0"?>
<testsuites>
  <testsuite name="outer" file="${root}/tests/test_a.py">
    <testsuite name="inner">
      <testcase classname="tests.test_a" name="test_ac_1_ok" file="tests/test_a.py" line="3" time="0.25"/>
      <testcase classname="tests.test_a" name="test_skip" time="0"><skipped message="later"/></testcase>
      <testcase classname="tests.test_a" name="test_boom" time="0.1"><error message="RuntimeError: boom">trace</error></testcase>
    </testsuite>
  </testsuite>
  <testsuite name="flat"><testcase name="123" classname="x" time="0.001"/></testsuite>
</testsuites>`,
    );
    const reading = await readJunitReports(root, ["r.xml"]);
    expect(reading.unreadable).toEqual([]);
    expect(
      reading.cases.map((test) => [
        test.name,
        test.file,
        test.line,
        test.status,
        test.durationMs,
        test.message,
      ]),
    ).toEqual([
      ["test_ac_1_ok", "tests/test_a.py", 3, "passed", 250, undefined],
      ["test_skip", "tests/test_a.py", undefined, "skipped", 0, undefined],
      ["test_boom", "tests/test_a.py", undefined, "failed", 100, "RuntimeError: boom"],
      ["123", undefined, undefined, "passed", 1, undefined],
    ]);
  });

  it("says which report is not JUnit XML", async () => {
    const root = folder({ "bad.xml": "<testsuites><oops" });
    const reading = await readJunitReports(root, ["bad.xml"]);
    expect(reading.unreadable[0]).toMatch(/^bad\.xml: /);
  });
});

describe("listReportFiles and freshReports", () => {
  it("matches globs below their fixed folder and keeps only reports written or changed since", async () => {
    const root = folder({ "reports/a.xml": "", "reports/deep/b.xml": "", "other/c.xml": "" });
    const before = await listReportFiles(root, ["reports/**/*.xml"]);
    expect([...before.keys()].sort()).toEqual(["reports/a.xml", "reports/deep/b.xml"]);
    const after = new Map(before);
    after.set("reports/a.xml", (before.get("reports/a.xml") ?? 0) + 5);
    after.set("reports/new.xml", 1);
    expect(freshReports(before, after)).toEqual(["reports/a.xml", "reports/new.xml"]);
  });
});

describe("locateTestCases and criteriaFromTests", () => {
  it("places pytest cases by module, vitest cases by path, and keeps another spec's ids out", () => {
    const cases = locateTestCases(
      [
        {
          name: "test_large",
          classname: "tests.test_r.TestRefunds",
          status: "failed",
          durationMs: 1,
        },
        { name: "suite > AC-1 small", classname: "src/r.test.ts", status: "passed", durationMs: 1 },
        { name: "SPEC-0009/AC-2 elsewhere", status: "passed", durationMs: 1 },
      ],
      [
        { file: "tests/test_r.py", line: 7, title: "test_large", ids: ["AC-2"] },
        { file: "src/r.test.ts", line: 4, title: "AC-1 small", ids: ["AC-1"] },
      ],
    );
    expect(cases.map((test) => [test.file, test.line, test.traces])).toEqual([
      ["tests/test_r.py", 7, ["AC-2"]],
      ["src/r.test.ts", 4, ["AC-1"]],
      [undefined, undefined, ["SPEC-0009/AC-2"]],
    ]);
    const spec = {
      id: "SPEC-0001",
      criteria: [
        { id: "AC-1", text: "one", line: 1 },
        { id: "AC-2", text: "two", line: 2 },
        { id: "AC-3", text: "three", line: 3 },
      ],
    };
    expect(
      criteriaFromTests(spec, cases).map((item) => [item.id, item.status, item.evidence]),
    ).toEqual([
      ["SPEC-0001/AC-1", "met", '1/1 tests passed (src/r.test.ts: "suite > AC-1 small")'],
      ["SPEC-0001/AC-2", "not_met", '0/1 tests passed (failed: tests/test_r.py: "test_large")'],
    ]);
  });
});
