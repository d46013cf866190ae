import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSpec, sectionKey } from "./parse-spec.js";

const good = readFileSync(
  new URL("./__fixtures__/SPEC-0007-login-throttling.md.txt", import.meta.url),
  "utf8",
);
const path = "specs/SPEC-0007-login-throttling.md";

describe("parseSpec", () => {
  it("reads frontmatter, sections and items with file line numbers", () => {
    const { spec, problems } = parseSpec(good, path);
    expect(problems).toEqual([]);
    expect(spec).toMatchObject({
      id: "SPEC-0007",
      title: "Login throttling",
      status: "approved",
      domains: ["auth"],
      owner: "alice",
      failureModels: ["FM-AUTH-001"],
      path,
      problem: "Attackers can guess passwords without limit.",
      outOfScope: "CAPTCHA and MFA.",
      clarificationMarkers: [],
    });
    expect(spec?.fieldLines).toMatchObject({ id: 2, status: 4, approval: 5, failureModels: 11 });
    // The recorded approval, and the hash of what the file holds now, for lint to compare.
    expect(spec?.approval).toEqual({
      by: "Alice Example <alice@example.com>",
      at: "2025-01-01T09:30:00.000Z",
      hash: spec?.contentHash,
    });
    expect(spec?.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(spec?.sections.map((section) => [section.name, section.line])).toEqual([
      ["Problem", 16],
      ["Acceptance criteria", 20],
      ["Constraints", 29],
      ["Risks", 33],
      ["Out of scope", 37],
    ]);
    expect(spec?.constraints).toEqual([
      { id: "C-1", text: "Uses the existing sessions table.", line: 31 },
    ]);
    expect(spec?.risks[0]).toMatchObject({ id: "R-1", line: 35 });
  });

  it("joins indented continuation lines into one item", () => {
    const { spec } = parseSpec(good, path);
    expect(spec?.criteria.map((item) => [item.id, item.line])).toEqual([
      ["AC-1", 22],
      ["AC-2", 25],
      ["AC-3", 27],
    ]);
    expect(spec?.criteria[0]?.text).toBe(
      "Given a registered user, when they submit a wrong password 5 times within 10 minutes, then the API responds 429 and the account is locked for 15 minutes.",
    );
  });

  it("keeps items without an id, records clarification markers, and ignores fenced headings", () => {
    const text = [
      "---",
      "id: SPEC-0001",
      "title: T",
      "status: draft",
      "domains: []",
      "owner: o",
      "---",
      "## Acceptance criteria",
      "- no id here",
      "",
      "```",
      "## Not a heading",
      "```",
      "## Clarifications",
      "- [NEEDS CLARIFICATION: how many retries?]",
    ].join("\n");
    const { spec } = parseSpec(text, "specs/SPEC-0001-t.md");
    expect(spec?.criteria).toEqual([{ id: "", text: "no id here", line: 9 }]);
    expect(spec?.sections.map((section) => section.name)).toEqual([
      "Acceptance criteria",
      "Clarifications",
    ]);
    expect(spec?.clarificationMarkers).toEqual([{ question: "how many retries?", line: 15 }]);
    expect(spec?.clarifications).toBe("- [NEEDS CLARIFICATION: how many retries?]");
  });

  it("reports a missing frontmatter at 1:1 and returns no spec", () => {
    const { spec, problems } = parseSpec("# Just a title\n", "specs/x.md");
    expect(spec).toBeUndefined();
    expect(problems).toMatchObject([{ code: "JIG-S001", path: "specs/x.md", line: 1, column: 1 }]);
  });

  it("reports an unclosed frontmatter", () => {
    const { spec, problems } = parseSpec("---\nid: SPEC-0001\n", "specs/x.md");
    expect(spec).toBeUndefined();
    expect(problems[0]?.code).toBe("JIG-S001");
    expect(problems[0]?.message).toMatch(/never closed/);
  });

  it("reports YAML syntax errors at their file line and column", () => {
    const text = "---\nid: SPEC-0001\ntitle: [oops\nstatus: draft\n---\n";
    const { spec, problems } = parseSpec(text, "specs/x.md");
    expect(spec).toBeUndefined();
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ code: "JIG-S002", path: "specs/x.md" });
    // The frontmatter starts on file line 2, so the error is on line 3 or later, never line 1.
    expect(problems[0]?.line).toBeGreaterThanOrEqual(3);
    expect(problems[0]?.column).toBeGreaterThanOrEqual(1);
  });

  it("reports every invalid, missing and unknown frontmatter field with line:col", () => {
    const text = "---\nid: SPEC-7\ntitle: x\nstatus: done\nowner: a\nextra: 1\n---\n";
    const { spec, problems } = parseSpec(text, "specs/x.md");
    expect(spec).toBeUndefined();
    const byMessage = (fragment: string) =>
      problems.find((problem) => problem.message.includes(fragment));
    expect(problems.every((problem) => problem.code === "JIG-S003")).toBe(true);
    expect(byMessage('"id"')).toMatchObject({ line: 2, column: 5 });
    expect(byMessage('"status": unknown value "done"')).toMatchObject({ line: 4, column: 9 });
    expect(byMessage('unknown key "extra"')).toMatchObject({ line: 6, column: 1 });
    expect(byMessage('"domains": missing required field')).toBeDefined();
  });

  it("rejects an approval record that is not who, when and a sha256 hash", () => {
    const text = [
      "---",
      "id: SPEC-0001",
      "title: T",
      "status: approved",
      "approval:",
      "  by: ''",
      "  at: yesterday",
      "  hash: md5:abc",
      "  note: looks fine",
      "domains: []",
      "owner: o",
      "---",
    ].join("\n");
    const { spec, problems } = parseSpec(text, "specs/SPEC-0001-t.md");
    expect(spec).toBeUndefined();
    expect(problems.map((problem) => [problem.code, problem.line])).toEqual([
      ["JIG-S003", 6],
      ["JIG-S003", 7],
      ["JIG-S003", 8],
      ["JIG-S003", 9],
    ]);
  });
});

describe("sectionKey", () => {
  it("matches headings case- and space-insensitively", () => {
    expect(sectionKey("Acceptance  Criteria ")).toBe("acceptance criteria");
    expect(sectionKey("out of scope")).toBe("out of scope");
  });

  it("does not take a name every object inherits for a section", () => {
    for (const heading of ["Constructor", "toString", "__proto__", "hasOwnProperty"]) {
      expect(sectionKey(heading), heading).toBeUndefined();
    }
  });
});
