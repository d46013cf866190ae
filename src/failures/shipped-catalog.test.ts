import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../config/index.js";
import { loadAstEngine } from "./ast-engine.js";
import { compileCatalog } from "./compile-catalog.js";
import { compilePattern } from "./compile-pattern.js";
import { lintCatalog } from "./lint-catalog.js";
import {
  loadCatalog,
  openVerdictFile,
  SHIPPED_CATALOG_DIR,
  SHIPPED_VERDICTS_FILE,
} from "./load-catalog.js";
import { regexVerdictKey } from "./regex-safety.js";
import { testExamples } from "./test-examples.js";

/** The shipped catalog alone: a fresh repo with no project entries. */
async function shipped() {
  const root = mkdtempSync(join(tmpdir(), "jig-shipped-"));
  try {
    return await loadCatalog({ repoRoot: root, config: defaultConfig() });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe("the shipped starter catalog", () => {
  it("joined-lines pre-checks never hide a line that matches", async () => {
    const catalog = await shipped();
    const { detectors } = compileCatalog(catalog.entries);
    // Every example line of the catalog, joined in several orders around other text.
    const lines = catalog.entries.flatMap((entry) =>
      [...entry.examples.bad, ...entry.examples.good].flatMap((example) => {
        const text =
          typeof example === "string"
            ? example
            : [example.code, example.before, example.after].filter(Boolean).join("\n");
        return text.split("\n");
      }),
    );
    const edges = ["", " ", "x", "\t(", "-->"];
    let checked = 0;
    for (const detector of detectors) {
      for (const pattern of [detector.added, detector.removed]) {
        if (!pattern?.joined) continue;
        for (const line of lines) {
          if (!pattern.regex.test(line)) continue;
          for (const edge of edges) {
            const blob = [edge, line, edge].join("\n");
            expect([detector.entry.id, line, pattern.joined.test(blob)]).toEqual([
              detector.entry.id,
              line,
              true,
            ]);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    // A lookaround could see past the line's end: no joined regex for it.
    expect(compilePattern("foo(?!\\s)").joined).toBeUndefined();
    expect(compilePattern("(?<!\\S)bar").joined).toBeUndefined();
    expect(compilePattern("^\\s*return\\s+true$").joined?.flags).toBe("m");
  });

  it("has at least 50 entries across at least 8 domains, each with examples and a source", async () => {
    const catalog = await shipped();
    expect(catalog.problems).toEqual([]);
    expect(catalog.entries.length).toBeGreaterThanOrEqual(50);
    expect(new Set(catalog.entries.map((entry) => entry.domain)).size).toBeGreaterThanOrEqual(8);
    for (const entry of catalog.entries) {
      expect(entry.origin).toBe("shipped");
      expect(entry.examples.bad.length, entry.id).toBeGreaterThanOrEqual(1);
      expect(entry.examples.good.length, entry.id).toBeGreaterThanOrEqual(1);
      expect(entry.source.length, entry.id).toBeGreaterThan(10);
      // Reviewer-only entries (classes the real-world corpus shows no detector
      // reaches) deliberately have none; every other entry must.
      if (entry.domain === "reviewer-only") expect(entry.detect, entry.id).toBeUndefined();
      else expect(entry.detect, entry.id).toBeDefined();
    }
  });

  it("lints clean, and every shipped regex has a shipped 'safe' ReDoS verdict", async () => {
    const catalog = await shipped();
    const seed = await openVerdictFile(join(SHIPPED_CATALOG_DIR, SHIPPED_VERDICTS_FILE));
    const missing: string[] = [];
    const lint = await lintCatalog(catalog.entries, {
      // Every verdict must come from the seed: a regex missing from it fails here,
      // so `jig check` on a fresh repo never waits on the checker.
      checker: {
        async check(source, flags) {
          const verdict = seed.get(regexVerdictKey(source, flags));
          if (!verdict) missing.push(`/${source}/${flags}`);
          return { status: verdict ?? "unknown" };
        },
      },
      astEngine: loadAstEngine(),
    });
    expect(missing).toEqual([]);
    expect(lint.problems).toEqual([]);
  });

  it("passes its own examples (jig failures test)", async () => {
    const catalog = await shipped();
    const lint = await lintCatalog(catalog.entries, {
      checker: { check: async () => ({ status: "safe" }) },
    });
    const mismatches = [];
    for (const detector of lint.detectors)
      mismatches.push(...(await testExamples(detector, { loadAstEngine })));
    expect(mismatches).toEqual([]);
    expect(lint.detectors).toHaveLength(catalog.entries.length);
  });

  it("covers every area the catalog promises", async () => {
    const ids = new Set((await shipped()).entries.map((entry) => entry.id));
    for (const id of [
      "FM-INFRA-001",
      "FM-INFRA-002",
      "FM-INFRA-004",
      "FM-INFRA-005",
      "FM-INFRA-006",
      "FM-DB-001",
      "FM-DB-003",
      "FM-DB-004",
      "FM-DB-005",
      "FM-SECRET-001",
      "FM-SECRET-003",
      "FM-SECRET-004",
      "FM-SECRET-005",
      "FM-SECRET-006",
      "FM-TEST-001",
      "FM-TEST-002",
      "FM-TEST-003",
      "FM-TEST-004",
      "FM-TEST-005",
      "FM-TEST-006",
      "FM-TEST-007",
      "FM-TEST-008",
      "FM-ERR-001",
      "FM-ERR-003",
      "FM-ERR-004",
      "FM-ERR-005",
      "FM-SEC-001",
      "FM-SEC-003",
      "FM-SEC-004",
      "FM-SEC-005",
      "FM-SEC-006",
      "FM-CI-001",
      "FM-CI-002",
      "FM-CI-003",
      "FM-CI-004",
      "FM-DEP-001",
      "FM-DEP-002",
      "FM-DEP-003",
      "FM-MONEY-001",
      "FM-TIME-001",
      "FM-INT-001",
    ]) {
      expect(ids.has(id), id).toBe(true);
    }
  });
});
