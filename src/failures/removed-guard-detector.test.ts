import { describe, expect, it } from "vitest";
import { catalogEntry } from "./__fixtures__/catalog-entry.js";
import { type CompiledDetector, compileCatalog } from "./compile-catalog.js";
import { exampleToChange } from "./example-change.js";
import type { CatalogEntry, Detect } from "./failure-model.js";
import { isTestPath } from "./is-test-path.js";
import { runDetectors } from "./run-detectors.js";
import { testExamples } from "./test-examples.js";

const GUARD = "[\"'](?:__proto__|constructor)[\"']";

/** Run one entry on an edit of one file. */
async function runOn(detect: Detect, path: string, before: string, after: string) {
  const entry = catalogEntry("FM-GUARD-900", detect);
  const { detectors, problems } = compileCatalog([entry]);
  expect(problems).toEqual([]);
  const { change, content } = exampleToChange(entry, { path, before, after });
  return runDetectors(change, detectors, { readFile: async () => content });
}

const BEFORE = `function set(obj, key, value) {
  if (key === "__proto__") return obj;
  obj[key] = value;
}
`;
const AFTER = `function set(obj, key, value) {
  obj[key] = value;
}
`;

describe("removed-guard detectors (removed + unlessAdded + skipTestFiles)", () => {
  it("fires on the removed guard and names its old-file line and its place in the new file", async () => {
    const run = await runOn({ removed: GUARD }, "src/set.js", BEFORE, AFTER);
    expect(run.findings).toHaveLength(1);
    const [finding] = run.findings;
    expect(finding?.line).toBe(2);
    expect(finding?.message).toContain(
      'Removed line 2 of the old file (reported at line 2 of the new file, where it was): `if (key === "__proto__") return obj;`',
    );
  });

  it("stays quiet when an equivalent guard is added in the same file (unlessAdded)", async () => {
    const moved = `const BLOCKED = new Set(["__proto__", "constructor"]);
function set(obj, key, value) {
  if (BLOCKED.has(key)) return obj;
  obj[key] = value;
}
`;
    expect((await runOn({ removed: GUARD }, "src/set.js", BEFORE, moved)).findings).toHaveLength(1);
    expect(
      (await runOn({ removed: GUARD, unlessAdded: GUARD }, "src/set.js", BEFORE, moved)).findings,
    ).toEqual([]);
    // An unrelated added line does not cancel the removal.
    const unrelated = `${AFTER}export const version = 2;\n`;
    expect(
      (await runOn({ removed: GUARD, unlessAdded: GUARD }, "src/set.js", BEFORE, unrelated))
        .findings,
    ).toHaveLength(1);
  });

  it("ignores test files with skipTestFiles, and only then", async () => {
    for (const path of ["src/set.test.js", "test/set.js", "tests/test_set.py", "pkg/set_test.go"]) {
      expect(isTestPath(path), path).toBe(true);
      const run = await runOn({ removed: GUARD, skipTestFiles: true }, path, BEFORE, AFTER);
      expect(run.findings, path).toEqual([]);
    }
    expect(
      (await runOn({ removed: GUARD }, "src/set.test.js", BEFORE, AFTER)).findings,
    ).toHaveLength(1);
    for (const path of ["src/set.js", "src/contest.js", "app/testing_utils.py", "latest/x.go"])
      expect(isTestPath(path), path).toBe(false);
  });

  it("runs before/after examples as self-tests and reports a guard example that does not fire", async () => {
    const entry: CatalogEntry = {
      ...catalogEntry("FM-GUARD-901", { removed: GUARD, unlessAdded: GUARD, skipTestFiles: true }),
      examples: {
        bad: [{ path: "src/set.js", before: BEFORE, after: AFTER }],
        good: [
          { path: "src/set.js", before: BEFORE, after: BEFORE.replace("obj[key]", "obj[k]") },
          { path: "src/set.test.js", before: BEFORE, after: AFTER },
        ],
      },
    };
    const [detector] = compileCatalog([entry]).detectors;
    expect(await testExamples(detector as CompiledDetector)).toEqual([]);
    // A "bad" example where the guard is moved, not removed, must be reported as a mismatch.
    const wrong: CatalogEntry = {
      ...entry,
      examples: {
        bad: [{ path: "src/set.js", before: BEFORE, after: `${BEFORE}// "__proto__"\n` }],
        good: entry.examples.good,
      },
    };
    const [wrongDetector] = compileCatalog([wrong]).detectors;
    const mismatches = await testExamples(wrongDetector as CompiledDetector);
    expect(mismatches.map((mismatch) => mismatch.message)).toEqual([
      "bad example 1 (src/set.js) is not detected",
    ]);
  });

  it("reports an unlessAdded regex that does not compile at its own location", () => {
    const entry = {
      ...catalogEntry("FM-GUARD-902", { removed: GUARD, unlessAdded: "(" }),
      locations: { unlessAdded: { line: 7, column: 20 } },
    };
    const { detectors, problems } = compileCatalog([entry]);
    expect(detectors).toEqual([]);
    expect(problems).toMatchObject([{ code: "catalog/bad-regex", line: 7, column: 20 }]);
    expect(problems[0]?.message).toContain("detect.unlessAdded is not a valid regex");
  });
});
