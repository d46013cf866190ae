import { describe, expect, it } from "vitest";
import { loadAstEngine } from "./ast-engine.js";
import { compileCatalog } from "./compile-catalog.js";
import { lintCatalog } from "./lint-catalog.js";
import { parseCatalogFile } from "./parse-catalog-file.js";
import { createRecheckChecker, type RegexSafetyChecker } from "./regex-safety.js";

const PATH = "failure-models/sql.yaml";

function entry(id: string, detect: string, extra = ""): string {
  return `  - id: ${id}
    title: Something specific
    severity: high
    trigger: When it happens.
    symptoms: [it breaks]
    fix: Do the right thing.
    source: an incident
${extra}    detect:
${detect}
    examples:
      bad: ["DROP TABLE x;"]
      good: ["SELECT 1;"]
`;
}

const safe: RegexSafetyChecker = { check: async () => ({ status: "safe" }) };

describe("parseCatalogFile", () => {
  it("parses entries and remembers where each one and its detector fields are", () => {
    const text = `domain: sql\nfailures:\n${entry("FM-SQL-001", "      added: '(?i)drop\\s+table'")}`;
    const { entries, problems } = parseCatalogFile(text, PATH, "shipped");
    expect(problems).toEqual([]);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      id: "FM-SQL-001",
      domain: "sql",
      origin: "shipped",
      file: PATH,
      line: 3,
      column: 5,
    });
    expect(entries[0]?.locations.added).toEqual({ line: 11, column: 14 });
  });

  it("reports invalid YAML as one line with line:col", () => {
    const { problems } = parseCatalogFile(
      "domain: sql\nfailures:\n  - id: [unclosed\n  title: x\n",
      PATH,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: "yaml/syntax", path: PATH });
    expect(problems[0]?.line).toBeGreaterThanOrEqual(3);
  });

  it("points an unknown key at the key itself", () => {
    const text = `domain: sql\nfailures:\n${entry("FM-SQL-001", "      added: 'drop'", "    severity_level: 3\n")}`;
    const { problems } = parseCatalogFile(text, PATH);
    expect(problems).toEqual([
      expect.objectContaining({
        code: "catalog/unknown-key",
        line: 10,
        column: 5,
        message: expect.stringContaining("severity_level"),
      }),
    ]);
  });

  it("rejects a malformed id and a missing field", () => {
    const text = "domain: sql\nfailures:\n  - id: SQL-1\n    title: x\n";
    const codes = parseCatalogFile(text, PATH).problems.map((problem) => problem.message);
    expect(codes.some((message) => message.includes("FM-SQL-001"))).toBe(true);
    expect(codes.some((message) => message.includes("severity"))).toBe(true);
  });

  it("reports a duplicate id at the second entry, naming the first", () => {
    const text = `domain: sql\nfailures:\n${entry("FM-SQL-001", "      added: 'a'")}${entry("FM-SQL-001", "      added: 'b'")}`;
    const { problems } = parseCatalogFile(text, PATH);
    expect(problems).toEqual([
      expect.objectContaining({
        code: "catalog/duplicate-id",
        line: 15,
        column: 5,
        message: expect.stringContaining(`${PATH}:3:5`),
      }),
    ]);
  });
});

describe("compileCatalog and lintCatalog", () => {
  it("reports a regex that does not compile at the regex's line:col", () => {
    const text = `domain: sql\nfailures:\n${entry("FM-SQL-001", "      added: 'drop (table'")}`;
    const { entries } = parseCatalogFile(text, PATH);
    const { detectors, problems } = compileCatalog(entries);
    expect(detectors).toHaveLength(0);
    expect(problems).toEqual([
      expect.objectContaining({ code: "catalog/bad-regex", path: PATH, line: 11, column: 14 }),
    ]);
  });

  it("reports a ReDoS-prone regex as an error, found by recheck", async () => {
    const text = `domain: sql\nfailures:\n${entry("FM-SQL-001", "      added: '^(a+)+$'")}`;
    const { entries } = parseCatalogFile(text, PATH);
    const lint = await lintCatalog(entries, { checker: createRecheckChecker() });
    expect(lint.problems).toEqual([
      expect.objectContaining({
        code: "catalog/redos",
        line: 11,
        column: 14,
        message: expect.stringContaining("catastrophic backtracking"),
      }),
    ]);
    expect(lint.detectors).toHaveLength(0);
  });

  it("reports an ast-grep rule ast-grep rejects, and an unknown language", async () => {
    const bad = `      ast:\n        rule:\n          kindd: catch_clause`;
    const language = `      ast:\n        language: cobol\n        rule:\n          kind: x`;
    const text = `domain: sql\nfailures:\n${entry("FM-SQL-001", bad)}${entry("FM-SQL-002", language)}`;
    const { entries } = parseCatalogFile(text, PATH);
    const lint = await lintCatalog(entries, { checker: safe, astEngine: loadAstEngine() });
    expect(lint.problems).toEqual([
      expect.objectContaining({
        code: "catalog/bad-ast-rule",
        line: 12,
        column: 9,
        message: expect.stringContaining("kindd"),
      }),
      expect.objectContaining({
        code: "catalog/bad-ast-rule",
        line: 26,
        column: 9,
        message: expect.stringContaining("cobol"),
      }),
    ]);
  });

  it("reports an ast pattern that does not parse, which ast-grep accepts but can never match", async () => {
    const broken = `      ast:\n        rule:\n          pattern: 'fetch($URL'`;
    const nested = `      ast:\n        language: python\n        rule:\n          kind: call\n          has:\n            pattern: 'print($$$ARGS'`;
    const fine = `      ast:\n        language: python\n        rule:\n          pattern: 'def $F($$$ARGS): $$$BODY'`;
    const text = `domain: sql\nfailures:\n${entry("FM-SQL-001", broken)}${entry("FM-SQL-002", nested)}${entry("FM-SQL-003", fine)}`;
    const { entries } = parseCatalogFile(text, PATH);
    const lint = await lintCatalog(entries, { checker: safe, astEngine: loadAstEngine() });
    expect(lint.problems).toEqual([
      expect.objectContaining({
        code: "catalog/bad-ast-rule",
        line: 12,
        message: expect.stringContaining("pattern `fetch($URL` does not parse as TypeScript"),
      }),
      expect.objectContaining({
        code: "catalog/bad-ast-rule",
        message: expect.stringContaining("pattern `print($$$ARGS` does not parse as python"),
      }),
    ]);
    expect(lint.detectors.map((detector) => detector.entry.id)).toEqual(["FM-SQL-003"]);
  });

  it("turns an undecided verdict into a warning, not an error", async () => {
    const text = `domain: sql\nfailures:\n${entry("FM-SQL-001", "      added: 'drop'")}`;
    const { entries } = parseCatalogFile(text, PATH);
    const lint = await lintCatalog(entries, {
      checker: { check: async () => ({ status: "unknown" }) },
    });
    expect(lint.problems).toEqual([
      expect.objectContaining({ code: "catalog/redos-unknown", severity: "warning" }),
    ]);
    expect(lint.detectors).toHaveLength(1);
  });
});
