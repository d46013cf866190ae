import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { codeRegexVerdictKey, openCodeRegexVerdictFile } from "./code-regex-verdict-file.js";
import type { RegexSafetyChecker, RegexVerdict } from "./regex-safety.js";
import { REGEX_CHECKER_ID } from "./regex-safety.js";
import { createUnsafeRegexScan } from "./unsafe-regex-scan.js";

/** A checker that counts its calls and answers from a table (unknown otherwise). */
function countingChecker(answers: Record<string, RegexVerdict>): RegexSafetyChecker & {
  calls: string[];
} {
  const calls: string[] = [];
  return {
    calls,
    async check(source) {
      calls.push(source);
      const status = answers[source] ?? "unknown";
      return status === "vulnerable"
        ? { status, complexity: "exponential", attack: "'a'.repeat(31) + '!'" }
        : { status };
    },
  };
}

function added(texts: string[]) {
  return { texts, lines: texts.map((_, index) => index + 1), blob: texts.join("\n") };
}

describe("code regex verdict file (.jig/cache)", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "jig-code-regex-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("lets a second scan (a second process) report a vulnerable regex without asking the checker again", async () => {
    const path = join(dir, "code-regex-verdicts.json");
    const lines = added([
      "const bad = /^(a+)+$/;",
      "const fine = /^(\\w+\\s?)+x$/;",
      "const slow = /^(b|b?)+$/;",
    ]);
    const answers: Record<string, RegexVerdict> = {
      "^(a+)+$": "vulnerable",
      "^(\\w+\\s?)+x$": "safe",
    };

    const first = countingChecker(answers);
    const store = await openCodeRegexVerdictFile(path);
    const hits = await createUnsafeRegexScan(first, store).scan("src/a.js", lines, "exponential");
    await store.save();
    expect(hits.map((hit) => hit.regex.source)).toEqual(["^(a+)+$"]);
    expect(first.calls.sort()).toEqual(["^(\\w+\\s?)+x$", "^(a+)+$", "^(b|b?)+$"].sort());

    const second = countingChecker({});
    const reopened = await openCodeRegexVerdictFile(path);
    const again = await createUnsafeRegexScan(second, reopened).scan(
      "src/b.js",
      lines,
      "exponential",
    );
    // The unsettled one (a timeout) is asked again; the settled two come from the file.
    expect(second.calls).toEqual(["^(b|b?)+$"]);
    expect(again).toEqual([
      expect.objectContaining({
        line: 1,
        complexity: "exponential",
        attack: "'a'.repeat(31) + '!'",
      }),
    ]);
    const stored = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
    expect(Object.keys(stored).sort()).toEqual(
      [codeRegexVerdictKey("^(\\w+\\s?)+x$", ""), codeRegexVerdictKey("^(a+)+$", "")].sort(),
    );
    expect(codeRegexVerdictKey("x", "i")).toBe(`${REGEX_CHECKER_ID} automaton /x/i`);
  });

  it("treats a corrupt or forged-shape file as empty, so the checker decides", async () => {
    const path = join(dir, "code-regex-verdicts.json");
    writeFileSync(path, "{ not json");
    expect((await openCodeRegexVerdictFile(path)).get("^(a+)+$", "")).toBeUndefined();
    writeFileSync(
      path,
      JSON.stringify({ [codeRegexVerdictKey("^(a+)+$", "")]: { status: "vulnerable" } }),
    );
    // A vulnerable verdict without its complexity is not a verdict this version wrote.
    expect((await openCodeRegexVerdictFile(path)).get("^(a+)+$", "")).toBeUndefined();
  });
});
