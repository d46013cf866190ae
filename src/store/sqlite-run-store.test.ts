import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UsageError } from "../core/index.js";
import { describeRunStoreConformance } from "../testing/describe-run-store-conformance.js";
import { sampleRunReport } from "../testing/sample-run-report.js";
import { latestSchemaVersion, MIGRATIONS, type Migration } from "./migrations.js";
import { openJigDatabase } from "./sqlite-database.js";
import { openSqliteRunStore } from "./sqlite-run-store.js";

describeRunStoreConformance("sqlite", () => {
  const dir = mkdtempSync(join(tmpdir(), "jig-store-"));
  return {
    open: (options) => openSqliteRunStore(join(dir, ".jig", "jig.db"), options),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe("openSqliteRunStore", () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "jig-store-"));
    path = join(dir, "nested", ".jig", "jig.db");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const raw = (file = path) => new Database(file, { readonly: true });

  it("creates the parent folder and puts the database in WAL mode with the latest schema", () => {
    openSqliteRunStore(path).close();
    const db = raw();
    try {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(db.pragma("user_version", { simple: true })).toBe(latestSchemaVersion());
      const tables = db
        .prepare<[], { name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
        )
        .all()
        .map((row) => row.name);
      // The run tables; later migrations add tables for other concepts beside them.
      expect(tables).toEqual(expect.arrayContaining(["findings", "layer_results", "runs"]));
    } finally {
      db.close();
    }
  });

  it("is idempotent: opening twice keeps the schema version and the data", () => {
    const first = openSqliteRunStore(path);
    first.finishRun(sampleRunReport("20261125T101500Z-0001"));
    first.close();
    const second = openSqliteRunStore(path);
    expect(second.listRuns()).toHaveLength(1);
    second.close();
    const db = raw();
    try {
      expect(db.pragma("user_version", { simple: true })).toBe(latestSchemaVersion());
    } finally {
      db.close();
    }
  });

  it("stores one row per layer and per finding, in the same run", () => {
    const store = openSqliteRunStore(path);
    const report = sampleRunReport("20261125T101500Z-rows", { findings: 4 });
    store.finishRun(report);
    store.close();
    const db = raw();
    try {
      const layers = db
        .prepare(
          "SELECT position, name, status, skip_reason, error FROM layer_results ORDER BY position",
        )
        .all();
      expect(layers).toEqual([
        { position: 0, name: "spec", status: "failed", skip_reason: null, error: null },
        {
          position: 1,
          name: "review",
          status: "skipped",
          skip_reason: "no model configured; set models.review",
          error: null,
        },
        { position: 2, name: "evals", status: "error", skip_reason: null, error: "target crashed" },
      ]);
      const findings = db
        .prepare(
          "SELECT id, layer, rule_id, severity, file, line, suggestion FROM findings ORDER BY id",
        )
        .all();
      expect(findings).toHaveLength(4);
      expect(findings[0]).toEqual({
        id: "spec-1",
        layer: "spec",
        rule_id: "JIG-S003",
        severity: "high",
        file: "src/file-0.ts",
        line: 1,
        suggestion: "Cite an approved spec with a Spec: trailer",
      });
      expect(findings[1]).toMatchObject({ id: "spec-2", file: null, line: null, suggestion: null });
      const run = db.prepare("SELECT status, outcome, findings, pid, host FROM runs").get();
      expect(run).toMatchObject({ status: "finished", outcome: "fail", findings: 4 });
    } finally {
      db.close();
    }
  });

  it("rolls a failing finishRun back completely", () => {
    const store = openSqliteRunStore(path);
    store.startRun({
      id: "20261125T101500Z-roll",
      startedAt: "2026-11-25T10:15:00.000Z",
      base: "a",
      head: "b",
      baseRef: "main",
      headRef: "HEAD",
    });
    const report = sampleRunReport("20261125T101500Z-roll", { findings: 3 });
    // A duplicate finding id violates the primary key after two rows are written.
    report.findings[2] = { ...report.findings[0]! };
    expect(() => store.finishRun(report)).toThrow();
    expect(store.getRunSummary("20261125T101500Z-roll")?.status).toBe("running");
    store.close();
    const db = raw();
    try {
      expect(db.prepare("SELECT count(*) AS n FROM findings").get()).toEqual({ n: 0 });
      expect(db.prepare("SELECT count(*) AS n FROM layer_results").get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it("refuses a database written by a newer jig and says to upgrade", () => {
    openSqliteRunStore(path).close();
    const db = new Database(path);
    db.pragma(`user_version = ${latestSchemaVersion() + 1}`);
    db.close();
    expect(() => openSqliteRunStore(path)).toThrow(UsageError);
    expect(() => openSqliteRunStore(path)).toThrow(/newer jig.*upgrade jig/);
  });

  it("turns a file that is not SQLite into a one-line usage error naming the file", () => {
    mkdirSync(join(dir, "nested", ".jig"), { recursive: true });
    writeFileSync(path, "this is not a database, just some text that is long enough\n".repeat(20));
    let caught: unknown;
    try {
      openSqliteRunStore(path);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    const error = caught as UsageError;
    expect(error.exitCode).toBe(2);
    expect(error.code).toBe("store/unreadable");
    expect(error.message).toContain(path);
    expect(error.message).not.toContain("\n");
  });

  it("applies only the new steps when jig adds a migration, and rolls back a failing one", () => {
    openSqliteRunStore(path).close();
    const next: Migration = {
      version: latestSchemaVersion() + 1,
      name: "test_signoffs",
      up: "CREATE TABLE test_signoffs (run_id TEXT NOT NULL REFERENCES runs (id), by TEXT NOT NULL) STRICT;",
    };
    const broken: Migration = {
      version: latestSchemaVersion() + 2,
      name: "broken",
      up: "CREATE TABLE test_broken (x INTEGER) STRICT; THIS IS NOT SQL;",
    };
    expect(() => openJigDatabase(path, { migrations: [...MIGRATIONS, next, broken] })).toThrow();
    const db = raw();
    try {
      // The good step stuck, the broken one left nothing behind.
      expect(db.pragma("user_version", { simple: true })).toBe(next.version);
      const names = db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
        .all()
        .map((row) => row.name);
      expect(names).toContain("test_signoffs");
      expect(names).not.toContain("test_broken");
    } finally {
      db.close();
    }
    const reopened = openJigDatabase(path, { migrations: [...MIGRATIONS, next] });
    expect(reopened.pragma("user_version", { simple: true })).toBe(next.version);
    reopened.close();
  });
});
