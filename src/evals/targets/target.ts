import type { ScenarioData } from "../suite-schema.js";

/** What one run of a target produced. Assertions read only this. */
export interface TargetOutput {
  /** stdout, response body, model text, or the module's return value as text. */
  text: string;
  /** command targets. */
  exitCode?: number;
  /** http targets. */
  status?: number;
  /** Wall time of the call, ms. Zero when answered from the cache. */
  latencyMs: number;
  /** module targets: the value returned, before it was turned into text. */
  value?: unknown;
  /** The model answer came from the cache. */
  cached?: boolean;
  /** command targets: the last lines of stderr, for failure messages. */
  stderrTail?: string;
}

/** One call: the scenario's input and vars, already resolved. */
export interface TargetCall {
  scenario: ScenarioData;
  /** The scenario input as text (JSON for non-string YAML values). */
  input: string;
  timeoutMs: number;
  /** false: do not answer from the cache (`cache: false` or `--no-cache`). */
  useCache: boolean;
}

/**
 * How a scenario is run. Four implementations (command, http, model,
 * module) share one conformance suite. `call` resolves with an output or
 * rejects with a `TargetError`; any other rejection is a bug.
 */
export interface Target {
  readonly kind: "command" | "http" | "model" | "module";
  call(call: TargetCall): Promise<TargetOutput>;
  /** Release sockets and child processes. */
  close(): Promise<void>;
}

/**
 * A run that could not produce an output: the target did not start, timed
 * out, was killed, or a transient error survived its retries. Counted as
 * unsatisfied and shown as an error, never as an assertion failure.
 */
export class TargetError extends Error {
  readonly transient: boolean;
  readonly stderrTail: string | undefined;
  constructor(
    message: string,
    options: { transient?: boolean; stderrTail?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "TargetError";
    this.transient = options.transient ?? false;
    this.stderrTail = options.stderrTail;
  }
}

/** Last `lines` lines of a process's stderr, trimmed, for error messages. */
export function tail(text: string, lines = 5, maxChars = 800): string {
  const kept = text.trimEnd().split("\n").slice(-lines).join("\n");
  return kept.length > maxChars ? `…${kept.slice(-maxChars)}` : kept;
}

/** Environment variable name of a scenario var: `orderId` → `JIG_VAR_ORDERID`. */
export function varEnvName(name: string): string {
  return `JIG_VAR_${name.toUpperCase().replace(/[^A-Z0-9_]/g, "_")}`;
}
