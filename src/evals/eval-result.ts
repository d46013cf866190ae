import type { AssertionResult } from "./compile-assertions.js";

export type RunStatus = "pass" | "fail" | "error";

/** One run of one scenario: what was stored, reported and scored. */
export interface EvalResult {
  suite: string;
  scenario: string;
  /** 0-based repeat index. */
  attempt: number;
  status: RunStatus;
  /** Weighted mean of the assertion scores, 0..1 (0 on error). */
  score: number;
  latencyMs: number;
  cached: boolean;
  /** The output, clipped to a few KB. */
  output?: string;
  /** Why the run errored (status `error`). */
  error?: string;
  stderrTail?: string;
  assertions: AssertionResult[];
}

/** A run's identity inside its eval run: `suite/scenario#attempt`. */
export function resultKey(suite: string, scenario: string, attempt: number): string {
  return `${suite}/${scenario}#${attempt}`;
}

/** What scoring needs to know about a suite without its file. Stored with each run. */
export interface SuiteMeta {
  suite: string;
  file?: string;
  threshold: number;
  covers: string[];
  scenarios: Array<{ id: string; covers: string[]; repeat: number }>;
}
