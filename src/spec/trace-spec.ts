import { parseYamlSource } from "../core/yaml-source.js";
import type { Spec } from "./spec.js";

/** A test or eval scenario that names an acceptance criterion. */
export interface CoverageReference {
  kind: "test" | "eval";
  /** `SPEC-0007/AC-2`. */
  criterion: string;
  /** Repo-relative POSIX path. */
  file: string;
  line: number;
  /** Test title, python test name or scenario id; the line itself as a last resort. */
  title: string;
}

/** One acceptance criterion and what covers it. */
export interface TraceCriterion {
  ref: string;
  id: string;
  line: number;
  text: string;
  coveredBy: CoverageReference[];
}

/** The traceability matrix `jig spec trace` prints. */
export interface TraceMatrix {
  schema: "jig.trace/v1";
  specs: Array<{
    id: string;
    title: string;
    status: string;
    path: string;
    criteria: TraceCriterion[];
  }>;
  /** `SPEC-0007/AC-3` refs no test or scenario covers. */
  uncovered: string[];
  /** References to criteria no spec defines (a typo, or a removed criterion). */
  unknownReferences: CoverageReference[];
}

const CRITERION_REF = /\bSPEC-(\d{4})\/AC-(\d+)\b/gi;
// Python test names cannot hold "/", so `test_spec_0007_ac_2_...` counts too.
const PYTHON_NAME_REF = /spec_(\d{4})_ac_(\d+)(?![0-9])/gi;
const TEST_TITLE =
  /\b(?:it|test|describe|context|suite|scenario)(?:\.\w+)*\(\s*(["'`])((?:\\.|(?!\1).)*)\1/;
const PYTHON_TEST = /\bdef\s+(test_\w+)/;

/**
 * References in a test file. Any line naming `SPEC-NNNN/AC-N` counts; its
 * title is taken from `it(`/`test(`/`describe(` on that line, or the python
 * test it sits in (for docstrings), or the line itself.
 */
export function findTestReferences(text: string, file: string): CoverageReference[] {
  const references: CoverageReference[] = [];
  let lastPythonTest: { name: string; line: number } | undefined;
  // A python test naming its criterion in both its name and its docstring is one reference, not two.
  const listedForPythonTest = new Set<string>();
  text.split(/\r?\n/).forEach((content, index) => {
    const line = index + 1;
    const python = PYTHON_TEST.exec(content);
    if (python?.[1]) {
      lastPythonTest = { name: python[1], line };
      listedForPythonTest.clear();
    }
    const refs = new Set<string>();
    for (const match of content.matchAll(CRITERION_REF))
      refs.add(`SPEC-${match[1]}/AC-${Number(match[2])}`);
    if (python?.[1]) {
      for (const match of python[1].matchAll(PYTHON_NAME_REF)) {
        refs.add(`SPEC-${match[1]}/AC-${Number(match[2])}`);
      }
    }
    if (refs.size === 0) return;
    const inPythonTest =
      lastPythonTest && line - lastPythonTest.line <= 10 ? lastPythonTest.name : undefined;
    const title =
      TEST_TITLE.exec(content)?.[2] ?? python?.[1] ?? inPythonTest ?? content.trim().slice(0, 120);
    for (const criterion of refs) {
      if (python?.[1] || inPythonTest) {
        if (listedForPythonTest.has(criterion)) continue;
        listedForPythonTest.add(criterion);
      }
      references.push({ kind: "test", criterion, file, line, title });
    }
  });
  return references;
}

/**
 * A test declaration and the criteria it names: `it("AC-2 ...")`,
 * `def test_ac_2_...`, a `// AC-2` or `# AC-2` comment on the line before,
 * or (python) its docstring. Ids are `SPEC-0007/AC-2`, or a bare `AC-2`
 * that means the cited spec's criterion.
 */
export interface TestMark {
  file: string;
  line: number;
  /** The title as a runner reports it: the `it(`/`test(` string, or the python function's name. */
  title: string;
  ids: string[];
}

const AC_ID = /\b(?:SPEC-(\d{4})\/)?AC-(\d+)\b/gi;
const PYTHON_AC_ID = /(?:^|_)(?:spec_(\d{4})_)?ac_(\d+)(?![0-9])/gi;
const COMMENT = /^\s*(?:\/\/|#|\/\*|\*)/;
const DOCSTRING = /^\s*[rbuRBU]?("""|''')/;

/** Criterion ids named in a test's title or a comment: `SPEC-0007/AC-2` or bare `AC-2`. */
export function criterionIdsIn(text: string): string[] {
  const ids = new Set<string>();
  for (const match of text.matchAll(AC_ID)) {
    ids.add(match[1] ? `SPEC-${match[1]}/AC-${Number(match[2])}` : `AC-${Number(match[2])}`);
  }
  return [...ids];
}

/** Every test declared in a test file, with the criteria it names. Pure. */
export function findTestMarks(text: string, file: string): TestMark[] {
  const lines = text.split(/\r?\n/);
  const marks: TestMark[] = [];
  lines.forEach((content, index) => {
    const python = PYTHON_TEST.exec(content)?.[1];
    const title = python ?? TEST_TITLE.exec(content)?.[2];
    if (title === undefined) return;
    const ids = new Set<string>(criterionIdsIn(title));
    if (python) {
      for (const match of python.matchAll(PYTHON_AC_ID)) {
        ids.add(match[1] ? `SPEC-${match[1]}/AC-${Number(match[2])}` : `AC-${Number(match[2])}`);
      }
      const next = lines[index + 1] ?? "";
      if (DOCSTRING.test(next)) for (const id of criterionIdsIn(next)) ids.add(id);
    }
    const before = lines[index - 1] ?? "";
    if (COMMENT.test(before)) for (const id of criterionIdsIn(before)) ids.add(id);
    marks.push({ file, line: index + 1, title, ids: [...ids] });
  });
  return marks;
}

/**
 * References in an eval file: every mapping with a `covers:` list (or string)
 * anywhere in the YAML. Tolerant: an unparsable file falls back to lines that
 * mention `covers` and a criterion, since the evals layer reports its own
 * syntax errors.
 */
export function findEvalReferences(text: string, file: string): CoverageReference[] {
  const source = parseYamlSource(text, file);
  if (source.problems.length > 0) {
    return text.split(/\r?\n/).flatMap((content, index) =>
      /covers/i.test(content)
        ? [...content.matchAll(CRITERION_REF)].map((match) => ({
            kind: "eval" as const,
            criterion: `SPEC-${match[1]}/AC-${Number(match[2])}`,
            file,
            line: index + 1,
            title: content.trim().slice(0, 120),
          }))
        : [],
    );
  }
  const references: CoverageReference[] = [];
  const visit = (value: unknown, path: PropertyKey[]): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        visit(item, [...path, index]);
      });
      return;
    }
    if (typeof value !== "object" || value === null) return;
    const record = value as Record<string, unknown>;
    if (Object.hasOwn(record, "covers")) {
      const covers = Array.isArray(record.covers) ? record.covers : [record.covers];
      const name = [record.id, record.name, record.title].find(
        (candidate) => typeof candidate === "string",
      );
      covers.forEach((entry, index) => {
        if (typeof entry !== "string") return;
        const at = Array.isArray(record.covers) ? [...path, "covers", index] : [...path, "covers"];
        for (const match of entry.matchAll(CRITERION_REF)) {
          references.push({
            kind: "eval",
            criterion: `SPEC-${match[1]}/AC-${Number(match[2])}`,
            file,
            line: source.locate(at).line,
            title: typeof name === "string" ? name : "scenario",
          });
        }
      });
    }
    for (const [key, child] of Object.entries(record)) {
      if (key !== "covers") visit(child, [...path, key]);
    }
  };
  visit(source.value, []);
  return references;
}

/**
 * Join specs and references into the matrix. Pure. `only` limits the rows to
 * one spec while references are still checked against every spec, so a
 * reference to another spec is not reported as unknown.
 */
export function traceSpecs(
  specs: readonly Spec[],
  references: readonly CoverageReference[],
  options: { only?: string } = {},
): TraceMatrix {
  const byCriterion = new Map<string, CoverageReference[]>();
  for (const reference of references) {
    byCriterion.set(reference.criterion, [
      ...(byCriterion.get(reference.criterion) ?? []),
      reference,
    ]);
  }
  const known = new Set(
    specs.flatMap((spec) => spec.criteria.map((criterion) => `${spec.id}/${criterion.id}`)),
  );
  const rows = specs
    .filter((spec) => options.only === undefined || spec.id === options.only)
    .map((spec) => ({
      id: spec.id,
      title: spec.title,
      status: spec.status,
      path: spec.path,
      criteria: spec.criteria
        .filter((criterion) => criterion.id !== "")
        .map((criterion) => {
          const ref = `${spec.id}/${criterion.id}`;
          return {
            ref,
            id: criterion.id,
            line: criterion.line,
            text: criterion.text,
            coveredBy: sortReferences(byCriterion.get(ref) ?? []),
          };
        }),
    }));
  return {
    schema: "jig.trace/v1",
    specs: rows,
    uncovered: rows.flatMap((row) =>
      row.criteria.filter((criterion) => criterion.coveredBy.length === 0).map((c) => c.ref),
    ),
    unknownReferences: sortReferences(
      references.filter(
        (reference) =>
          !known.has(reference.criterion) &&
          (options.only === undefined || reference.criterion.startsWith(`${options.only}/`)),
      ),
    ),
  };
}

function sortReferences(references: readonly CoverageReference[]): CoverageReference[] {
  return [...references].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.criterion.localeCompare(b.criterion),
  );
}
