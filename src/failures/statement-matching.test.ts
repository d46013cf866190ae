import { describe, expect, it } from "vitest";
import { catalogEntry } from "./__fixtures__/catalog-entry.js";
import { changeOf } from "./__fixtures__/change-of.js";
import { compileCatalog } from "./compile-catalog.js";
import type { CatalogEntry } from "./failure-model.js";
import { runDetectors } from "./run-detectors.js";

async function run(entries: CatalogEntry[], diff: string) {
  const { detectors, problems } = compileCatalog(entries);
  expect(problems).toEqual([]);
  return runDetectors(changeOf(diff), detectors);
}

const SQL_CONCAT = catalogEntry("FM-SEC-001", {
  added: "(?i)\\bquery\\s*\\(\\s*[\"'][^\"']*[\"']\\s*\\+",
});

describe("regex detectors match over a statement, not a line", () => {
  it("finds a call whose arguments run over several lines, at its first line with its endLine", async () => {
    const diff = `diff --git a/src/users.ts b/src/users.ts
new file mode 100644
--- /dev/null
+++ b/src/users.ts
@@ -0,0 +1,5 @@
+const id = req.params.id;
+const rows = await db.query(
+  "SELECT * FROM users WHERE id = " + id,
+);
+export default rows;
`;
    const { findings } = await run([SQL_CONCAT], diff);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 2, endLine: 4 });
    expect(findings[0]?.message).toContain(
      'Matched: `const rows = await db.query("SELECT * FROM users WHERE id = " + id,);`',
    );
  });

  it("sees an added argument inside an unchanged call, but not an unchanged match beside an added line", async () => {
    const touched = `diff --git a/src/users.ts b/src/users.ts
--- a/src/users.ts
+++ b/src/users.ts
@@ -1,3 +1,3 @@
 const rows = await db.query(
-  "SELECT * FROM users WHERE id = $1", [id],
+  "SELECT * FROM users WHERE id = " + id,
 );
`;
    expect((await run([SQL_CONCAT], touched)).findings.map((finding) => finding.line)).toEqual([1]);
    const untouched = `diff --git a/src/users.ts b/src/users.ts
--- a/src/users.ts
+++ b/src/users.ts
@@ -1,3 +1,4 @@
 const rows = await db.query(
   "SELECT * FROM users WHERE id = " + id,
+  { timeout: 5 },
 );
`;
    expect((await run([SQL_CONCAT], untouched)).findings).toEqual([]);
  });

  it("reports a statement once even when one of its lines matches alone", async () => {
    const diff = `diff --git a/src/users.ts b/src/users.ts
new file mode 100644
--- /dev/null
+++ b/src/users.ts
@@ -0,0 +1,3 @@
+const rows = await db.query("SELECT * FROM users WHERE id = " + id,
+  options,
+);
`;
    const { findings } = await run([SQL_CONCAT], diff);
    expect(findings.map((finding) => finding.line)).toEqual([1]);
    expect(findings[0]?.endLine).toBeUndefined();
  });

  it("Python: a call continued in brackets and a backslash continuation", async () => {
    const entry = catalogEntry("FM-SEC-002", { added: "\\bexecute\\s*\\(\\s*f[\"']" }, ["**/*.py"]);
    const diff = `diff --git a/app/users.py b/app/users.py
new file mode 100644
--- /dev/null
+++ b/app/users.py
@@ -0,0 +1,6 @@
+cursor.execute(
+    f"SELECT * FROM users WHERE id = {user_id}"
+)
+cursor.execute \\
+    (f"DELETE FROM users WHERE id = {user_id}")
+cursor.execute("SELECT 1")
`;
    const { findings } = await run([entry], diff);
    expect(findings.map((finding) => [finding.line, finding.endLine])).toEqual([
      [1, 3],
      [4, 5],
    ]);
  });

  it("a negative lookahead is judged on the whole statement, not the line cut short", async () => {
    const entry = catalogEntry(
      "FM-SEC-011",
      { added: "\\byaml\\.load\\s*\\((?![^)]*SafeLoader)" },
      ["**/*.py"],
    );
    const diff = `diff --git a/app/config.py b/app/config.py
new file mode 100644
--- /dev/null
+++ b/app/config.py
@@ -0,0 +1,8 @@
+safe = yaml.load(
+    stream,
+    Loader=yaml.SafeLoader,
+)
+unsafe = yaml.load(
+    stream,
+    Loader=yaml.FullLoader,
+)
`;
    const { findings } = await run([entry], diff);
    expect(findings.map((finding) => finding.line)).toEqual([5]);
  });
});

describe("detectors of rewritten lines report each block once", () => {
  it("a snapshot update is one finding per rewritten block, not one per line", async () => {
    const entry = catalogEntry("FM-TEST-007", { removed: "\\S", added: "\\S" }, ["**/*.snap"]);
    const diff = `diff --git a/src/__snapshots__/a.test.ts.snap b/src/__snapshots__/a.test.ts.snap
--- a/src/__snapshots__/a.test.ts.snap
+++ b/src/__snapshots__/a.test.ts.snap
@@ -1,8 +1,8 @@
 exports[\`invoice 1\`] = \`
-Total: 30
-Tax: 3
-Due: 33
+Total: 0
+Tax: 0
+Due: 0
 \`;
 exports[\`receipt 1\`] = \`
-Thanks
+Thanks!
 \`;
`;
    const { findings } = await run([entry], diff);
    expect(findings.map((finding) => [finding.line, finding.endLine])).toEqual([
      [2, 4],
      [7, undefined],
    ]);
  });
});
