/**
 * The run store: where every `jig check` is recorded. One interface
 * (`RunStore`), a SQLite driver for real use and an in-memory fake for tests,
 * both held to `describeRunStoreConformance`.
 */
export { findRunReport } from "./find-run-report.js";
export {
  createMemoryRunData,
  createMemoryRunStore,
  type MemoryRunData,
} from "./memory-run-store.js";
export {
  latestSchemaVersion,
  MIGRATIONS,
  type Migration,
  pendingMigrations,
} from "./migrations.js";
export {
  describeStoreTarget,
  openRunStore,
  openStoreDatabase,
  resolveStoreUrl,
  type StoreTarget,
} from "./open-store-database.js";
export {
  connectPostgres,
  describePostgresUrl,
  PostgresQueryError,
  type SyncPostgresConnection,
} from "./postgres-connection.js";
export {
  copySqliteStoreToPostgres,
  type StoreCopyResult,
  type TableCopy,
} from "./postgres-copy-store.js";
export { openPostgresDatabase, postgresFacadeOver } from "./postgres-database.js";
export {
  POSTGRES_IDENTITY_COLUMNS,
  POSTGRES_MIGRATIONS,
  POSTGRES_TABLE_KEYS,
} from "./postgres-migrations.js";
export { currentProcessOwner, isProcessAlive } from "./process-liveness.js";
export {
  ambiguousRunIdError,
  generateRunId,
  type RunOwner,
  type RunStatus,
  type RunStore,
  type RunStoreOptions,
  type RunSummary,
  resolveRunStatus,
  type StartRunInput,
  summarizeReport,
} from "./run-store.js";
export { type JigDatabase, openJigDatabase } from "./sqlite-database.js";
export { createSqliteRunStore, openSqliteRunStore } from "./sqlite-run-store.js";
