import type { CriterionResult } from "../contract/index.js";
import { criterionIdsIn, type Spec, type TestMark } from "../spec/index.js";
import type { TestCaseResult } from "./read-junit-reports.js";

/** A test case placed in the repository, with the criteria it traces to. */
export interface LocatedTestCase extends TestCaseResult {
  /** Criterion ids as written: `SPEC-0007/AC-2` or bare `AC-2`. */
  traces: string[];
}

/**
 * Where each case lives and which criteria it names. The report's own
 * `file`/`line` win; otherwise a classname that is a path (vitest) or a
 * python module (pytest), the test's declaration found by its title, or
 * the first repository path in the failure's stack. Pure.
 */
export function locateTestCases(
  cases: readonly TestCaseResult[],
  marks: readonly TestMark[],
): LocatedTestCase[] {
  const files = new Set(marks.map((mark) => mark.file));
  const byTitle = new Map<string, TestMark[]>();
  for (const mark of marks) byTitle.set(mark.title, [...(byTitle.get(mark.title) ?? []), mark]);
  return cases.map((item) => {
    const file = item.file ?? fileOfClassname(item.classname, files);
    const mark = findMark(item.name, file, byTitle);
    const located: LocatedTestCase = { ...item, traces: [] };
    const where = file ?? mark?.file ?? locationInStack(item.details, files)?.file;
    if (where !== undefined) located.file = where;
    const line =
      item.line ??
      (mark && mark.file === where ? mark.line : undefined) ??
      (where ? locationInStack(item.details, new Set([where]))?.line : undefined);
    if (line !== undefined) located.line = line;
    located.traces = [...new Set([...criterionIdsIn(item.name), ...(mark?.ids ?? [])])];
    return located;
  });
}

function fileOfClassname(classname: string | undefined, files: ReadonlySet<string>) {
  if (!classname) return undefined;
  if (files.has(classname)) return classname;
  // pytest: `tests.test_refunds` or `tests.test_refunds.TestClass`.
  const parts = classname.split(".");
  for (let end = parts.length; end > 0; end--) {
    const path = `${parts.slice(0, end).join("/")}.py`;
    if (files.has(path)) return path;
  }
  return undefined;
}

/**
 * The declaration a case came from: same title (a parametrised pytest case's
 * `[...]` and vitest's `suite > test` prefix removed), in its file when known.
 */
function findMark(
  name: string,
  file: string | undefined,
  byTitle: ReadonlyMap<string, TestMark[]>,
): TestMark | undefined {
  const plain = name.replace(/\[.*\]$/, "");
  const candidates = byTitle.get(plain) ?? byTitle.get(plain.split(" > ").at(-1) ?? plain) ?? [];
  return file === undefined ? candidates[0] : candidates.find((mark) => mark.file === file);
}

function locationInStack(details: string | undefined, files: ReadonlySet<string>) {
  if (!details) return undefined;
  for (const match of details.matchAll(
    /([\w./@-]+\.[cm]?[jt]sx?|[\w./-]+\.py|[\w./-]+\.go|[\w./-]+\.rs):(\d+)/g,
  )) {
    const path = match[1] ?? "";
    const file = [...files].find(
      (candidate) => path === candidate || path.endsWith(`/${candidate}`),
    );
    if (file) return { file, line: Number(match[2]) };
  }
  return undefined;
}

/**
 * The cited spec's criteria that ran tests trace to: `met` when every traced
 * test passed, `not_met` when one failed. Skipped tests are no evidence.
 * Bare `AC-2` means the cited spec's criterion; another spec's id is ignored.
 */
export function criteriaFromTests(
  spec: Pick<Spec, "id" | "criteria">,
  cases: readonly LocatedTestCase[],
): CriterionResult[] {
  const criteria: CriterionResult[] = [];
  for (const item of spec.criteria) {
    if (item.id === "") continue;
    const full = `${spec.id}/${item.id}`;
    const traced = cases.filter(
      (test) =>
        test.status !== "skipped" &&
        test.traces.some((id) => id === item.id || id.toUpperCase() === full),
    );
    if (traced.length === 0) continue;
    const failed = traced.filter((test) => test.status === "failed");
    const passed = traced.length - failed.length;
    const shown = (failed.length > 0 ? failed : traced).slice(0, 3);
    const names = shown
      .map((test) => `${test.file ? `${test.file}: ` : ""}"${test.name}"`)
      .join(", ");
    const more = traced.length > shown.length && failed.length === 0 ? ", …" : "";
    criteria.push({
      id: full,
      specId: spec.id,
      criterion: item.id,
      text: item.text,
      status: failed.length > 0 ? "not_met" : "met",
      evidence: `${passed}/${traced.length} tests passed (${failed.length > 0 ? "failed: " : ""}${names}${more})`,
    });
  }
  return criteria;
}
