import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { ignoreStateDir, UsageError } from "../core/index.js";
import {
  latestSchemaVersion,
  MIGRATIONS,
  type Migration,
  pendingMigrations,
} from "./migrations.js";

/** A better-sqlite3 connection, migrated to jig's schema. */
export type JigDatabase = Database.Database;

/** SQLite result codes that mean "this file is not a usable database". */
const UNREADABLE_CODES = new Set([
  "SQLITE_NOTADB",
  "SQLITE_CORRUPT",
  "SQLITE_CANTOPEN",
  "SQLITE_READONLY",
]);

/**
 * Open (creating if needed) jig's SQLite file and bring its schema up to
 * date. Every store table lives in this one file, so future stores (eval
 * results, audit log, approvals) open it the same way and share migrations.
 *
 * WAL lets `jig runs list` read while a `jig check` writes; NORMAL sync is
 * durable across process kills (only an OS crash may lose the last commit);
 * busy_timeout makes concurrent jig processes wait instead of failing.
 *
 * @throws UsageError when the file is not SQLite, or was written by a newer jig.
 */
export function openJigDatabase(
  path: string,
  options: { migrations?: readonly Migration[] } = {},
): JigDatabase {
  const migrations = options.migrations ?? MIGRATIONS;
  mkdirSync(dirname(path), { recursive: true });
  ignoreStateDir(dirname(path));
  let db: JigDatabase | undefined;
  try {
    db = new Database(path);
    db.pragma("busy_timeout = 5000");
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    migrate(db, path, migrations);
    return db;
  } catch (error) {
    db?.close();
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && UNREADABLE_CODES.has(code)) {
      throw new UsageError(
        `${path} is not a readable jig run store (${(error as Error).message}); move it away or set store.path in jig.config.yaml`,
        { cause: error, code: "store/unreadable" },
      );
    }
    throw error;
  }
}

function migrate(db: JigDatabase, path: string, migrations: readonly Migration[]): void {
  const latest = latestSchemaVersion(migrations);
  const readVersion = (): number => db.pragma("user_version", { simple: true }) as number;
  let current = readVersion();
  // The common case, an up-to-date database, costs one pragma and no lock.
  if (current === latest) return;
  if (current > latest) throw tooNew(path, current, latest);
  for (const migration of pendingMigrations(current, migrations)) {
    // IMMEDIATE takes the write lock first, so two jigs opening a fresh
    // database at once cannot both apply the same step; re-read inside it.
    db.transaction(() => {
      current = readVersion();
      if (current >= migration.version) return;
      db.exec(migration.up);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  current = readVersion();
  if (current > latest) throw tooNew(path, current, latest);
}

function tooNew(path: string, found: number, latest: number): UsageError {
  return new UsageError(
    `${path} was written by a newer jig (schema version ${found}, this jig knows up to ${latest}); upgrade jig to read it`,
    { code: "store/too-new" },
  );
}
