import type { Report } from "../contract/index.js";
import { resolveStorePath } from "../core/resolve-store-path.js";

/** A run being recorded: finished with its report, then closed. */
export interface RunRecord {
  finish(report: Report): void;
  close(): void;
}

/**
 * Open the run store and record the run as `running` before any layer
 * starts, so a killed check leaves a consistent database and shows as
 * `interrupted`; `finish` stores the report in one transaction.
 */
export async function startRunRecord(input: {
  root: string;
  storePath: string;
  runId: string;
  startedAt: Date;
  range: Pick<Report["range"], "base" | "head" | "baseRef" | "headRef">;
}): Promise<RunRecord> {
  // The store loads better-sqlite3: only a recorded run pays for it.
  const { openSqliteRunStore } = await import("../store/index.js");
  const store = openSqliteRunStore(resolveStorePath(input.root, input.storePath));
  try {
    store.startRun({
      id: input.runId,
      startedAt: input.startedAt.toISOString(),
      base: input.range.base,
      head: input.range.head,
      baseRef: input.range.baseRef,
      headRef: input.range.headRef,
    });
  } catch (error) {
    store.close();
    throw error;
  }
  return { finish: (report) => store.finishRun(report), close: () => store.close() };
}
