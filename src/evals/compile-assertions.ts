import { createContext, Script } from "node:vm";
import { type JsonPathSegment, parseJsonPath, selectJsonPath } from "./json-path.js";
import type { AssertionData, AssertionType } from "./suite-schema.js";
import type { TargetOutput } from "./targets/target.js";

/** The verdict of one assertion on one run. */
export interface AssertionResult {
  type: AssertionType;
  pass: boolean;
  /** 0..1. Deterministic checks score 0 or 1. */
  score: number;
  weight: number;
  /** Why it failed (or the judge's reason). */
  reason?: string;
}

/** Grades a rubric with a model. Must not be the coder's model; the CLI checks. */
export interface Judge {
  grade(input: {
    rubric: string;
    output: string;
    model?: string | undefined;
    /** false: neither read nor write the judge's answer cache (`cache: false`, `--no-cache`). */
    useCache?: boolean | undefined;
  }): Promise<{
    pass: boolean;
    score?: number | undefined;
    reason: string;
  }>;
}

/** What an assertion sees of a run. */
export interface AssertionInput {
  output: TargetOutput;
  vars: Readonly<Record<string, unknown>>;
  /** false when the scenario says `cache: false` or the run `--no-cache`: llm-judge skips its cache too. */
  useCache?: boolean | undefined;
}

/** One assertion, compiled once per suite and applied to every run. */
export type CompiledAssertion = (
  input: AssertionInput,
  judge: Judge | undefined,
) => AssertionResult | Promise<AssertionResult>;

/** A JSON Schema validator factory; Ajv is loaded only when a suite needs it. */
export type SchemaCompiler = (
  schema: unknown,
) => ((data: unknown) => boolean) & { errors?: unknown };

const JS_TIMEOUT_MS = 1_000;

/**
 * Compile an assertion into a function of a run's output. Regexes, JSONPath
 * and scripts are prepared here, not per run, so checking a run costs
 * microseconds. Suites are trusted code: `javascript` runs in a `node:vm`
 * context with a timeout, which isolates globals but is not a sandbox.
 */
