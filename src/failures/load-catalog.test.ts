import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configSchema } from "../config/index.js";
import { loadCatalog } from "./load-catalog.js";

const model = (id: string, title: string) => `  - id: ${id}
    title: ${title}
    severity: high
    trigger: t
    symptoms: [s]
    fix: f
    source: an incident
    detect:
      added: 'drop'
    examples:
      bad: ["drop"]
      good: ["keep"]
`;

describe("loadCatalog", () => {
  let root: string;
  let shippedDir: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "jig-catalog-"));
    shippedDir = join(root, "shipped");
    mkdirSync(shippedDir);
    mkdirSync(join(root, "failure-models"));
    writeFileSync(
      join(shippedDir, "sql.yaml"),
      `domain: sql\nfailures:\n${model("FM-SQL-001", "Shipped one")}${model("FM-SQL-002", "Shipped two")}`,
    );
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("merges project entries, a project entry overriding the shipped one with its id", async () => {
    writeFileSync(
      join(root, "failure-models", "sql.yaml"),
      `domain: sql\nfailures:\n${model("FM-SQL-001", "Our version")}${model("FM-SQL-100", "Ours only")}`,
    );
    const catalog = await loadCatalog({
      repoRoot: root,
      config: configSchema.parse({}),
      shippedDir,
    });
    const byId = Object.fromEntries(
      catalog.entries.map((entry) => [entry.id, `${entry.origin}:${entry.title}`]),
    );
    expect(byId).toEqual({
      "FM-SQL-001": "project:Our version",
      "FM-SQL-002": "shipped:Shipped two",
      "FM-SQL-100": "project:Ours only",
    });
    expect(catalog.overridden).toEqual(["FM-SQL-001"]);
    expect(catalog.problems).toEqual([]);
  });

  it("drops disabled ids and reports unknown ones; shipped: false leaves only the project's", async () => {
    const config = configSchema.parse({ failures: { disable: ["FM-SQL-002", "FM-NOPE-001"] } });
    const catalog = await loadCatalog({ repoRoot: root, config, shippedDir });
    expect(catalog.entries.map((entry) => entry.id)).toEqual(["FM-SQL-001"]);
    expect(catalog.disabled).toEqual(["FM-SQL-002"]);
    expect(catalog.unknownDisabled).toEqual(["FM-NOPE-001"]);
    const none = await loadCatalog({
      repoRoot: root,
      config: configSchema.parse({ failures: { shipped: false } }),
      shippedDir,
    });
    expect(none.entries).toEqual([]);
  });

  it("reports a duplicate id across two project files", async () => {
    writeFileSync(
      join(root, "failure-models", "a.yaml"),
      `domain: a\nfailures:\n${model("FM-A-001", "one")}`,
    );
    writeFileSync(
      join(root, "failure-models", "b.yaml"),
      `domain: b\nfailures:\n${model("FM-A-001", "two")}`,
    );
    const catalog = await loadCatalog({
      repoRoot: root,
      config: configSchema.parse({}),
      shippedDir,
    });
    expect(catalog.problems).toEqual([
      expect.objectContaining({
        code: "catalog/duplicate-id",
        path: join("failure-models", "b.yaml"),
        line: 3,
        column: 5,
      }),
    ]);
  });

  it("serves parsed files from the cache with identical results", async () => {
    const cacheDir = join(root, ".jig", "cache");
    const first = await loadCatalog({
      repoRoot: root,
      config: configSchema.parse({}),
      shippedDir,
      cacheDir,
    });
    const second = await loadCatalog({
      repoRoot: root,
      config: configSchema.parse({}),
      shippedDir,
      cacheDir,
    });
    expect(second.entries).toEqual(first.entries);
    expect(second.fingerprint).toBe(first.fingerprint);
  });
});
