import { describe, expect, it } from "vitest";
import type { Change, ChangedFile } from "../core/index.js";
import { catalogEntry } from "./__fixtures__/catalog-entry.js";
import { changeOf } from "./__fixtures__/change-of.js";
import { loadAstEngine } from "./ast-engine.js";
import { compileCatalog } from "./compile-catalog.js";
import { compilePattern, requiredLiterals } from "./compile-pattern.js";
import type { CatalogEntry } from "./failure-model.js";
import { createHunkReader } from "./post-change-reader.js";
import { MAX_FILE_BYTES, runDetectors } from "./run-detectors.js";

const entry = catalogEntry;

const NEW_FILE = `diff --git a/src/a.ts b/src/a.ts
new file mode 100644
--- /dev/null
+++ b/src/a.ts
@@ -0,0 +1,4 @@
+const key = "AKIAIOSFODNN7EXAMPLE";
+try {
+  run();
+} catch (error) {}
`;

const EDIT = `diff --git a/src/routes.ts b/src/routes.ts
--- a/src/routes.ts
+++ b/src/routes.ts
@@ -1,3 +1,3 @@
 import { router } from "./router";
-router.get("/orders", requireAuth, list);
+router.get("/orders", list);
 export default router;
`;

const DELETION = `diff --git a/src/cart.test.ts b/src/cart.test.ts
deleted file mode 100644
--- a/src/cart.test.ts
+++ /dev/null
@@ -1,1 +0,0 @@
-it("adds", () => {});
`;

async function run(
  entries: CatalogEntry[],
  diff: string,
  readFile = createHunkReader(changeOf(diff)),
) {
  const { detectors, problems } = compileCatalog(entries);
  expect(problems).toEqual([]);
  return runDetectors(changeOf(diff), detectors, { readFile, loadAstEngine });
}

