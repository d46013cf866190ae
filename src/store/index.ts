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
