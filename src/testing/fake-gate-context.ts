import { defaultConfig } from "../config/index.js";
import type { Change, ChangedFile } from "../core/index.js";
import type { GateContext, SpecCitation } from "../gate/index.js";
import type { Spec } from "../spec/index.js";

/** A modified file with one added line, enough for layers that look at paths. */
export function changedFile(path: string, added = "x"): ChangedFile {
  return {
    path,
    status: "modified",
    binary: false,
    additions: 1,
    deletions: 0,
    hunks: [
      {
        oldStart: 1,
        oldLines: 0,
        newStart: 1,
        newLines: 1,
        header: "",
        lines: [{ kind: "add", newLine: 1, text: added }],
      },
    ],
  };
}

/** A change between two fixed commits that modifies `paths`, one added line each. */
export function fakeChange(paths: string[]): Change {
  return {
    base: "a".repeat(40),
    head: "b".repeat(40),
    baseRef: "main",
    headRef: "HEAD",
    workingTree: false,
    files: paths.map((path) => changedFile(path)),
    commits: [],
  };
}

/** An approved spec with two acceptance criteria; override any field. */
export function fakeSpec(overrides: Partial<Spec> = {}): Spec {
  return {
    id: "SPEC-0001",
    title: "Cap refunds",
    status: "approved",
    domains: ["billing"],
    owner: "payments",
    failureModels: [],
    path: "specs/SPEC-0001-cap-refunds.md",
    problem: "Refunds are unbounded.",
    criteria: [
      {
        id: "AC-1",
        text: "Given 100 cents, when decided, then the decision is approved.",
        line: 12,
      },
      { id: "AC-2", text: "Given 60000 cents, when decided, then it is escalated.", line: 13 },
    ],
    constraints: [],
    risks: [],
    outOfScope: "",
    sections: [],
    clarificationMarkers: [],
    ...overrides,
  };
}

/**
 * A `GateContext` for layer tests: the default config, a change touching
 * `paths`, a fixed clock and `cwd` "/repo" (a folder that does not exist;
 * override `cwd` to point a layer at a real checkout).
 *
 * @example
 * const result = await myLayer.run({ ...fakeGateContext(["src/a.ts"], { id: "SPEC-0001", spec: fakeSpec() }), cwd: repo });
 */
export function fakeGateContext(
  paths: string[],
  citation: Partial<SpecCitation> = {},
): GateContext {
  return {
    cwd: "/repo",
    change: fakeChange(paths),
    config: defaultConfig(),
    spec: { others: [], problems: [], ...citation },
    now: () => new Date("2026-01-01T00:00:00Z"),
    options: {},
  };
}