describe("runDetectors", () => {
  it("added: fires on each matching added line, with the model's id, severity, symptoms and fix", async () => {
    const { findings } = await run(
      [entry("FM-SECRET-001", { added: "\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b" })],
      NEW_FILE,
    );
    expect(findings).toEqual([
      {
        ruleId: "FM-SECRET-001",
        severity: "high",
        file: "src/a.ts",
        line: 1,
        title: "title of FM-SECRET-001",
        message: expect.stringContaining("Symptoms: s1; s2"),
        suggestion: "the fix",
      },
    ]);
  });

  it("removed: fires on a removed line, pointing at where it was in the new file", async () => {
    const { findings } = await run([entry("FM-SEC-006", { removed: "\\brequireAuth\\b" })], EDIT);
    expect(findings.map((finding) => [finding.ruleId, finding.file, finding.line])).toEqual([
      ["FM-SEC-006", "src/routes.ts", 2],
    ]);
  });

  it("absent: fires when the post-change file lacks the pattern, not when it has it", async () => {
    const lacking = await run(
      [entry("FM-X-001", { added: "catch", absent: "logger\\." })],
      NEW_FILE,
    );
    expect(lacking.findings.map((finding) => finding.line)).toEqual([4]);
    const having = await run([entry("FM-X-001", { added: "catch", absent: "run\\(" })], NEW_FILE);
    expect(having.findings).toEqual([]);
  });

  it("ast: matches only nodes that touch added lines of the post-change file", async () => {
    const rule = { kind: "catch_clause", has: { kind: "statement_block", regex: "^\\{\\s*\\}$" } };
    const hit = await run([entry("FM-ERR-001", { ast: { rule } })], NEW_FILE);
    expect(hit.findings.map((finding) => [finding.ruleId, finding.line])).toEqual([
      ["FM-ERR-001", 4],
    ]);
    // Same file content, but the empty catch is an unchanged (context) line.
    const context = `diff --git a/src/a.ts b/src/a.ts
--- a/src/a.ts
+++ b/src/a.ts
@@ -1,3 +1,4 @@
+const x = 1;
 try {
   run();
 } catch (error) {}
`;
    const content = "const x = 1;\ntry {\n  run();\n} catch (error) {}\n";
    const miss = await run([entry("FM-ERR-001", { ast: { rule } })], context, async () => content);
    expect(miss.findings).toEqual([]);
  });

  it("fileDeleted: fires when a file matched by appliesTo is deleted", async () => {
    const tests = entry("FM-TEST-004", { fileDeleted: true }, ["**/*.test.*"]);
    const { findings } = await run([tests], DELETION);
    expect(findings).toEqual([
      expect.objectContaining({ ruleId: "FM-TEST-004", file: "src/cart.test.ts" }),
    ]);
    const other = await run([entry("FM-TEST-004", { fileDeleted: true }, ["**/*.py"])], DELETION);
    expect(other.findings).toEqual([]);
  });

  it("several keys are ANDed within one file", async () => {
    const both = entry("FM-TEST-006", { removed: "requireAuth", added: "router\\.get" });
    expect((await run([both], EDIT)).findings).toHaveLength(1);
    const onlyOne = entry("FM-TEST-006", { removed: "requireAuth", added: "nothing-like-this" });
    expect((await run([onlyOne], EDIT)).findings).toEqual([]);
  });

  it("added + ast: points only at lines both matched, not at every line the regex matched", async () => {
    const diff = `diff --git a/src/refunds.js b/src/refunds.js
new file mode 100644
--- /dev/null
+++ b/src/refunds.js
@@ -0,0 +1,7 @@
+export function decide(request) {
+  try {
+    return { decision: "approved" };
+  } catch (error) {
+    return { ok: true };
+  }
+}
`;
    const rule = {
      kind: "return_statement",
      regex: "^return\\s+\\{\\s*ok",
      inside: { kind: "catch_clause", stopBy: "end" },
    };
    const detector = entry("FM-ERR-003", { added: "return\\s+\\{", ast: { rule } });
    const { findings } = await run([detector], diff);
    expect(findings.map((finding) => finding.line)).toEqual([5]);
  });

  it("appliesTo limits the files a detector looks at", async () => {
    const { findings } = await run([entry("FM-X-002", { added: "AKIA" }, ["**/*.py"])], NEW_FILE);
    expect(findings).toEqual([]);
  });

  it("skips binary files and files over 1 MB, and reports them", async () => {
    const binary: ChangedFile = {
      path: "logo.png",
      status: "added",
      binary: true,
      additions: 0,
      deletions: 0,
      hunks: [],
    };
    const huge = "x".repeat(MAX_FILE_BYTES + 10);
    const large: ChangedFile = {
      path: "big.js",
      status: "added",
      binary: false,
      additions: 1,
      deletions: 0,
      hunks: [
        {
          oldStart: 0,
          oldLines: 0,
          newStart: 1,
          newLines: 1,
          header: "",
          lines: [{ kind: "add", newLine: 1, text: huge }],
        },
      ],
    };
    const change: Change = {
      ...changeOf(NEW_FILE),
      files: [binary, large, ...changeOf(NEW_FILE).files],
    };
    const { detectors } = compileCatalog([entry("FM-X-003", { added: "x" })]);
    const result = await runDetectors(change, detectors);
    expect(result.skipped).toEqual([
      { path: "logo.png", reason: "binary" },
      { path: "big.js", reason: "too-large" },
    ]);
    expect(result.filesScanned).toBe(1);
  });

  it("counts the newlines between added lines toward the 1 MB limit, exactly at the boundary", async () => {
    // Two added lines of (limit - 1) / 2 characters join to exactly the limit:
    // scanned. One more character anywhere tips it over: skipped.
    const half = (MAX_FILE_BYTES - 1) / 2;
    const fileOf = (path: string, extra: number): ChangedFile => ({
      path,
      status: "added",
      binary: false,
      additions: 2,
      deletions: 0,
      hunks: [
        {
          oldStart: 0,
          oldLines: 0,
          newStart: 1,
          newLines: 2,
          header: "",
          lines: [
            { kind: "add", newLine: 1, text: "x".repeat(Math.floor(half)) },
            { kind: "add", newLine: 2, text: "x".repeat(Math.ceil(half) + extra) },
          ],
        },
      ],
    });
    const change: Change = {
      ...changeOf(NEW_FILE),
      files: [fileOf("at-limit.js", 0), fileOf("over-limit.js", 1)],
    };
    const { detectors } = compileCatalog([entry("FM-X-004", { added: "x" })]);
    const result = await runDetectors(change, detectors);
    expect(result.skipped).toEqual([{ path: "over-limit.js", reason: "too-large" }]);
    expect(result.filesScanned).toBe(1);
  });

  it("the literal pre-filter never hides a match (overlapping and contained literals)", async () => {
    const entries = [
      entry("FM-L-001", { added: "token_1\\b" }),
      entry("FM-L-002", { added: "token_12\\b" }),
      entry("FM-L-003", { added: "(?i)cdef" }),
    ];
    const diff = `diff --git a/x.txt b/x.txt
new file mode 100644
--- /dev/null
+++ b/x.txt
@@ -0,0 +1,2 @@
+token_12 and token_1
+abCDEF
`;
    const { findings } = await run(entries, diff);
    expect(findings.map((finding) => finding.ruleId).sort()).toEqual([
      "FM-L-001",
      "FM-L-002",
      "FM-L-003",
    ]);
  });
});

