import { createRequire } from "node:module";

/** What the ReDoS checker concluded about one regex. */
export type RegexVerdict = "safe" | "vulnerable" | "unknown";

/**
 * Decides whether a regex risks catastrophic backtracking. An interface so
 * lint can be tested with a fake and so verdicts can be cached: the real
 * checker (recheck) takes up to a second on some patterns.
 */
export interface RegexSafetyChecker {
  check(
    source: string,
    flags: string,
  ): Promise<{ status: RegexVerdict; attack?: string; complexity?: "exponential" | "polynomial" }>;
}

/** Version tag of the verdicts; a new checker version invalidates cached verdicts. */
export const REGEX_CHECKER_ID = "recheck@4.5.0";

interface RecheckModule {
  check(
    source: string,
    flags: string,
    params?: { timeout?: number; checker?: "auto" | "automaton" },
  ): Promise<{
    status: "safe" | "vulnerable" | "unknown";
    attack?: { pattern?: string };
    complexity?: { type?: string };
  }>;
}

/**
 * The maintained checker, recheck, loaded on first use. Its native agent
 * runs checks concurrently. A check that times out is `unknown`, which lint
 * reports as a warning.
 */
export function createRecheckChecker(
  options: { timeoutMs?: number; automatonOnly?: boolean } = {},
): RegexSafetyChecker {
  let module: RecheckModule | undefined;
  return {
    async check(source, flags) {
      module ??= createRequire(import.meta.url)("recheck") as RecheckModule;
      const result = await module.check(source, flags, {
        timeout: options.timeoutMs ?? 30_000,
        // The automaton analysis is exact; the fuzzer can call a linear regex
        // vulnerable on a loaded machine, too noisy for findings in code.
        ...(options.automatonOnly ? { checker: "automaton" as const } : {}),
      });
      const attack = result.attack?.pattern;
      const type = result.complexity?.type;
      // Code scans report only exponential backtracking by default; lint treats both alike.
      const complexity: { complexity?: "exponential" | "polynomial" } =
        type === "exponential" || type === "polynomial" ? { complexity: type } : {};
      return attack === undefined
        ? { status: result.status, ...complexity }
        : { status: result.status, attack, ...complexity };
    },
  };
}

/** A store of verdicts keyed by {@link regexVerdictKey}. */
export interface RegexVerdictStore {
  get(key: string): RegexVerdict | undefined;
  set(key: string, verdict: RegexVerdict): void;
}

/** Cache key of one regex's verdict. */
export function regexVerdictKey(source: string, flags: string): string {
  return `${REGEX_CHECKER_ID} /${source}/${flags}`;
}

/**
 * Wrap a checker with verdict stores: `seed` (read-only, e.g. the verdicts
 * shipped with the starter catalog) and `cache` (read-write, the project's
 * `.jig/cache`). Only definite verdicts are cached; `unknown` is re-checked.
 */
export function withVerdictCache(
  inner: RegexSafetyChecker,
  stores: { seed?: RegexVerdictStore; cache?: RegexVerdictStore },
): RegexSafetyChecker {
  return {
    async check(source, flags) {
      const key = regexVerdictKey(source, flags);
      const known = stores.seed?.get(key) ?? stores.cache?.get(key);
      if (known) return { status: known };
      const result = await inner.check(source, flags);
      if (result.status !== "unknown") stores.cache?.set(key, result.status);
      return result;
    },
  };
}
