import { afterEach, describe, expect, it } from "vitest";
import type { Change } from "../core/change.js";
import type { Finding } from "../core/finding.js";
import { createTempRepo, type TempRepo } from "../test-support/temp-repo.js";
import { changedFile } from "../testing/fake-gate-context.js";
import { fingerprintChangeFindings, fingerprintFindings } from "./fingerprint-findings.js";

const SQL = 'db.query("SELECT * FROM users WHERE id = " + id);';

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    id: "failure-models-1",
    layer: "failure-models",
    ruleId: "FM-SQL-001",
    severity: "high",
    file: "src/users.js",
    line: 3,
    title: "SQL built by string concatenation",
    message: "Use a parameterised query.",
    ...overrides,
  };
}

/** A file's lines, as the layer would see them after the change. */
function fileText(lines: string[]): (path: string, line: number) => string | undefined {
  return (_path, line) => lines[line - 1];
}

const filler = (count: number) => Array.from({ length: count }, (_, index) => `// line ${index}`);

describe("fingerprintFindings", () => {
  it("keeps a finding's fingerprint when unrelated edits move its code 40 lines down", () => {
    const before = ["const a = 1;", "", SQL];
    const after = [...filler(40), "const a = 1;", "", `   ${SQL.replace(" ", "   ")}  `];
    const [first] = fingerprintFindings([finding({ line: 3 })], fileText(before));
    const [moved] = fingerprintFindings([finding({ line: 43, id: "x-9" })], fileText(after));
    expect(first?.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(moved?.fingerprint).toBe(first?.fingerprint);
  });

  it("changes when the matched text, the rule or the path changes", () => {
    const lines = [SQL, 'db.query("DELETE FROM users WHERE id = " + id);'];
    const [base, otherText, otherRule, otherPath] = fingerprintFindings(
      [
        finding({ line: 1 }),
        finding({ line: 2 }),
        finding({ line: 1, ruleId: "FM-SQL-002" }),
        finding({ line: 1, file: "src/admin.js" }),
      ],
      fileText(lines),
    );
    const all = [base, otherText, otherRule, otherPath].map((item) => item?.fingerprint);
    expect(new Set(all).size).toBe(4);
  });

  it("tells two findings with the same rule, path and text apart by occurrence, in order", () => {
    const lines = [SQL, "", SQL];
    const [one, two] = fingerprintFindings(
      [finding({ line: 1 }), finding({ line: 3 })],
      fileText(lines),
    );
    expect(one?.fingerprint).not.toBe(two?.fingerprint);
    // The first occurrence keeps the plain fingerprint whatever else is added later.
    const [alone] = fingerprintFindings([finding({ line: 3 })], fileText(lines));
    expect(alone?.fingerprint).toBe(one?.fingerprint);
  });

  it("hashes rule and title for a finding without a file, and spans endLine", () => {
    const whole = finding({ title: "Change touches governance" });
    delete whole.file;
    delete whole.line;
    const [a] = fingerprintFindings([whole], () => undefined);
    const [b] = fingerprintFindings([{ ...whole, message: "other words" }], () => undefined);
    const [c] = fingerprintFindings([{ ...whole, title: "Another" }], () => undefined);
    expect(a?.fingerprint).toBe(b?.fingerprint);
    expect(a?.fingerprint).not.toBe(c?.fingerprint);

    const lines = ["call(", "  a,", "  b);"];
    const [span] = fingerprintFindings([finding({ line: 1, endLine: 3 })], fileText(lines));
    const [changed] = fingerprintFindings(
      [finding({ line: 1, endLine: 3 })],
      fileText(["call(", "  a,", "  c);"]),
    );
    expect(span?.fingerprint).not.toBe(changed?.fingerprint);
  });
});

describe("fingerprintChangeFindings", () => {
  let repo: TempRepo | undefined;
  afterEach(() => repo?.cleanup());

  it("reads lines outside the hunks from the head commit, and hunk lines from the change", async () => {
    repo = createTempRepo();
    repo.write("src/users.js", `${[...filler(10), SQL].join("\n")}\n`);
    const head = repo.commit("add users");
    const change: Change = {
      base: head,
      head,
      baseRef: "HEAD~",
      headRef: "HEAD",
      workingTree: false,
      commits: [],
      files: [changedFile("src/users.js", SQL)],
    };
    const [fromGit, fromHunk] = await fingerprintChangeFindings(
      [finding({ line: 11 }), finding({ line: 1, ruleId: "FM-SQL-009" })],
      change,
      repo.dir,
    );
    const [expectedGit, expectedHunk] = fingerprintFindings(
      [finding({ line: 11 }), finding({ line: 1, ruleId: "FM-SQL-009" })],
      () => SQL,
    );
    expect(fromGit?.fingerprint).toBe(expectedGit?.fingerprint);
    expect(fromHunk?.fingerprint).toBe(expectedHunk?.fingerprint);
  });
});
