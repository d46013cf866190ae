import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageError } from "../core/index.js";
import {
  type PostgresServer,
  postgresSkipReason,
  startPostgres,
} from "../test-support/start-postgres.js";
import { describeRunStoreConformance } from "../testing/describe-run-store-conformance.js";
import { sampleRunReport } from "../testing/sample-run-report.js";
import { latestSchemaVersion, MIGRATIONS, type Migration } from "./migrations.js";
import { connectPostgres } from "./postgres-connection.js";
import { openPostgresDatabase } from "./postgres-database.js";
import { POSTGRES_MIGRATIONS, POSTGRES_TABLE_KEYS } from "./postgres-migrations.js";
import { createSqliteRunStore } from "./sqlite-run-store.js";

const skip = postgresSkipReason();

describe.skipIf(skip !== undefined)(
  "the Postgres store (a real server, started for this file)",
  () => {
    let server: PostgresServer;
    let databases = 0;
    let shared: { url: string; drop: () => void } | undefined;
    beforeAll(async () => {
      server = await startPostgres();
    }, 60_000);
    afterAll(() => {
      shared?.drop();
      server?.stop();
    });

    /** A fresh, empty database on the shared server. */
    const freshDatabase = (): { url: string; drop: () => void } => {
      const name = `jig_test_${process.pid}_${++databases}`;
      const admin = connectPostgres(server.url());
      admin.exec(`CREATE DATABASE ${name}`);
      admin.close();
      return {
        url: server.url(name),
        drop: () => {
          const again = connectPostgres(server.url());
          again.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          again.close();
        },
      };
    };

    // The same run store code as SQLite's, over the Postgres facade. One
    // database for the suite, emptied after each test: a database per test
    // cost half a second each.
    describeRunStoreConformance("postgres", () => {
      shared ??= freshDatabase();
      const { url } = shared;
      return {
        open: (options) =>
          createSqliteRunStore(openPostgresDatabase(url), options, { ownsDatabase: true }),
        cleanup: () => {
          const connection = connectPostgres(url);
          connection.exec(
            `TRUNCATE ${Object.keys(POSTGRES_TABLE_KEYS).join(", ")} RESTART IDENTITY CASCADE`,
          );
          connection.close();
        },
      };
    });

    it("has a Postgres twin, under the same version and name, for every SQLite migration", () => {
      expect(POSTGRES_MIGRATIONS.map((step) => [step.version, step.name])).toEqual(
        MIGRATIONS.map((step) => [step.version, step.name]),
      );
    });

    it("creates every table SQLite has, with the same columns, at the latest version", () => {
      const database = freshDatabase();
      try {
        const db = openPostgresDatabase(database.url);
        expect(db.pragma("user_version", { simple: true })).toBe(latestSchemaVersion());
        const columns = db
          .prepare(
            `SELECT table_name, column_name FROM information_schema.columns
           WHERE table_schema = 'public' AND table_name <> 'jig_schema'
           ORDER BY table_name, column_name`,
          )
          .all() as Array<{ table_name: string; column_name: string }>;
        db.close();
        const sqlite = sqliteColumns();
        expect(columns.map((row) => `${row.table_name}.${row.column_name}`).sort()).toEqual(sqlite);
      } finally {
        database.drop();
      }
    });

    it("stores rows the SQLite way: findings per run, rollback of a failing finish", () => {
      const database = freshDatabase();
      try {
        const db = openPostgresDatabase(database.url);
        const store = createSqliteRunStore(db);
        store.startRun({
          id: "20261125T101500Z-roll",
          startedAt: "2026-11-25T10:15:00.000Z",
          base: "a",
          head: "b",
          baseRef: "main",
          headRef: "HEAD",
        });
        const report = sampleRunReport("20261125T101500Z-roll", { findings: 3 });
        report.findings[2] = { ...report.findings[0]! };
        expect(() => store.finishRun(report)).toThrow(/duplicate key/);
        expect(store.getRunSummary("20261125T101500Z-roll")?.status).toBe("running");
        expect(db.prepare("SELECT count(*) AS n FROM findings").get()).toEqual({ n: 0 });
        store.finishRun(sampleRunReport("20261125T101500Z-roll", { findings: 4 }));
        expect(db.prepare("SELECT count(*) AS n FROM findings").pluck().get()).toBe(4);
        const inserted = db
          .prepare(
            `INSERT INTO model_calls (run_id, purpose, model_id, call_key, status, attempt, input_tokens,
             output_tokens, cost_usd, prompt_bytes, duration_ms, started_at)
           VALUES (?, 'review', 'stub', 'k', 'ok', 1, 10, 20, 0.5, 100, 12, 'now')`,
          )
          .run("20261125T101500Z-roll");
        expect(inserted).toEqual({ changes: 1, lastInsertRowid: 1 });
        db.close();
      } finally {
        database.drop();
      }
    });

    it("refuses a database written by a newer jig, and applies only new steps, rolling back a broken one", () => {
      const database = freshDatabase();
      try {
        openPostgresDatabase(database.url).close();
        const next: Migration = {
          version: latestSchemaVersion() + 1,
          name: "test_signoffs",
          up: "CREATE TABLE test_signoffs (run_id TEXT NOT NULL REFERENCES runs (id), by TEXT NOT NULL);",
        };
        const broken: Migration = {
          version: latestSchemaVersion() + 2,
          name: "broken",
          up: "CREATE TABLE test_broken (x BIGINT); THIS IS NOT SQL;",
        };
        expect(() =>
          openPostgresDatabase(database.url, {
            migrations: [...POSTGRES_MIGRATIONS, next, broken],
          }),
        ).toThrow();
        const db = openPostgresDatabase(database.url, {
          migrations: [...POSTGRES_MIGRATIONS, next],
        });
        expect(db.pragma("user_version", { simple: true })).toBe(next.version);
        const tables = db
          .prepare("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
          .pluck()
          .all();
        expect(tables).toContain("test_signoffs");
        expect(tables).not.toContain("test_broken");
        db.close();
        let caught: unknown;
        try {
          openPostgresDatabase(database.url);
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(UsageError);
        expect((caught as Error).message).toMatch(/newer jig.*upgrade jig/);
        expect((caught as Error).message).not.toContain("\n");
      } finally {
        database.drop();
      }
    });

    it("opens an up-to-date database without migrating again", () => {
      const database = freshDatabase();
      try {
        const openers = Array.from({ length: 3 }, () => openPostgresDatabase(database.url));
        for (const db of openers) {
          expect(db.pragma("user_version", { simple: true })).toBe(latestSchemaVersion());
          expect(db.prepare("SELECT count(*) FROM jig_schema").pluck().get()).toBe(1);
          db.close();
        }
      } finally {
        database.drop();
      }
    });

    it("gives up on a statement after the timeout, and never reads its late answer as the next one's", () => {
      const connection = connectPostgres(server.url(), { timeoutMs: 1500 });
      expect(() => connection.query("SELECT pg_sleep(5)")).toThrow(/did not answer within 1500 ms/);
      expect(() => connection.query("SELECT 1")).toThrow(/after close/);
      connection.close();
    });

    it("turns a bad URL and an unreachable server into one-line usage errors without the password", () => {
      expect(() => openPostgresDatabase("mysql://x@y/z")).toThrow(UsageError);
      let caught: unknown;
      try {
        openPostgresDatabase("postgres://jig:secret@127.0.0.1:1/jig");
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(UsageError);
      expect((caught as UsageError).exitCode).toBe(2);
      expect((caught as Error).message).toContain(
        "cannot reach the Postgres store at jig@127.0.0.1:1/jig",
      );
      expect((caught as Error).message).not.toContain("secret");
    });
  },
);

/** table.column of every SQLite table, from a migrated in-memory database. */
function sqliteColumns(): string[] {
  // Loaded here so the Postgres suite's import list stays honest about what it needs.
  const Database = require_("better-sqlite3") as typeof import("better-sqlite3");
  const db = new Database(":memory:");
  for (const step of MIGRATIONS) db.exec(step.up);
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  const columns = tables.flatMap((table) =>
    (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map(
      (column) => `${table}.${column.name}`,
    ),
  );
  db.close();
  return columns.sort();
}

const require_ = createRequire(import.meta.url);
