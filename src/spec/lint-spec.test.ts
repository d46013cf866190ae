import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Problem } from "../core/problem.js";
import { hasErrors, lintSpec, lintSpecCollection } from "./lint-spec.js";
import { parseSpec } from "./parse-spec.js";
import type { Spec } from "./spec.js";

const fixture = (name: string): string =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");

function parsed(text: string, path: string): Spec {
  const { spec, problems } = parseSpec(text, path);
  if (!spec) throw new Error(`fixture did not parse: ${JSON.stringify(problems)}`);
  return spec;
}

const good = parsed(
  fixture("SPEC-0007-login-throttling.md.txt"),
  "specs/SPEC-0007-login-throttling.md",
);
const bad = parsed(fixture("SPEC-0008-bad.md.txt"), "specs/SPEC-0008-bad.md");
const known = new Set(["FM-AUTH-001", "FM-SQL-001"]);
const badProblems = lintSpec(bad, { knownFailureModels: known });

const withCode = (problems: Problem[], code: string): Problem[] =>
  problems.filter((problem) => problem.code === code);

describe("lintSpec on a good spec", () => {
  it("reports nothing, even with the failure-model catalog", () => {
    expect(lintSpec(good, { knownFailureModels: known })).toEqual([]);
  });
});

describe("lintSpec on a bad spec: every rule fires with a line", () => {
  it("gives every problem the spec path and a line", () => {
    for (const problem of badProblems) {
      expect(problem.path).toBe("specs/SPEC-0008-bad.md");
      expect(problem.line).toBeGreaterThan(0);
    }
  });

  it("JIG-S004: missing required section", () => {
    expect(withCode(badProblems, "JIG-S004").map((problem) => problem.message)).toEqual([
      expect.stringContaining('"## Out of scope"'),
    ]);
  });

  it("JIG-S005: empty Problem is an error, empty Constraints a warning", () => {
    const empty = withCode(badProblems, "JIG-S005");
    expect(empty).toContainEqual(expect.objectContaining({ line: 10, severity: "error" }));
    expect(empty).toContainEqual(expect.objectContaining({ line: 21, severity: "warning" }));
  });

  it("JIG-S006: items without an id or with an ill-formed id", () => {
    const ids = withCode(badProblems, "JIG-S006");
    expect(ids.map((problem) => [problem.line, problem.column])).toEqual([
      [16, 3],
      [17, 3],
    ]);
    expect(ids[0]?.message).toContain('"AC3"');
    expect(ids[1]?.message).toContain("has no id");
  });

  it("JIG-S007: duplicate ids", () => {
    expect(withCode(badProblems, "JIG-S007")).toMatchObject([
      { line: 15, message: expect.stringContaining("first on line 14") },
    ]);
  });

  it("JIG-S008: numbering gaps are a warning", () => {
    expect(withCode(badProblems, "JIG-S008")).toMatchObject([
      { line: 12, severity: "warning", message: expect.stringContaining("AC-2, AC-3, AC-4") },
    ]);
  });

  it("JIG-S009: id does not match the file name", () => {
    expect(withCode(badProblems, "JIG-S009")).toMatchObject([
      { line: 2, message: expect.stringContaining("SPEC-0009") },
    ]);
    const oddName = parsed(fixture("SPEC-0007-login-throttling.md.txt"), "specs/login.md");
    expect(withCode(lintSpec(oddName), "JIG-S009")).toHaveLength(1);
  });

  it("JIG-S010: criteria without an observable outcome are errors", () => {
    // Line 15, "Users can see the dashboard.", names what a test sees, so it passes.
    expect(
      withCode(badProblems, "JIG-S010").map((problem) => [problem.line, problem.severity]),
    ).toEqual([
      [14, "error"],
      [16, "error"],
    ]);
  });

  it("JIG-S010: a criterion that only might be unobservable is a warning that never fails", () => {
    const criteria = [
      "When a refund is requested, then the fee is 0 cents.",
      "When the same refund is posted twice, then exactly one refund exists and both responses carry the same refund id.",
      "When the code SAVE10 is applied, then the discount is 10.00.",
      "When the nightly job runs, then the worker shall archive old invoices.",
    ].map((text, index) => ({ id: `AC-${index + 1}`, text, line: 20 + index }));
    const problems = withCode(lintSpec({ ...good, criteria }), "JIG-S010");
    expect(problems).toMatchObject([{ line: 23, severity: "warning" }]);
    expect(problems[0]?.message).toContain("may have no observable outcome");
    expect(hasErrors(problems)).toBe(false);
  });

  it("JIG-S011: vague words in criteria", () => {
    const vague = withCode(badProblems, "JIG-S011");
    expect(vague.map((problem) => [problem.line, /"(\w+)"/.exec(problem.message)?.[1]])).toEqual([
      [14, "fast"],
      [18, "securely"],
    ]);
    expect(vague[0]?.message).toContain("how fast, measured how?");
  });

  it("JIG-S012: clarification markers left in an approved spec, not in a draft", () => {
    expect(withCode(badProblems, "JIG-S012")).toMatchObject([{ line: 19 }]);
    const draft = lintSpec({ ...bad, status: "draft" });
    expect(withCode(draft, "JIG-S012")).toEqual([]);
  });

  it("JIG-S013: unknown failure-model ids, only when the catalog is given", () => {
    expect(withCode(badProblems, "JIG-S013").map((problem) => problem.line)).toEqual([7, 25]);
    expect(withCode(lintSpec(bad), "JIG-S013")).toEqual([]);
  });

  it("JIG-S014: a section that appears twice", () => {
    expect(withCode(badProblems, "JIG-S014")).toMatchObject([{ line: 27, severity: "warning" }]);
  });

  it("JIG-S016: an approved spec without an approval record (status typed by hand)", () => {
    expect(withCode(badProblems, "JIG-S016")).toEqual([
      expect.objectContaining({
        line: 4,
        severity: "error",
        message: expect.stringContaining("re-approve with `jig spec approve SPEC-0009`"),
      }),
    ]);
  });

  it("has errors, so approve and the gate refuse it", () => {
    expect(hasErrors(badProblems)).toBe(true);
    expect(hasErrors(withCode(badProblems, "JIG-S008"))).toBe(false);
  });

  it("is deterministic", () => {
    expect(lintSpec(bad, { knownFailureModels: known })).toEqual(badProblems);
  });
});

