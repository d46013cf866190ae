import type { JigDatabase } from "../store/index.js";
import type { AssertionResult } from "./compile-assertions.js";
import type { EvalResult, SuiteMeta } from "./eval-result.js";
import type { EvalSummary } from "./score-results.js";
import type { CompletionCache } from "./targets/chat-client.js";

/** The options a run was started with, stored so `--resume` can replay them. */
export interface EvalRunOptions {
  suites: string[];
  repeat?: number | undefined;
  filter?: string | undefined;
  shard?: string | undefined;
}

export interface EvalRunRecord {
  id: string;
  status: "running" | "finished";
  startedAt: string;
  finishedAt?: string;
  head?: string;
  headRef?: string;
  shard?: string;
  passed?: boolean;
  options: EvalRunOptions;
  suites: SuiteMeta[];
  summary?: EvalSummary;
}

/**
 * Eval runs in the jig SQLite store. Results and cache rows are group
 * committed: everything that finished in one event-loop turn is written in
 * one transaction on the next `setImmediate`, so a result is durable
 * (WAL, survives SIGKILL) within a millisecond of finishing, while sixteen
 * workers finishing together cost one commit instead of sixteen (a commit
 * is ~70 µs, more than the rest of a case's bookkeeping).
 */
export interface EvalStore {
  startRun(run: Omit<EvalRunRecord, "status">): void;
  recordResult(runId: string, result: EvalResult): void;
  finishRun(runId: string, finishedAt: string, summary: EvalSummary): void;
  getRun(id: string): EvalRunRecord | undefined;
  /** Runs whose id starts with `prefix`, newest first. */
  findRuns(prefix: string): EvalRunRecord[];
  /** The newest finished run tested at commit `head`. */
  latestRunAt(head: string, excludeId?: string): EvalRunRecord | undefined;
  listRuns(limit: number): EvalRunRecord[];
  results(runId: string): EvalResult[];
  cache: CompletionCache;
  /** Write everything pending now (also done by finishRun and results). */
  flush(): void;
}

interface RunRow {
  id: string;
  status: "running" | "finished";
  started_at: string;
  finished_at: string | null;
  head: string | null;
  head_ref: string | null;
  shard: string | null;
  passed: number | null;
  options_json: string;
  suites_json: string;
  summary_json: string | null;
}

interface ResultRow {
  suite: string;
  scenario: string;
  attempt: number;
  status: EvalResult["status"];
  score: number;
  latency_ms: number;
  cached: number;
  output: string | null;
  error: string | null;
  stderr_tail: string | null;
  assertions_json: string;
}

