import { describe, expect, it } from "vitest";
import { catalogEntry } from "./__fixtures__/catalog-entry.js";
import { compileCatalog } from "./compile-catalog.js";
import { exampleToChange } from "./example-change.js";
import { findCodeRegexes } from "./find-code-regexes.js";
import { runDetectors } from "./run-detectors.js";
import { mayBacktrack } from "./screen-regex.js";
import { createUnsafeRegexScan } from "./unsafe-regex-scan.js";

const pick = (line: string, language: "javascript" | "python" | "go") =>
  findCodeRegexes(line, language).map(({ source, flags }) => `/${source}/${flags}`);

describe("findCodeRegexes", () => {
  it("reads JavaScript literals and RegExp string arguments, not division, strings or comments", () => {
    expect(pick("const re = /^(a+)+$/gi;", "javascript")).toEqual(["/^(a+)+$/gi"]);
    expect(pick("if (/[/]x\\/y/.test(s)) return;", "javascript")).toEqual(["/[/]x\\/y/"]);
    expect(pick("return /\\d+/.exec(s);", "javascript")).toEqual(["/\\d+/"]);
    expect(pick("const half = total / 2 / count;", "javascript")).toEqual([]);
    expect(pick('const url = "http://a/b/c"; // /(a+)+/', "javascript")).toEqual([]);
    expect(pick('new RegExp("^(\\\\w+\\\\s?)*$", "u")', "javascript")).toEqual([
      "/^(\\w+\\s?)*$/u",
    ]);
    expect(pick("const r = RegExp('a|b');", "javascript")).toEqual(["/a|b/"]);
  });

  it("reads Python re.* calls (raw or not, with flags) and only regexp2 in Go", () => {
    expect(pick('P = re.compile(r"^(?P<w>\\w+\\s?)*$", re.I)', "python")).toEqual([
      "/^(?<w>\\w+\\s?)*$/i",
    ]);
    expect(pick("m = re.match('(?i)a\\\\d+', s)", "python")).toEqual(["/a\\d+/i"]);
    expect(pick('# re.compile(r"(a+)+")', "python")).toEqual([]);
    expect(pick("var r = regexp2.MustCompile(`(a+)+$`, regexp2.IgnoreCase)", "go")).toEqual([
      "/(a+)+$/i",
    ]);
    // The standard regexp package is RE2: linear whatever the pattern.
    expect(pick("var r = regexp.MustCompile(`(a+)+$`)", "go")).toEqual([]);
  });
});

describe("mayBacktrack (the screen before recheck)", () => {
  it("lets through only repeated groups that branch, at the exponential level", () => {
    for (const source of ["(a+)+$", "^(\\w+\\s?)*$", "(a|ab)*c", "(?:x(?:y|z)+){2,}", "((ab)*)+"])
      expect(mayBacktrack(source, "exponential"), source).toBe(true);
    for (const source of [
      "^\\d+$",
      "\\s+$",
      "(ab)*",
      "[(a+)+]*",
      "\\(a+\\)+",
      "(?:abc)+",
      "a(b|c)d",
    ])
      expect(mayBacktrack(source, "exponential"), source).toBe(false);
    // Repetitions led by a delimiter no later atom can match are linear, so they skip recheck.
    for (const source of [
      "^\\d+(?:\\.\\d+)*$",
      "(?:,\\s?[a-z]+)*",
      "(?:/[^/]+)*",
      "(?<part>-\\w+)+",
    ])
      expect(mayBacktrack(source, "exponential"), source).toBe(false);
    for (const source of ["(?:\\.\\d+\\.?)*", "(?:/.+)*", "(?:,\\d+\\d*)*", "(?:,(a|a))*"])
      expect(mayBacktrack(source, "exponential"), source).toBe(true);
    expect(mayBacktrack("\\s+$", "polynomial")).toBe(true);
    expect(mayBacktrack("^abc$", "polynomial")).toBe(false);
  });
});

describe("detect.unsafeRegex", () => {
  const entry = catalogEntry("FM-REDOS-900", { unsafeRegex: true, skipTestFiles: true });

  async function findingsFor(path: string, code: string, detect = entry.detect) {
    const model = { ...entry, ...(detect ? { detect } : {}) };
    const { detectors } = compileCatalog([model]);
    const { change, content } = exampleToChange(model, { path, code });
    return (await runDetectors(change, detectors, { readFile: async () => content })).findings;
  }

  it("reports an exponential regex in each language with recheck's attack string", async () => {
    const cases: Array<[string, string]> = [
      ["src/a.ts", "const re = /^(a+)+$/;"],
      ["src/a.js", 'const re = new RegExp("^(\\\\w+\\\\s?)*$");'],
      ["app/a.py", 'R = re.compile(r"^([a-z0-9]+\\.?)*@x\\.com$")'],
      ["pkg/a.go", "var r = regexp2.MustCompile(`^(\\w+\\s?)*$`, 0)"],
    ];
    for (const [path, code] of cases) {
      const findings = await findingsFor(path, code);
      expect(findings, path).toHaveLength(1);
      expect(findings[0]?.line).toBe(1);
      expect(findings[0]?.message, path).toMatch(/backtracks catastrophically \(exponential\)/);
      expect(findings[0]?.message, path).toMatch(/Attack string: '.*'\.repeat\(\d+\)/);
    }
  }, 30_000);

  it("stays quiet on linear regexes, on polynomial ones unless asked, and in test files", async () => {
    expect(await findingsFor("src/a.ts", "const ok = /^\\w+(?:\\s\\w+)*$/;")).toEqual([]);
    expect(await findingsFor("src/a.ts", "const trailing = /\\s+$/;")).toEqual([]);
    expect(await findingsFor("src/a.test.ts", "const re = /^(a+)+$/;")).toEqual([]);
    const polynomial = await findingsFor("src/a.ts", "const trailing = /\\s+$/;", {
      unsafeRegex: "polynomial",
    });
    expect(polynomial).toHaveLength(1);
    expect(polynomial[0]?.message).toContain("(polynomial)");
  }, 30_000);

  it("checks each distinct pattern once, however often it is added", async () => {
    let calls = 0;
    const scan = createUnsafeRegexScan({
      async check() {
        calls++;
        return { status: "vulnerable", complexity: "exponential", attack: "'a'.repeat(30)" };
      },
    });
    const texts = ["/(a+)+$/", "x = /(a+)+$/;", "y = /(b|bb)*c/;", "z = /^\\d+$/;"];
    const added = { texts, lines: [1, 2, 3, 4], blob: texts.join("\n") };
    const hits = await scan.scan("src/a.js", added, "exponential");
    expect(hits.map((hit) => hit.line)).toEqual([1, 2, 3]);
    await scan.scan("src/b.js", added, "exponential");
    // Two distinct suspicious patterns; `^\d+$` never reaches the checker.
    expect(calls).toBe(2);
  });
});
