import { APICallError, NoObjectGeneratedError } from "ai";
import { JigError, UsageError } from "../core/errors.js";
import { parseRetryAfter } from "../core/retry.js";

/** Why a model call failed, as far as retrying is concerned. */
export type ModelFailureKind =
  | "rate-limit"
  | "server"
  | "timeout"
  | "connection"
  | "malformed-response"
  | "invalid-output"
  | "client"
  | "aborted";

export interface ClassifiedFailure {
  kind: ModelFailureKind;
  retryable: boolean;
  /** From `retry-after-ms` / `retry-after`, when the server sent one. */
  retryAfterMs?: number;
  status?: number;
  message: string;
}

/**
 * Sort an error from the AI SDK (or the command model) into a kind. Pure:
 * `timedOut` tells whether our per-call timeout fired, `now` dates an HTTP-date
 * `retry-after`.
 */
export function classifyModelError(
  error: unknown,
  context: { timedOut: boolean; aborted: boolean; now: number },
): ClassifiedFailure {
  if (context.timedOut) return { kind: "timeout", retryable: true, message: "timed out" };
  if (context.aborted) return { kind: "aborted", retryable: false, message: "aborted" };
  if (NoObjectGeneratedError.isInstance(error)) {
    return { kind: "invalid-output", retryable: false, message: describeOutputProblems(error) };
  }
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    const retryAfterMs = parseRetryAfter(error.responseHeaders, context.now);
    const base = {
      ...(status !== undefined ? { status } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
    if (status === 429)
      return {
        kind: "rate-limit",
        retryable: true,
        message: `HTTP 429 ${firstLine(error.message)}`,
        ...base,
      };
    if (status !== undefined && status >= 500)
      return {
        kind: "server",
        retryable: true,
        message: `HTTP ${status} ${firstLine(error.message)}`,
        ...base,
      };
    if (/Invalid JSON response|Type validation failed/i.test(error.message)) {
      return {
        kind: "malformed-response",
        retryable: true,
        message: `malformed response: ${firstLine(error.message)}`,
        ...base,
      };
    }
    if (
      status === undefined &&
      /Cannot connect|fetch failed|ECONNREFUSED|ECONNRESET|socket/i.test(error.message)
    ) {
      return { kind: "connection", retryable: true, message: firstLine(error.message), ...base };
    }
    if (status === 408 || status === 409)
      return { kind: "server", retryable: true, message: `HTTP ${status}`, ...base };
    return {
      kind: "client",
      retryable: error.isRetryable,
      message: firstLine(error.message),
      ...base,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  const code =
    (error as { cause?: { code?: unknown }; code?: unknown })?.cause?.code ??
    (error as { code?: unknown })?.code;
  if (typeof code === "string" && /^(ECONN|ENOTFOUND|EAI_AGAIN|EPIPE|UND_ERR)/.test(code)) {
    return { kind: "connection", retryable: true, message: `${code} ${firstLine(message)}` };
  }
  if (/JSON|Unexpected token|Unexpected end/i.test(message)) {
    return {
      kind: "malformed-response",
      retryable: true,
      message: `malformed response: ${firstLine(message)}`,
    };
  }
  return { kind: "client", retryable: false, message: firstLine(message) };
}

/**
 * A model call that failed, thrown once its retries are spent (or at once
 * when the failure is not worth a retry). Exit 4. `isRetryable` and
 * `retryAfterMs` say whether another try could succeed and when, as the AI
 * SDK's `APICallError` does; the client's retry loop reads them.
 */
export class ModelCallError extends JigError {
  readonly modelId: string;
  readonly attempts: number;
  readonly kind: ModelFailureKind;
  readonly isRetryable: boolean;
  readonly retryAfterMs: number | undefined;
  constructor(
    modelId: string,
    attempts: number,
    failure: ClassifiedFailure,
    options?: { cause?: unknown },
  ) {
    super(
      "models/call-failed",
      `${modelId} failed after ${attempts} attempt${attempts === 1 ? "" : "s"} (${failure.kind}: ${failure.message})`,
      { cause: options?.cause },
    );
    this.name = "ModelCallError";
    this.modelId = modelId;
    this.attempts = attempts;
    this.kind = failure.kind;
    this.isRetryable = failure.retryable;
    this.retryAfterMs = failure.retryAfterMs;
  }
}

/** The model's answer failed the schema twice (once re-asked with the errors). */
export class ModelOutputError extends JigError {
  readonly modelId: string;
  readonly problems: string;
  constructor(modelId: string, problems: string) {
    super(
      "models/invalid-output",
      `${modelId} returned output that fails the schema twice, the second time after being shown the errors: ${problems}`,
    );
    this.name = "ModelOutputError";
    this.modelId = modelId;
    this.problems = problems;
  }
}

/** The `code` of a {@link BudgetExceededError}, as it reaches a layer's report. */
export const BUDGET_EXCEEDED_CODE = "models/budget";

/** Spending would exceed `--max-cost`; raised before the call is made. Exit 2. */
export class BudgetExceededError extends UsageError {
  constructor(message: string) {
    super(message, { code: BUDGET_EXCEEDED_CODE });
    this.name = "BudgetExceededError";
  }
}

/** Replay mode without a recorded answer for this call. Exit 2. */
export class CassetteMissError extends UsageError {
  constructor(message: string) {
    super(message, { code: "models/cassette-miss" });
    this.name = "CassetteMissError";
  }
}

/** Validation issues as zod reports them: where, and what is wrong. */
interface OutputIssue {
  path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>;
  message?: unknown;
}

/**
 * Why a model's answer failed the schema, on one line: `path: message` for
 * each validation issue (the first few, then a count), or the first line of
 * the parse error. The SDK's own message dumps the value and a pretty-printed
 * issue list; that is unreadable as a layer error and bloats the re-ask.
 * Pure.
 */
export function describeOutputProblems(error: unknown, limit = 6): string {
  const issues = findIssues(error);
  if (issues && issues.length > 0) {
    const shown = issues.slice(0, limit).map((issue) => {
      const path = (issue.path ?? [])
        .map((part) => String(typeof part === "object" ? part.key : part))
        .join(".");
      const message = typeof issue.message === "string" ? issue.message : "invalid";
      return `${path || "(root)"}: ${firstLine(message)}`;
    });
    const more = issues.length > limit ? `; and ${issues.length - limit} more` : "";
    return `${shown.join("; ")}${more}`;
  }
  let deepest: unknown = error;
  while (deepest instanceof Error && deepest.cause instanceof Error) deepest = deepest.cause;
  return firstLine(deepest instanceof Error ? deepest.message : String(error));
}

function findIssues(error: unknown): OutputIssue[] | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current !== undefined && current !== null; depth += 1) {
    if (Array.isArray(current)) return current as OutputIssue[];
    const issues = (current as { issues?: unknown }).issues;
    if (Array.isArray(issues)) return issues as OutputIssue[];
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function firstLine(text: string): string {
  return (text.split("\n")[0] ?? "").slice(0, 300);
}
