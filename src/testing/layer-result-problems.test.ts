import { describe, expect, it } from "vitest";
import { layerResultProblems } from "./layer-result-problems.js";

const finding = {
  ruleId: "JIG-X001",
  severity: "high",
  title: "Something is off",
  message: "Details",
};

describe("layerResultProblems", () => {
  it("accepts a passed, a skipped and an errored result written to the contract", () => {
    expect(layerResultProblems({ status: "passed", findings: [finding], notes: [] })).toEqual([]);
    expect(
      layerResultProblems({ status: "skipped", findings: [], notes: [], skipReason: "no model" }),
    ).toEqual([]);
    expect(
      layerResultProblems({ status: "error", findings: [], notes: [], error: "timed out" }),
    ).toEqual([]);
  });

  it("names a skip without a reason, an error without a message, and a bad status", () => {
    expect(layerResultProblems({ status: "skipped", findings: [], notes: [] })).toEqual([
      "skipReason: a skipped layer must say why, and how to make it run",
    ]);
    expect(layerResultProblems({ status: "error", findings: [], notes: [] })).toEqual([
      "error: a layer in error must say what went wrong",
    ]);
    expect(layerResultProblems({ status: "ok", findings: [], notes: [] })).toHaveLength(1);
    expect(layerResultProblems(undefined)).toHaveLength(1);
  });

  it("names each broken finding field, and unknown fields", () => {
    const problems = layerResultProblems({
      status: "failed",
      notes: [],
      findings: [
        { ...finding, ruleId: "JIG X001", title: " ", file: "/abs/path.ts", line: 9, endLine: 3 },
        { ...finding, severity: "severe" },
        { ...finding, file: "src\\win.ts" },
        { ...finding, file: "../outside.ts" },
        { ...finding, id: "spec-1" },
      ],
    });
    expect(problems).toEqual([
      expect.stringMatching(/^findings\.1\.severity: /),
      expect.stringMatching(/^findings\.4: .*"id"/),
    ]);
    const semantic = layerResultProblems({
      status: "failed",
      notes: [],
      findings: [
        { ...finding, ruleId: "JIG X001", title: " ", file: "/abs/path.ts", line: 9, endLine: 3 },
        { ...finding, file: "src\\win.ts" },
        { ...finding, file: "../outside.ts" },
        { ...finding, file: "src/ok.ts", line: 2, endLine: 2 },
      ],
    });
    expect(semantic).toEqual([
      "findings.0.ruleId: blank or has spaces",
      "findings.0.title: blank",
      'findings.0.file: "/abs/path.ts" is not a repo-relative POSIX path',
      "findings.0.endLine: before line",
      'findings.1.file: "src\\win.ts" is not a repo-relative POSIX path',
      'findings.2.file: "../outside.ts" is not a repo-relative POSIX path',
    ]);
  });

  it("names a criterion whose id is not specId/criterion", () => {
    const criterion = { specId: "SPEC-0001", criterion: "AC-1", text: "t", status: "met" };
    expect(
      layerResultProblems({
        status: "passed",
        findings: [],
        notes: [],
        criteria: [
          { ...criterion, id: "SPEC-0001/AC-1" },
          { ...criterion, id: "AC-1" },
        ],
      }),
    ).toEqual(['criteria.1.id: "AC-1" is not specId/criterion']);
  });
});
