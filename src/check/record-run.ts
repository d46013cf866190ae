import type { Report } from "../contract/index.js";
import { resolveStorePath } from "../core/resolve-store-path.js";
import type { JigDatabase } from "../store/index.js";
import type { TestRun } from "../tests/test-run.js";
import { recordTestRun } from "../tests/test-run-store.js";

/** A run being recorded: finished with its report (and the tests layer's run, if any), then closed. */
export interface RunRecord {
  /** The run store's database: the autonomy evidence of the run is written beside it. */
  db: JigDatabase;
  /** The store's absolute path (the audit anchor file is named after it). */
  storePath: string;
  finish(report: Report, testRun?: TestRun): void;
  close(): void;
}

/**
 * Open the run store and record the run as `running` before any layer
 * starts, so a killed check leaves a consistent database and shows as
 * `interrupted`; `finish` stores the report in one transaction.
 *
 * The run also anchors the audit log: its row keeps the log's head (seq and
 * hash) as it was when the run started, and the anchor file under the
 * user's config dir moves up to it, so `jig audit verify` can tell when
 * records anchored here were later removed or rewritten.
 */
export async function startRunRecord(input: {
  root: string;
  storePath: string;
  /** A team's Postgres store (config `store.url`); env `JIG_STORE_URL` wins. */
  storeUrl?: string | undefined;
  runId: string;
  startedAt: Date;
  range: Pick<Report["range"], "base" | "head" | "baseRef" | "headRef">;
  /** For the anchor file's location (`XDG_CONFIG_HOME`, `HOME`). */
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
}): Promise<RunRecord> {
  // The store loads better-sqlite3: only a recorded run pays for it. The
  // anchor's own file, not agents/index.ts, which would load Cedar and YAML.
  const { openStoreDatabase, createSqliteRunStore, resolveStoreUrl, describeStoreTarget } =
    await import("../store/index.js");
  const { anchorAuditHeadInRun } = await import("../agents/audit-anchor.js");
  const url = resolveStoreUrl(input.storeUrl, input.env);
  const target = { path: resolveStorePath(input.root, input.storePath), ...(url ? { url } : {}) };
  // The anchor file is keyed on the store: the file, or the URL without its password.
  const storePath = describeStoreTarget(target);
  const db = openStoreDatabase(target);
  const store = createSqliteRunStore(db, {}, { ownsDatabase: true });
  try {
    store.startRun({
      id: input.runId,
      startedAt: input.startedAt.toISOString(),
      base: input.range.base,
      head: input.range.head,
      baseRef: input.range.baseRef,
      headRef: input.range.headRef,
    });
    anchorAuditHeadInRun(db, input.runId, { storePath, env: input.env, now: input.now });
  } catch (error) {
    store.close();
    throw error;
  }
  return {
    db,
    storePath,
    finish: (report, testRun) => {
      store.finishRun(report);
      if (testRun) {
        recordTestRun(db, input.runId, testRun);
      }
    },
    close: () => store.close(),
  };
}