describe("lintSpec on approvals (JIG-S016)", () => {
  const goodText = fixture("SPEC-0007-login-throttling.md.txt");
  const s016 = (text: string): Problem[] =>
    withCode(lintSpec(parsed(text, "specs/SPEC-0007-login-throttling.md")), "JIG-S016");

  it("reports a spec edited after approval at its approval record, with the fix", () => {
    const edited = goodText.replace("password 5 times", "password 10 times");
    expect(s016(edited)).toEqual([
      {
        code: "JIG-S016",
        path: "specs/SPEC-0007-login-throttling.md",
        line: 5,
        severity: "error",
        message:
          "SPEC-0007 changed after Alice Example <alice@example.com> approved it at 2025-01-01T09:30:00.000Z (its content no longer matches the approval hash); re-approve with `jig spec approve SPEC-0007`",
      },
    ]);
  });

  it("reports an implemented spec edited after approval too, but not a draft", () => {
    const edited = goodText.replace("Attackers can guess", "Bots can guess");
    expect(s016(edited.replace("status: approved", "status: implemented"))).toHaveLength(1);
    expect(s016(edited.replace("status: approved", "status: draft"))).toEqual([]);
  });

  it("reports status: approved typed without a record", () => {
    const typed = goodText.replace(/approval:\n( {2}.*\n)+/, "");
    expect(typed).not.toContain("approval:");
    expect(s016(typed)).toEqual([
      expect.objectContaining({
        line: 4,
        message:
          "SPEC-0007 is approved but has no approval record (who, when, content hash); re-approve with `jig spec approve SPEC-0007`",
      }),
    ]);
  });

  it("accepts the approved spec as written, and line-ending changes to it", () => {
    expect(s016(goodText)).toEqual([]);
    expect(s016(goodText.replaceAll("\n", "\r\n"))).toEqual([]);
  });
});

describe("lintSpecCollection", () => {
  it("JIG-S015: two files with one id", () => {
    const copy = { ...good, path: "specs/SPEC-0007-copy.md" };
    const problems = lintSpecCollection([good, copy]);
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ["JIG-S015", "specs/SPEC-0007-login-throttling.md"],
      ["JIG-S015", "specs/SPEC-0007-copy.md"],
    ]);
    expect(lintSpecCollection([good])).toEqual([]);
  });
});
