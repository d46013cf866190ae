import type { JigConfig } from "../config/index.js";
import { resolveStorePath } from "../core/index.js";
import { computeFailureStats, type FailureStats } from "./compute-failure-stats.js";
import { loadCatalog } from "./load-catalog.js";

/**
 * `jig failures stats`: read every recorded run (since `since`) from the run
 * store and the active catalog, and count which failure models fired. The
 * store and the catalog are read here; the counting is computeFailureStats.
 */
export async function readFailureStats(options: {
  repoRoot: string;
  config: JigConfig;
  cwd: string;
  since?: Date | undefined;
}): Promise<FailureStats> {
  const { repoRoot, config, since } = options;
  const catalog = await loadCatalog({ repoRoot, config, cwd: options.cwd });
  // Loaded here so the other failures commands never open SQLite.
  const { openSqliteRunStore } = await import("../store/index.js");
  const store = openSqliteRunStore(resolveStorePath(repoRoot, config.store.path));
  try {
    const reports = store
      .listRuns({ limit: 100_000 })
      .filter((run) => !since || new Date(run.startedAt) >= since)
      .flatMap((run) => {
        const report = store.getRun(run.id);
        return report ? [report] : [];
      });
    return computeFailureStats(reports, catalog.entries, since ? { since } : {});
  } finally {
    store.close();
  }
}
