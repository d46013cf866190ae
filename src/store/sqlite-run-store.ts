import type { Outcome, Report } from "../contract/index.js";
import { currentProcessOwner } from "./process-liveness.js";
import type { RunStore, RunStoreOptions, RunSummary, StartRunInput } from "./run-store.js";
import { ambiguousRunIdError, resolveRunStatus } from "./run-store.js";
import { type JigDatabase, openJigDatabase } from "./sqlite-database.js";

interface SummaryRow {
  id: string;
  status: "running" | "finished";
  started_at: string;
  finished_at: string | null;
  base: string;
  head: string;
  outcome: Outcome | null;
  findings: number;
  duration_ms: number | null;
  pid: number | null;
  host: string | null;
}

const SUMMARY_COLUMNS =
  "id, status, started_at, finished_at, base, head, outcome, findings, duration_ms, pid, host";

/**
 * The SQLite run store at `path` (usually `<repo>/.jig/jig.db`), created and
 * migrated on open. Costs a few milliseconds: one pragma round when the schema
 * is current, and statements are prepared once per store.
 *
 * @example
 * const store = openSqliteRunStore(join(repoRoot, ".jig/jig.db"));
 * try { store.finishRun(report); } finally { store.close(); }
 *
 * @throws UsageError when the file is not SQLite or comes from a newer jig.
 */
export function openSqliteRunStore(path: string, options: RunStoreOptions = {}): RunStore {
  return createSqliteRunStore(openJigDatabase(path), options, { ownsDatabase: true });
}

/**
 * A run store over an already opened jig database, so a command that also
 * needs other tables (audit log, approvals) shares one connection.
 */
export function createSqliteRunStore(
  db: JigDatabase,
  options: RunStoreOptions = {},
  ownership: { ownsDatabase: boolean } = { ownsDatabase: false },
): RunStore {
  const owner = { ...currentProcessOwner(), ...options };
  const statements = {
    start: db.prepare(
      `INSERT INTO runs (id, status, started_at, base, head, base_ref, head_ref, pid, host)
       VALUES (@id, 'running', @startedAt, @base, @head, @baseRef, @headRef, @pid, @host)`,
    ),
    finish: db.prepare(
      `INSERT INTO runs (id, status, started_at, finished_at, base, head, base_ref, head_ref,
                         outcome, duration_ms, findings, pid, host, report_json)
       VALUES (@id, 'finished', @startedAt, @finishedAt, @base, @head, @baseRef, @headRef,
               @outcome, @durationMs, @findings, @pid, @host, @reportJson)
       ON CONFLICT (id) DO UPDATE SET
         status = 'finished', started_at = excluded.started_at, finished_at = excluded.finished_at,
         base = excluded.base, head = excluded.head, base_ref = excluded.base_ref,
         head_ref = excluded.head_ref, outcome = excluded.outcome,
         duration_ms = excluded.duration_ms, findings = excluded.findings,
         report_json = excluded.report_json`,
    ),
    deleteLayers: db.prepare("DELETE FROM layer_results WHERE run_id = ?"),
    deleteFindings: db.prepare("DELETE FROM findings WHERE run_id = ?"),
    insertLayer: db.prepare(
      `INSERT INTO layer_results (run_id, position, name, status, skip_reason, error, duration_ms, findings)
       VALUES (@runId, @position, @name, @status, @skipReason, @error, @durationMs, @findings)`,
    ),
    insertFinding: db.prepare(
      `INSERT INTO findings (run_id, id, layer, rule_id, severity, file, line, title, message, suggestion)
       VALUES (@runId, @id, @layer, @ruleId, @severity, @file, @line, @title, @message, @suggestion)`,
    ),
    list: db.prepare<[number], SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM runs ORDER BY started_at DESC, id DESC LIMIT ?`,
    ),
    exact: db.prepare<[string], SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM runs WHERE id = ?`),
    prefix: db.prepare<[number, string], SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM runs WHERE substr(id, 1, ?) = ? ORDER BY id LIMIT 2`,
    ),
    report: db.prepare<[string], { report_json: string | null }>(
      "SELECT report_json FROM runs WHERE id = ?",
    ),
  };

  const finish = db.transaction((report: Report) => {
    const runId = report.run.id;
    statements.finish.run({
      id: runId,
      startedAt: report.run.startedAt,
      finishedAt: report.run.finishedAt,
      base: report.range.base,
      head: report.range.head,
      baseRef: report.range.baseRef,
      headRef: report.range.headRef,
      outcome: report.verdict.outcome,
      durationMs: Math.round(report.run.durationMs),
      findings: report.findings.length,
      pid: owner.pid,
      host: owner.host,
      reportJson: JSON.stringify(report),
    });
    // Finishing twice replaces the rows instead of failing on duplicates.
    statements.deleteLayers.run(runId);
    statements.deleteFindings.run(runId);
    report.layers.forEach((layer, position) => {
      statements.insertLayer.run({
        runId,
        position,
        name: layer.name,
        status: layer.status,
        skipReason: layer.skipReason ?? null,
        error: layer.error ?? null,
        durationMs: Math.round(layer.durationMs),
        findings: layer.findings,
      });
    });
    for (const finding of report.findings) {
      statements.insertFinding.run({
        runId,
        id: finding.id,
        layer: finding.layer,
        ruleId: finding.ruleId,
        severity: finding.severity,
        file: finding.file ?? null,
        line: finding.line ?? null,
        title: finding.title,
        message: finding.message,
        suggestion: finding.suggestion ?? null,
      });
    }
  });

  const toSummary = (row: SummaryRow): RunSummary => {
    const summary: RunSummary = {
      id: row.id,
      status: resolveRunStatus(row.status, row, owner),
      startedAt: row.started_at,
      base: row.base,
      head: row.head,
      findings: row.findings,
    };
    if (row.finished_at !== null) summary.finishedAt = row.finished_at;
    if (row.outcome !== null) summary.outcome = row.outcome;
    if (row.duration_ms !== null) summary.durationMs = row.duration_ms;
    return summary;
  };

  const findRow = (id: string): SummaryRow | undefined => {
    if (id === "") return undefined;
    const exact = statements.exact.get(id);
    if (exact) return exact;
    const matches = statements.prefix.all(id.length, id);
    if (matches.length > 1) throw ambiguousRunIdError(id);
    return matches[0];
  };

  return {
    startRun(run: StartRunInput) {
      statements.start.run({ ...run, pid: owner.pid, host: owner.host });
    },
    finishRun(report) {
      finish.immediate(report);
    },
    listRuns(listOptions = {}) {
      return statements.list.all(listOptions.limit ?? -1).map(toSummary);
    },
    getRun(id) {
      const row = findRow(id);
      if (!row) return undefined;
      const json = statements.report.get(row.id)?.report_json;
      return json ? (JSON.parse(json) as Report) : undefined;
    },
    getRunSummary(id) {
      const row = findRow(id);
      return row ? toSummary(row) : undefined;
    },
    close() {
      if (ownership.ownsDatabase && db.open) db.close();
    },
  };
}
