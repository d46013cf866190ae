import type { Report } from "../contract/index.js";
import { currentProcessOwner } from "./process-liveness.js";
import type { RunStore, RunStoreOptions, RunSummary } from "./run-store.js";
import { ambiguousRunIdError, resolveRunStatus, summarizeReport } from "./run-store.js";

interface MemoryRun {
  summary: RunSummary & { status: "running" | "finished" };
  pid: number;
  host: string;
  /** Serialized, like the SQLite driver, so callers can't mutate what was saved. */
  reportJson?: string;
}

/**
 * The backing data of in-memory stores. Pass the same object to several
 * `createMemoryRunStore` calls to simulate closing and reopening a store.
 */
export interface MemoryRunData {
  runs: Map<string, MemoryRun>;
}

/** Fresh, empty backing data for `createMemoryRunStore`. */
export function createMemoryRunData(): MemoryRunData {
  return { runs: new Map() };
}

/**
 * A RunStore kept in memory: a test fake for code that records runs (the
 * gate, `jig runs`), held to the same conformance suite as the SQLite store.
 *
 * @example
 * const store = createMemoryRunStore();
 * await runGate({ ...context, store });
 * expect(store.listRuns()).toHaveLength(1);
 */
export function createMemoryRunStore(
  options: RunStoreOptions & { data?: MemoryRunData } = {},
): RunStore {
  const { data = createMemoryRunData(), ...ownerOptions } = options;
  const owner = { ...currentProcessOwner(), ...ownerOptions };
  let closed = false;
  const assertOpen = (): void => {
    if (closed) throw new Error("memory run store is closed");
  };

  const view = (run: MemoryRun): RunSummary => ({
    ...run.summary,
    status: resolveRunStatus(run.summary.status, run, owner),
  });

  const find = (id: string): MemoryRun | undefined => {
    if (id === "") return undefined;
    const exact = data.runs.get(id);
    if (exact) return exact;
    const matches = [...data.runs.values()].filter((run) => run.summary.id.startsWith(id));
    if (matches.length > 1) throw ambiguousRunIdError(id);
    return matches[0];
  };

  return {
    startRun(run) {
      assertOpen();
      if (data.runs.has(run.id)) throw new Error(`run ${run.id} already exists`);
      data.runs.set(run.id, {
        summary: {
          id: run.id,
          status: "running",
          startedAt: run.startedAt,
          base: run.base,
          head: run.head,
          findings: 0,
        },
        pid: owner.pid,
        host: owner.host,
      });
    },
    finishRun(report: Report) {
      assertOpen();
      const started = data.runs.get(report.run.id);
      const summary = summarizeReport(report);
      data.runs.set(report.run.id, {
        summary: { ...summary, status: "finished" },
        pid: started?.pid ?? owner.pid,
        host: started?.host ?? owner.host,
        reportJson: JSON.stringify(report),
      });
    },
    listRuns(listOptions = {}) {
      assertOpen();
      const runs = [...data.runs.values()].sort((a, b) =>
        a.summary.startedAt === b.summary.startedAt
          ? compare(b.summary.id, a.summary.id)
          : compare(b.summary.startedAt, a.summary.startedAt),
      );
      const limited = listOptions.limit === undefined ? runs : runs.slice(0, listOptions.limit);
      return limited.map(view);
    },
    getRun(id) {
      assertOpen();
      const json = find(id)?.reportJson;
      return json === undefined ? undefined : (JSON.parse(json) as Report);
    },
    getRunSummary(id) {
      assertOpen();
      const run = find(id);
      return run ? view(run) : undefined;
    },
    close() {
      closed = true;
    },
  };
}

/** Byte-wise order, as SQLite's BINARY collation sorts. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