export function compileAssertion(
  assertion: AssertionData,
  compileSchema?: SchemaCompiler,
): CompiledAssertion {
  const { type, weight } = assertion;
  const threshold = assertion.threshold ?? (type === "llm-judge" ? 0.5 : 1);
  const result = (score: number, reason?: string): AssertionResult => {
    const pass = score >= threshold;
    const verdict: AssertionResult = { type, pass, score, weight };
    if (!pass && reason !== undefined) verdict.reason = reason;
    return verdict;
  };
  const bool = (ok: boolean, reason: () => string): AssertionResult =>
    ok ? result(1) : result(0, reason());
  const value = assertion.value;
  switch (type) {
    case "equals": {
      if (typeof value === "string") {
        const expected = value.trimEnd();
        return ({ output }) =>
          bool(
            output.text.trimEnd() === expected,
            () => `expected ${quote(expected)}, got ${quote(output.text)}`,
          );
      }
      const expected = JSON.stringify(canonical(value));
      return ({ output }) => {
        const parsed = jsonOf(output);
        return bool(
          parsed.ok && JSON.stringify(canonical(parsed.value)) === expected,
          () => `expected JSON ${clip(expected)}, got ${quote(output.text)}`,
        );
      };
    }
    case "contains": {
      const needle = String(value);
      return ({ output }) =>
        bool(
          output.text.includes(needle),
          () => `output does not contain ${quote(needle)}: ${quote(output.text)}`,
        );
    }
    case "not-contains": {
      const needle = String(value);
      return ({ output }) =>
        bool(!output.text.includes(needle), () => `output contains ${quote(needle)}`);
    }
    case "regex": {
      const pattern = new RegExp(String(value), assertion.flags ?? "");
      return ({ output }) => {
        pattern.lastIndex = 0;
        return bool(
          pattern.test(output.text),
          () => `output does not match /${pattern.source}/: ${quote(output.text)}`,
        );
      };
    }
    case "json-schema": {
      if (!compileSchema) throw new Error("json-schema assertions need a schema compiler");
      const validate = compileSchema(value);
      return ({ output }) => {
        const parsed = jsonOf(output);
        if (!parsed.ok) return result(0, `output is not JSON: ${quote(output.text)}`);
        return bool(
          validate(parsed.value),
          () => `does not match the schema: ${clip(JSON.stringify(validate.errors ?? []))}`,
        );
      };
    }
    case "json-path": {
      const parsed = parseJsonPath(assertion.path ?? "$");
      const segments: JsonPathSegment[] = parsed.ok ? parsed.segments : [];
      const expected = value === undefined ? undefined : JSON.stringify(canonical(value));
      return ({ output }) => {
        const json = jsonOf(output);
        if (!json.ok) return result(0, `output is not JSON: ${quote(output.text)}`);
        const selected = selectJsonPath(json.value, segments);
        if (!selected.found) return result(0, `${assertion.path} not found`);
        if (expected === undefined) return result(1);
        const actual = JSON.stringify(canonical(selected.value));
        return bool(
          actual === expected,
          () => `${assertion.path} is ${clip(actual ?? "undefined")}, expected ${clip(expected)}`,
        );
      };
    }
    case "javascript": {
      const script = new Script(`(${String(value)}\n)`, { filename: "assertion.js" });
      // One context per assertion, created once: building a context costs
      // ~0.5 ms, more than the whole rest of a run's bookkeeping.
      const sandbox: Record<string, unknown> = {};
      const context = createContext(sandbox);
      return ({ output, vars }) => {
        const json = jsonOf(output);
        sandbox.output = output.text;
        sandbox.json = json.ok ? json.value : undefined;
        sandbox.vars = vars;
        sandbox.exitCode = output.exitCode;
        sandbox.status = output.status;
        sandbox.latencyMs = output.latencyMs;
        let returned: unknown;
        try {
          returned = script.runInContext(context, { timeout: JS_TIMEOUT_MS });
        } catch (error) {
          return result(0, `expression threw: ${(error as Error).message}`);
        }
        const score =
          typeof returned === "number" ? Math.min(1, Math.max(0, returned)) : returned ? 1 : 0;
        return result(score, `expression ${clip(String(value))} gave ${clip(String(returned))}`);
      };
    }
    case "exit-code":
      return ({ output }) =>
        bool(
          output.exitCode === value,
          () => `exit code ${output.exitCode ?? "none"}, expected ${String(value)}`,
        );
    case "status":
      return ({ output }) =>
        bool(
          output.status === value,
          () => `status ${output.status ?? "none"}, expected ${String(value)}`,
        );
    case "latency-ms": {
      const limit = Number(value);
      return ({ output }) =>
        output.cached
          ? result(1)
          : bool(
              output.latencyMs <= limit,
              () => `took ${Math.round(output.latencyMs)} ms, limit ${limit} ms`,
            );
    }
    case "llm-judge": {
      const rubric = String(value);
      return async ({ output, useCache }, judge) => {
        if (!judge)
          return result(
            0,
            "no judge model configured (set evals.judgeModel or the assertion's model)",
          );
        const graded = await judge.grade({
          rubric,
          output: output.text,
          model: assertion.model,
          useCache,
        });
        const score = graded.score ?? (graded.pass ? 1 : 0);
        const verdict = result(score, graded.reason);
        verdict.reason = graded.reason;
        return verdict;
      };
    }
  }
}

/** Output parsed as JSON, once per run (module targets keep their value). */
export function jsonOf(output: TargetOutput): { ok: true; value: unknown } | { ok: false } {
  const memo = output as TargetOutput & {
    parsedJson?: { ok: true; value: unknown } | { ok: false };
  };
  if (memo.parsedJson) return memo.parsedJson;
  if (output.value !== undefined && typeof output.value !== "string") {
    memo.parsedJson = { ok: true, value: output.value };
  } else {
    try {
      memo.parsedJson = { ok: true, value: JSON.parse(output.text) };
    } catch {
      memo.parsedJson = { ok: false };
    }
  }
  return memo.parsedJson;
}

/** Key-sorted copy, so `{a,b}` equals `{b,a}`. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort())
      sorted[key] = canonical((value as Record<string, unknown>)[key]);
    return sorted;
  }
  return value;
}

function clip(text: string, max = 160): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function quote(text: string): string {
  return JSON.stringify(clip(text));
}
