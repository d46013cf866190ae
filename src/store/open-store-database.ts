import { openPostgresDatabase } from "./postgres-database.js";
import type { RunStore, RunStoreOptions } from "./run-store.js";
import { type JigDatabase, openJigDatabase } from "./sqlite-database.js";
import { createSqliteRunStore } from "./sqlite-run-store.js";

/** Where the team's records go: a Postgres URL when one is set, else the SQLite file. */
export interface StoreTarget {
  /** The SQLite file (already resolved against the repository root). */
  path: string;
  /** `postgres://…`; wins over `path` when set. */
  url?: string | undefined;
}

/**
 * The store URL in force: env `JIG_STORE_URL` over the config's `store.url`.
 * An empty variable means unset, so `JIG_STORE_URL= jig check` forces SQLite
 * only when the config has no URL either.
 */
export function resolveStoreUrl(
  configUrl: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const fromEnv = env.JIG_STORE_URL?.trim();
  if (fromEnv) return fromEnv;
  return configUrl?.trim() || undefined;
}

/**
 * Open the run store's database: Postgres when `target.url` is set, the
 * SQLite file otherwise. Both come back migrated and behind the same
 * synchronous surface, so every store built on `JigDatabase` works on both.
 *
 * The agent guard does not come through here: it decides each tool call
 * from the local SQLite file, since a network round trip per call would
 * blow its 100 µs budget (docs/store.md).
 *
 * @throws UsageError on an unreadable file, a bad URL or an unreachable server.
 */
export function openStoreDatabase(target: StoreTarget): JigDatabase {
  return target.url ? openPostgresDatabase(target.url) : openJigDatabase(target.path);
}

/** A name for the store in messages and as the audit anchor's key: the URL without password, or the file. */
export function describeStoreTarget(target: StoreTarget): string {
  if (!target.url) return target.path;
  return target.url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1@");
}

/** The run store at `target` (Postgres or SQLite); closing it closes the database. */
export function openRunStore(target: StoreTarget, options: RunStoreOptions = {}): RunStore {
  return createSqliteRunStore(openStoreDatabase(target), options, { ownsDatabase: true });
}