describe("literal gating", () => {
  it("a case-sensitive pattern whose literal shows up in another case still decides by its regex", async () => {
    const entries = [
      entry("FM-C-001", { added: "DROP TABLE" }),
      entry("FM-C-002", { added: "(?i)drop table" }),
    ];
    const diff = `diff --git a/x.sql b/x.sql
new file mode 100644
--- /dev/null
+++ b/x.sql
@@ -0,0 +1,2 @@
+drop table users;
+DROP TABLE orders;
`;
    const { findings } = await run(entries, diff);
    expect(findings.map((finding) => `${finding.ruleId}:${finding.line}`)).toEqual([
      "FM-C-001:2",
      "FM-C-002:1",
      "FM-C-002:2",
    ]);
  });

  it("visits each detector once, in catalog order, whichever of its literals picked it", async () => {
    const entries = [
      entry("FM-G-001", { added: "alpha|beta" }, ["**/*.ts"]),
      entry("FM-G-002", { added: "\\d+" }),
      entry("FM-G-003", { added: "(?i)gamma|delta" }),
      entry("FM-G-004", { added: "beta" }, ["**/*.ts"]),
      entry("FM-G-005", { added: "zeta" }),
    ];
    const diff = `diff --git a/x.ts b/x.ts
new file mode 100644
--- /dev/null
+++ b/x.ts
@@ -0,0 +1,2 @@
+alpha beta 1
+GAMMA delta beta
`;
    const { findings } = await run(entries, diff);
    expect(findings.map((finding) => `${finding.ruleId}:${finding.line}`)).toEqual([
      "FM-G-001:1",
      "FM-G-001:2",
      "FM-G-004:1",
      "FM-G-004:2",
      "FM-G-002:1",
      "FM-G-003:2",
    ]);
  });
});

describe("required literals", () => {
  it("gates on every required run, not only the longest", async () => {
    const entries = [entry("FM-R-001", { added: "\\bawait\\s+fetch\\s*\\(" })];
    const { detectors } = compileCatalog(entries);
    expect(detectors[0]?.added).toMatchObject({ literals: ["await"], alsoRequired: ["fetch"] });
    const diff = `diff --git a/x.ts b/x.ts
new file mode 100644
--- /dev/null
+++ b/x.ts
@@ -0,0 +1,3 @@
+const a = await load();
+const b = await fetch(url);
+const c = fetch;
`;
    const { findings } = await run(entries, diff);
    expect(findings.map((finding) => finding.line)).toEqual([2]);
    expect(compilePattern("colou?r_name").alsoRequired).toEqual(["colo"]);
    expect(compilePattern("(?i)Drop\\s+TABLE").alsoRequired).toEqual(["drop"]);
    expect(compilePattern("\\b(?:AKIA|ASIA)[0-9A-Z]{16}").alsoRequired).toBeUndefined();
  });
});

describe("requiredLiterals", () => {
  it("reads required strings off a pattern, or none when a branch has none", () => {
    expect(requiredLiterals("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b")).toEqual(["AKIA", "ASIA"]);
    expect(requiredLiterals("drop\\s+table")).toEqual(["table"]);
    expect(requiredLiterals("colou?r_name")).toEqual(["r_name"]);
    expect(requiredLiterals("ab|\\d+")).toBeUndefined();
    expect(requiredLiterals("(?:foo)?\\d+")).toBeUndefined();
  });
});
