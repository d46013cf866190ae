import { UsageError } from "../core/index.js";
import { latestSchemaVersion, type Migration, pendingMigrations } from "./migrations.js";
import {
  connectPostgres,
  describePostgresUrl,
  PostgresQueryError,
  type SyncPostgresConnection,
} from "./postgres-connection.js";
import { POSTGRES_MIGRATIONS, POSTGRES_TABLE_KEYS } from "./postgres-migrations.js";
import { type TranslatedSql, translateSql } from "./postgres-translate-sql.js";
import type { JigDatabase } from "./sqlite-database.js";

/**
 * Advisory lock keys (arbitrary, fixed). Every write transaction takes
 * WRITE_LOCK, so writers run one at a time as they do on SQLite: the audit
 * chain's read-head-then-append and a run's delete-then-insert need no
 * other isolation. MIGRATE_LOCK keeps concurrent openers from migrating twice.
 */
export const WRITE_LOCK = 0x6a6967_01;
const MIGRATE_LOCK = 0x6a6967_02;

/** The surface of better-sqlite3's Statement that jig's stores use. */
interface FacadeStatement {
  run(...args: unknown[]): { changes: number; lastInsertRowid: number };
  get(...args: unknown[]): unknown;
  all(...args: unknown[]): unknown[];
  pluck(on?: boolean): FacadeStatement;
}

/**
 * Open the Postgres store at `url` and bring its schema up to date, behind
 * the same synchronous surface as `openJigDatabase` (`prepare().run/get/all`,
 * `transaction`, `exec`, `pragma('user_version')`, `close`), so the stores
 * written for SQLite run on it unchanged. Statements are translated from
 * SQLite's dialect (see `translateSql`).
 *
 * @throws UsageError on a bad URL, an unreachable server, or a schema
 *   written by a newer jig.
 */
export function openPostgresDatabase(
  url: string,
  options: { migrations?: readonly Migration[] } = {},
): JigDatabase {
  const connection = connectPostgres(url);
  try {
    migratePostgres(connection, url, options.migrations ?? POSTGRES_MIGRATIONS);
  } catch (error) {
    connection.close();
    throw error;
  }
  return createPostgresFacade(connection);
}

/**
 * The synchronous database surface over an open connection, without
 * migrating; `jig store migrate` reads what it copied through it, inside its
 * own transaction.
 */
export function postgresFacadeOver(connection: SyncPostgresConnection): JigDatabase {
  return createPostgresFacade(connection);
}

