import type { Outcome, Report } from "../contract/index.js";
import { UsageError } from "../core/index.js";

/** Where a run stands. `interrupted` is never stored: it is read as a `running` run whose process is gone. */
export type RunStatus = "running" | "finished" | "interrupted";

/** One line of `jig runs list`: enough to pick a run without loading its report. */
export interface RunSummary {
  id: string;
  status: RunStatus;
  startedAt: string;
  finishedAt?: string;
  /** Full commit shas. */
  base: string;
  head: string;
  outcome?: Outcome;
  findings: number;
  durationMs?: number;
}

/** What is known about a run before any layer has run. */
export interface StartRunInput {
  id: string;
  startedAt: string;
  base: string;
  head: string;
  baseRef: string;
  headRef: string;
}

/**
 * Where `jig check` records its runs. One interface, several drivers (SQLite
 * today, Postgres later, an in-memory fake for tests); every driver passes
 * `describeRunStoreConformance`.
 *
 * @example
 * const store = openSqliteRunStore(join(root, ".jig/jig.db"));
 * store.startRun({ id, startedAt, base, head, baseRef, headRef });
 * // ... run the gate ...
 * store.finishRun(report);
 * store.close();
 */
export interface RunStore {
  /** Record a run as started (status running) before any layer runs. */
  startRun(run: StartRunInput): void;
  /**
   * Store the finished report: run row, per-layer rows, finding rows and
   * verdict in one transaction, so a kill leaves either all of it or none.
   * Finishing a run that was never started records it anyway.
   */
  finishRun(report: Report): void;
  /** Newest first. */
  listRuns(options?: { limit?: number }): RunSummary[];
  /**
   * The report exactly as saved, by full id or unique prefix. Undefined when
   * no run matches or the run never finished; throws a UsageError when a
   * prefix is ambiguous.
   */
  getRun(id: string): Report | undefined;
  /** Like `getRun`, but also finds runs that never finished (to say why there is no report). */
  getRunSummary(id: string): RunSummary | undefined;
  close(): void;
}

/**
 * Who is writing, and how to tell whether a writer is still alive. Passed in
 * so the store core never touches the process and tests can simulate a dead
 * writer without killing anything.
 */
export interface RunStoreOptions {
  /** Pid recorded with each started run. */
  pid?: number;
  /** Host recorded with each started run; liveness is only checked on the same host. */
  host?: string;
  /** True while the process `pid` on this host still exists. */
  isProcessAlive?: (pid: number) => boolean;
}

/** The writer recorded at `startRun`, as stored. */
export interface RunOwner {
  pid: number | null;
  host: string | null;
}

/**
 * The status a reader should see. A `running` run whose process is gone was
 * killed mid-way: it is shown as `interrupted`. A writer on another host
 * cannot be checked, so its run stays `running`.
 */
export function resolveRunStatus(
  stored: "running" | "finished",
  owner: RunOwner,
  reader: { host: string; isProcessAlive: (pid: number) => boolean },
): RunStatus {
  if (stored === "finished") return "finished";
  if (owner.pid === null || owner.host === null) return "interrupted";
  if (owner.host !== reader.host) return "running";
  return reader.isProcessAlive(owner.pid) ? "running" : "interrupted";
}

/**
 * A sortable run id: UTC timestamp then 4 hex digits, e.g.
 * `20261125T101500Z-7f3a`. Lexical order is chronological, so ids double as
 * a stable sort key and a short prefix (`20261125T10`) finds a run.
 */
export function generateRunId(now: Date, random: () => number): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
  const suffix = Math.floor(random() * 0x10000)
    .toString(16)
    .padStart(4, "0")
    .slice(-4);
  return `${stamp}-${suffix}`;
}

/** The list line of a finished report. */
export function summarizeReport(report: Report): RunSummary {
  return {
    id: report.run.id,
    status: "finished",
    startedAt: report.run.startedAt,
    finishedAt: report.run.finishedAt,
    base: report.range.base,
    head: report.range.head,
    outcome: report.verdict.outcome,
    findings: report.findings.length,
    durationMs: Math.round(report.run.durationMs),
  };
}

/** Thrown by every driver when an id prefix names more than one run. */
export function ambiguousRunIdError(prefix: string): UsageError {
  return new UsageError(
    `run id prefix '${prefix}' matches more than one run; give more characters (see jig runs list)`,
    { code: "store/ambiguous-id" },
  );
}
