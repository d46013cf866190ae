import { defaultConfig } from "../../config/config-schema.js";
import type { Change, ChangedFile } from "../../core/change.js";
import type { Spec } from "../../spec/spec.js";
import type { GateContext, SpecCitation } from "../layer.js";

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

export function fakeContext(paths: string[], citation: Partial<SpecCitation> = {}): GateContext {
  return {
    cwd: "/repo",
    change: fakeChange(paths),
    config: defaultConfig(),
    spec: { others: [], problems: [], ...citation },
    now: () => new Date("2026-01-01T00:00:00Z"),
    options: {},
  };
}