function createPostgresFacade(connection: SyncPostgresConnection): JigDatabase {
  let depth = 0;
  let open = true;
  const bind = (sql: TranslatedSql, args: unknown[]): unknown[] => {
    const named = args.find(
      (arg): arg is Record<string, unknown> =>
        typeof arg === "object" && arg !== null && !Array.isArray(arg) && !Buffer.isBuffer(arg),
    );
    const positional = args.filter((arg) => arg !== named).flat();
    return sql.params.map((param) => {
      const value = param.kind === "name" ? named?.[param.name] : positional[param.index];
      if (value === undefined) return null;
      if (typeof value === "bigint") return value.toString();
      return value;
    });
  };
  const prepare = (text: string): FacadeStatement => {
    const sql = translateSql(text, POSTGRES_TABLE_KEYS);
    let plucked = false;
    const rows = (args: unknown[]) => connection.query(sql.text, bind(sql, args), true);
    const shape = (row: Record<string, unknown> | undefined): unknown =>
      plucked && row ? Object.values(row)[0] : row;
    const statement: FacadeStatement = {
      run: (...args) => {
        const result = rows(args);
        const id = sql.returning ? result.rows[0]?.[sql.returning] : undefined;
        return { changes: result.rowCount, lastInsertRowid: typeof id === "number" ? id : 0 };
      },
      get: (...args) => shape(rows(args).rows[0]),
      all: (...args) => rows(args).rows.map(shape),
      pluck: (on = true) => {
        plucked = on;
        return statement;
      },
    };
    return statement;
  };
  const transaction = (fn: (...args: unknown[]) => unknown) => {
    const run = (...args: unknown[]): unknown => {
      if (depth > 0) {
        const name = `jig_sp_${depth}`;
        connection.exec(`SAVEPOINT ${name}`);
        depth += 1;
        try {
          const result = fn(...args);
          connection.exec(`RELEASE SAVEPOINT ${name}`);
          return result;
        } catch (error) {
          connection.exec(`ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}`);
          throw error;
        } finally {
          depth -= 1;
        }
      }
      connection.exec(`BEGIN; SELECT pg_advisory_xact_lock(${WRITE_LOCK})`);
      depth = 1;
      try {
        const result = fn(...args);
        connection.exec("COMMIT");
        return result;
      } catch (error) {
        connection.exec("ROLLBACK");
        throw error;
      } finally {
        depth = 0;
      }
    };
    // SQLite's IMMEDIATE/EXCLUSIVE take its write lock up front; every
    // transaction here takes the write lock up front already.
    return Object.assign(run, { deferred: run, immediate: run, exclusive: run });
  };
  const facade = {
    prepare,
    transaction,
    exec: (text: string) => {
      connection.exec(translateSql(text, POSTGRES_TABLE_KEYS).text);
    },
    pragma: (source: string, pragmaOptions: { simple?: boolean } = {}) => {
      // Only the schema version means something here; SQLite's tuning
      // pragmas (WAL, busy_timeout) have no Postgres counterpart.
      if (/^\s*user_version\s*$/i.test(source)) {
        const version = readVersion(connection);
        return pragmaOptions.simple ? version : [{ user_version: version }];
      }
      return pragmaOptions.simple ? undefined : [];
    },
    get open() {
      return open;
    },
    get inTransaction() {
      return depth > 0;
    },
    name: "postgres",
    close: () => {
      if (!open) return facade;
      open = false;
      connection.close();
      return facade;
    },
  };
  // The facade implements the subset of better-sqlite3's Database that
  // jig's stores call (prepare/run/get/all/pluck, transaction, exec,
  // pragma user_version, open, close); other methods are absent.
  return facade as unknown as JigDatabase;
}

function readVersion(connection: SyncPostgresConnection): number {
  try {
    const row = connection.query("SELECT version FROM jig_schema WHERE id = 1").rows[0];
    return typeof row?.version === "number" ? row.version : 0;
  } catch (error) {
    // 42P01: undefined_table, a database jig never migrated.
    if (error instanceof PostgresQueryError && error.code === "42P01") return 0;
    throw error;
  }
}

/**
 * Postgres migrations, versioned like SQLite's `user_version`: the
 * `jig_schema` row holds the last step applied. Each step runs in its own
 * transaction (Postgres DDL is transactional) under an advisory lock, and
 * re-reads the version inside it, so processes opening a fresh database at
 * once apply every step exactly once.
 */
function migratePostgres(
  connection: SyncPostgresConnection,
  url: string,
  migrations: readonly Migration[],
): void {
  const latest = latestSchemaVersion(migrations);
  let current = readVersion(connection);
  if (current === latest) return;
  if (current > latest) throw tooNew(url, current, latest);
  for (const migration of pendingMigrations(current, migrations)) {
    connection.exec(`BEGIN; SELECT pg_advisory_xact_lock(${MIGRATE_LOCK})`);
    try {
      connection.exec(
        "CREATE TABLE IF NOT EXISTS jig_schema (id BIGINT PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL)",
      );
      current = readVersion(connection);
      if (current < migration.version) {
        connection.exec(migration.up);
        connection.query(
          "INSERT INTO jig_schema (id, version) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET version = excluded.version",
          [migration.version],
        );
      }
      connection.exec("COMMIT");
    } catch (error) {
      connection.exec("ROLLBACK");
      throw error;
    }
  }
  current = readVersion(connection);
  if (current > latest) throw tooNew(url, current, latest);
}

function tooNew(url: string, found: number, latest: number): UsageError {
  return new UsageError(
    `the Postgres store at ${describePostgresUrl(url)} was written by a newer jig (schema version ${found}, this jig knows up to ${latest}); upgrade jig to read it`,
    { code: "store/too-new" },
  );
}
