import type { Report } from "../contract/index.js";
import { UsageError } from "../core/index.js";
import type { RunStore } from "./run-store.js";

/**
 * The report of run `id` (a full id, a unique prefix, or `latest`), or
 * undefined when no run matches. A run that exists but has no report yet
 * (still running) or never will (interrupted) is a usage error saying which.
 */
export function findRunReport(store: RunStore, id: string): Report | undefined {
  if (id === "latest") {
    const newest = store.listRuns({ limit: 1 })[0];
    if (!newest) return undefined;
    id = newest.id;
  }
  const report = store.getRun(id);
  if (report) return report;
  const summary = store.getRunSummary(id);
  if (!summary) return undefined;
  throw new UsageError(
    summary.status === "running"
      ? `run ${summary.id} is still running; its report is saved when it finishes`
      : `run ${summary.id} was interrupted before it finished, so it has no report`,
    { code: "runs/no-report" },
  );
}