/** Eval store over a migrated jig database (`openJigDatabase`). */
export function createEvalStore(
  db: JigDatabase,
  options: { pid?: number; now?: () => Date } = {},
): EvalStore {
  const now = options.now ?? (() => new Date());
  const insertRun = db.prepare(
    `INSERT INTO eval_runs (id, status, started_at, head, head_ref, shard, options_json, suites_json, pid)
     VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertResult = db.prepare(
    `INSERT OR REPLACE INTO eval_results
       (run_id, suite, scenario, attempt, status, score, latency_ms, cached, output, error, stderr_tail, assertions_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const updateRun = db.prepare(
    `UPDATE eval_runs SET status = 'finished', finished_at = ?, passed = ?, summary_json = ? WHERE id = ?`,
  );
  const selectRun = db.prepare(`SELECT * FROM eval_runs WHERE id = ?`);
  const selectPrefix = db.prepare(
    `SELECT * FROM eval_runs WHERE id LIKE ? ESCAPE '\\' ORDER BY started_at DESC, id DESC`,
  );
  const selectAtHead = db.prepare(
    `SELECT * FROM eval_runs WHERE head = ? AND status = 'finished' AND id != ? ORDER BY started_at DESC, id DESC LIMIT 1`,
  );
  const selectList = db.prepare(
    `SELECT * FROM eval_runs ORDER BY started_at DESC, id DESC LIMIT ?`,
  );
  const selectResults = db.prepare(
    `SELECT suite, scenario, attempt, status, score, latency_ms, cached, output, error, stderr_tail, assertions_json
       FROM eval_results WHERE run_id = ? ORDER BY suite, scenario, attempt`,
  );
  const cacheGet = db.prepare(`SELECT text FROM eval_model_cache WHERE key = ?`).pluck();
  const cacheSet = db.prepare(
    `INSERT OR REPLACE INTO eval_model_cache (key, text, created_at) VALUES (?, ?, ?)`,
  );
  const pendingResults: Array<[string, EvalResult]> = [];
  const pendingCache = new Map<string, string>();
  let scheduled = false;
  const writeResult = (runId: string, result: EvalResult) =>
    insertResult.run(
      runId,
      result.suite,
      result.scenario,
      result.attempt,
      result.status,
      result.score,
      result.latencyMs,
      result.cached ? 1 : 0,
      result.output ?? null,
      result.error ?? null,
      result.stderrTail ?? null,
      JSON.stringify(result.assertions),
    );
  const writePending = db.transaction(() => {
    const at = now().toISOString();
    for (const [key, text] of pendingCache) cacheSet.run(key, text, at);
    for (const [runId, result] of pendingResults) writeResult(runId, result);
  });
  const flush = () => {
    scheduled = false;
    if (pendingResults.length === 0 && pendingCache.size === 0) return;
    writePending();
    pendingResults.length = 0;
    pendingCache.clear();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };

  return {
    startRun(run) {
      insertRun.run(
        run.id,
        run.startedAt,
        run.head ?? null,
        run.headRef ?? null,
        run.shard ?? null,
        JSON.stringify(run.options),
        JSON.stringify(run.suites),
        options.pid ?? null,
      );
    },
    recordResult(runId, result) {
      pendingResults.push([runId, result]);
      schedule();
    },
    finishRun(runId, finishedAt, summary) {
      flush();
      updateRun.run(finishedAt, summary.passed ? 1 : 0, JSON.stringify(summary), runId);
    },
    getRun(id) {
      const row = selectRun.get(id) as RunRow | undefined;
      return row ? toRecord(row) : undefined;
    },
    findRuns(prefix) {
      const escaped = prefix.replace(/[\\%_]/g, (char) => `\\${char}`);
      return (selectPrefix.all(`${escaped}%`) as RunRow[]).map(toRecord);
    },
    latestRunAt(head, excludeId) {
      const row = selectAtHead.get(head, excludeId ?? "") as RunRow | undefined;
      return row ? toRecord(row) : undefined;
    },
    listRuns(limit) {
      return (selectList.all(limit) as RunRow[]).map(toRecord);
    },
    flush,
    results(runId) {
      flush();
      return (selectResults.all(runId) as ResultRow[]).map(toResult);
    },
    cache: {
      get: (key) => pendingCache.get(key) ?? (cacheGet.get(key) as string | undefined),
      set: (key, text) => {
        pendingCache.set(key, text);
        schedule();
      },
    },
  };
}

function toRecord(row: RunRow): EvalRunRecord {
  const record: EvalRunRecord = {
    id: row.id,
    status: row.status,
    startedAt: row.started_at,
    options: JSON.parse(row.options_json) as EvalRunOptions,
    suites: JSON.parse(row.suites_json) as SuiteMeta[],
  };
  if (row.finished_at) record.finishedAt = row.finished_at;
  if (row.head) record.head = row.head;
  if (row.head_ref) record.headRef = row.head_ref;
  if (row.shard) record.shard = row.shard;
  if (row.passed !== null) record.passed = row.passed === 1;
  if (row.summary_json) record.summary = JSON.parse(row.summary_json) as EvalSummary;
  return record;
}

function toResult(row: ResultRow): EvalResult {
  const result: EvalResult = {
    suite: row.suite,
    scenario: row.scenario,
    attempt: row.attempt,
    status: row.status,
    score: row.score,
    latencyMs: row.latency_ms,
    cached: row.cached === 1,
    assertions: JSON.parse(row.assertions_json) as AssertionResult[],
  };
  if (row.output !== null) result.output = row.output;
  if (row.error !== null) result.error = row.error;
  if (row.stderr_tail !== null) result.stderrTail = row.stderr_tail;
  return result;
}
