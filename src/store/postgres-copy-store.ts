import { UsageError } from "../core/index.js";
import type { SyncPostgresConnection } from "./postgres-connection.js";
import { WRITE_LOCK } from "./postgres-database.js";
import { POSTGRES_IDENTITY_COLUMNS, POSTGRES_TABLE_KEYS } from "./postgres-migrations.js";
import type { JigDatabase } from "./sqlite-database.js";

/** One table's rows: in the SQLite file, and in Postgres after the copy. */
export interface TableCopy {
  table: string;
  source: number;
  target: number;
}

export interface StoreCopyResult {
  tables: TableCopy[];
  /** Tables whose counts differ, or SQLite tables this jig has no Postgres twin for. */
  mismatches: string[];
  /** What `verifyTarget` found wrong (e.g. a broken audit chain). */
  problems: string[];
  /** True when the copy was committed: no mismatch and no problem. */
  committed: boolean;
}

/** Bound parameters per INSERT stay well under Postgres's 65535. */
const MAX_PARAMS = 30_000;

/**
 * Copy every table of a migrated SQLite store into a migrated, empty
 * Postgres store, in one transaction. Row counts are compared per table and
 * `verifyTarget` (the audit chain check, which lives above store/) runs on
 * the copied rows before the commit; on any mismatch or problem the
 * transaction rolls back, so Postgres is never left half-copied.
 *
 * @throws UsageError when the Postgres store already holds records.
 */
export function copySqliteStoreToPostgres(
  source: JigDatabase,
  target: SyncPostgresConnection,
  verifyTarget: () => string[] = () => [],
): StoreCopyResult {
  const tables = Object.keys(POSTGRES_TABLE_KEYS);
  const sourceTables = source
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  const count = (table: string) =>
    source.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number;
  const unknown = sourceTables.filter((table) => !Object.hasOwn(POSTGRES_TABLE_KEYS, table));

  target.exec(`BEGIN; SELECT pg_advisory_xact_lock(${WRITE_LOCK})`);
  try {
    const held = tables.filter((table) => targetCount(target, table) > 0);
    if (held.length > 0) {
      throw new UsageError(
        `the Postgres store already holds records (${held.join(", ")}); migrate into an empty database`,
        { code: "store/target-not-empty" },
      );
    }
    const copies: TableCopy[] = [];
    for (const table of tables) {
      if (!sourceTables.includes(table)) continue;
      copyTable(source, target, table);
      copies.push({ table, source: count(table), target: targetCount(target, table) });
    }
    const mismatches = [
      ...copies
        .filter((copy) => copy.source !== copy.target)
        .map((copy) => `${copy.table}: ${copy.source} rows in SQLite, ${copy.target} in Postgres`),
      ...unknown
        .filter((table) => count(table) > 0)
        .map((table) => `${table}: ${count(table)} rows in SQLite, no such table in Postgres`),
    ];
    const problems = mismatches.length === 0 ? verifyTarget() : [];
    const committed = mismatches.length === 0 && problems.length === 0;
    target.exec(committed ? "COMMIT" : "ROLLBACK");
    return { tables: copies, mismatches, problems, committed };
  } catch (error) {
    target.exec("ROLLBACK");
    throw error;
  }
}

function targetCount(target: SyncPostgresConnection, table: string): number {
  return target.query(`SELECT count(*) AS n FROM ${table}`).rows[0]?.n as number;
}

function copyTable(source: JigDatabase, target: SyncPostgresConnection, table: string): void {
  const rows = source.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const perInsert = Math.max(1, Math.min(500, Math.floor(MAX_PARAMS / columns.length)));
  for (let start = 0; start < rows.length; start += perInsert) {
    const batch = rows.slice(start, start + perInsert);
    const values: unknown[] = [];
    const tuples = batch.map((row) => {
      const slots = columns.map((column) => {
        values.push(row[column] ?? null);
        return `$${values.length}`;
      });
      return `(${slots.join(", ")})`;
    });
    target.query(
      `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${tuples.join(", ")}`,
      values,
    );
  }
  // Copied ids were explicit: move the identity past them, or the next
  // insert would collide with a copied row.
  const identity = POSTGRES_IDENTITY_COLUMNS[table];
  if (identity) {
    target.query(
      `SELECT setval(pg_get_serial_sequence('${table}', '${identity}'), (SELECT max(${identity}) FROM ${table}))`,
    );
  }
}
