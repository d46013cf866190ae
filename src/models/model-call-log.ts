import type { JigDatabase } from "../store/index.js";
import type { ModelFailureKind } from "./model-errors.js";

/** One model call attempt, successful or not. Failed calls are kept, never dropped. */
export interface ModelCallRecord {
  /** Gate run or loop id, when known. */
  runId?: string;
  /** What the call was for: `review`, `interview`, `mine`... */
  purpose: string;
  modelId: string;
  key: string;
  /** `ok`: answered by the model; `cache`/`cassette`: answered without a call; `error`: failed. */
  status: "ok" | "cache" | "cassette" | "error";
  /** 1-based attempt number within the logical call. */
  attempt: number;
  errorKind?: ModelFailureKind;
  error?: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** Bytes of prompt sent (system + user), for the token-budget benchmarks. */
  promptBytes: number;
  durationMs: number;
  startedAt: string;
}

/** Where model calls are recorded. */
export interface ModelCallLog {
  record(call: ModelCallRecord): void;
}

/** Keeps records in an array: tests and `jig review`'s own summary. */
export function createMemoryModelCallLog(): ModelCallLog & { calls: ModelCallRecord[] } {
  const calls: ModelCallRecord[] = [];
  return { calls, record: (call) => void calls.push(call) };
}

/** Fan one record out to several logs. */
export function combineModelCallLogs(...logs: Array<ModelCallLog | undefined>): ModelCallLog {
  return {
    record(call) {
      for (const log of logs) log?.record(call);
    },
  };
}

/**
 * The `model_calls` table of jig's SQLite store. Each attempt is its own row
 * and is committed at once, so a crash mid-review still leaves the failures.
 */
export function createSqliteModelCallLog(db: JigDatabase): ModelCallLog {
  const insert = db.prepare(
    `INSERT INTO model_calls (run_id, purpose, model_id, call_key, status, attempt, error_kind, error,
                              input_tokens, output_tokens, cost_usd, prompt_bytes, duration_ms, started_at)
     VALUES (@runId, @purpose, @modelId, @key, @status, @attempt, @errorKind, @error,
             @inputTokens, @outputTokens, @costUsd, @promptBytes, @durationMs, @startedAt)`,
  );
  return {
    record(call) {
      insert.run({
        ...call,
        runId: call.runId ?? null,
        errorKind: call.errorKind ?? null,
        error: call.error ?? null,
        durationMs: Math.round(call.durationMs),
      });
    },
  };
}
