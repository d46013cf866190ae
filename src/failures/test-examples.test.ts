import { describe, expect, it } from "vitest";
import { catalogEntry } from "./__fixtures__/catalog-entry.js";
import { compileCatalog } from "./compile-catalog.js";
import type { CatalogEntry, Detect } from "./failure-model.js";
import { reflowExample, testExamples } from "./test-examples.js";

function withExamples(detect: Detect, bad: CatalogEntry["examples"]["bad"]): CatalogEntry {
  return { ...catalogEntry("FM-X-001", detect, ["**/*.ts"]), examples: { bad, good: [] } };
}

async function mismatchesOf(entry: CatalogEntry) {
  const { detectors, problems } = compileCatalog([entry]);
  expect(problems).toEqual([]);
  return testExamples(detectors[0] as (typeof detectors)[number]);
}

describe("testExamples on a multi-line reflow of each bad example", () => {
  it("reports a detector that only matches its example's one-line spacing", async () => {
    const entry = withExamples({ added: 'query\\( "' }, [
      { path: "src/users.ts", code: 'db.query( "SELECT * FROM t WHERE id = " + id );' },
    ]);
    const messages = (await mismatchesOf(entry)).map((mismatch) => mismatch.message);
    expect(messages).toEqual([
      expect.stringContaining(
        "bad example 1 (src/users.ts) is not detected when its call is formatted over several lines",
      ),
    ]);
  });

  it("passes a detector that matches the call however it is laid out", async () => {
    const entry = withExamples({ added: 'query\\(\\s*"[^"]*"\\s*\\+' }, [
      { path: "src/users.ts", code: 'db.query("SELECT * FROM t WHERE id = " + id, opts);' },
    ]);
    expect(await mismatchesOf(entry)).toEqual([]);
  });

  it("reflows only the lines a before/after example adds, and keeps its path", () => {
    const entry = withExamples({ added: "x" }, []);
    expect(
      reflowExample(entry, { before: "keep(a, b)\n", after: "keep(a, b)\nrun(c, d)\n" }),
    ).toEqual({
      path: "example.ts",
      before: "keep(a, b)\n",
      after: "keep(a, b)\nrun(\n  c,\n  d\n)\n",
    });
    expect(reflowExample(entry, "no call here")).toBeUndefined();
    expect(reflowExample(entry, { before: "f(a)", deleted: true })).toBeUndefined();
  });
});
