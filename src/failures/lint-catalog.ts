import type { Problem } from "../core/index.js";
import type { AstEngine } from "./ast-engine.js";
import type { CodeRegexVerdictStore } from "./code-regex-verdict-file.js";
import { type CompiledDetector, type CompileOptions, compileCatalog } from "./compile-catalog.js";
import type { CatalogEntry } from "./failure-model.js";
import { detectLocation, findDuplicateIds } from "./parse-catalog-file.js";
import type { RegexSafetyChecker } from "./regex-safety.js";

export interface LintOptions {
  checker: RegexSafetyChecker;
  astEngine?: AstEngine;
  /** How many regexes are checked at once. */
  concurrency?: number;
  /** Handed to the compiled `unsafeRegex` scans (see {@link CompileOptions}). */
  codeRegexVerdicts?: CodeRegexVerdictStore;
}

/** Lint result: every problem found, plus the detectors that compiled. */
export interface CatalogLint {
  problems: Problem[];
  detectors: CompiledDetector[];
}

/**
 * Everything `jig failures lint` checks beyond the schema: duplicate ids,
 * regexes that do not compile, ast rules ast-grep rejects, and regexes at
 * risk of catastrophic backtracking. A vulnerable regex is an error: it could
 * hang the gate on a crafted line. A regex the checker could not decide is a
 * warning.
 *
 * @example
 * const { problems } = await lintCatalog(entries, { checker: createRecheckChecker(), astEngine: loadAstEngine() });
 */
export async function lintCatalog(
  entries: ReadonlyArray<CatalogEntry>,
  options: LintOptions,
): Promise<CatalogLint> {
  const problems: Problem[] = [...findDuplicateIds(entries)];
  const compiled = compileCatalog(entries, {
    ...(options.astEngine ? { astEngine: options.astEngine } : {}),
    ...(options.codeRegexVerdicts ? { codeRegexVerdicts: options.codeRegexVerdicts } : {}),
  });
  problems.push(...compiled.problems);
  const jobs: Array<() => Promise<Problem | undefined>> = [];
  for (const detector of compiled.detectors) {
    for (const key of ["added", "removed", "absent", "unlessAdded"] as const) {
      const pattern = detector[key];
      if (!pattern) continue;
      jobs.push(async () => {
        const verdict = await options.checker.check(pattern.source, pattern.flags);
        if (verdict.status === "safe") return undefined;
        const entry = detector.entry;
        const at = detectLocation(entry, key);
        if (verdict.status === "vulnerable") {
          return {
            code: "catalog/redos",
            path: entry.file,
            message: `${entry.id}: detect.${key} risks catastrophic backtracking${verdict.attack ? ` (attack: ${verdict.attack})` : ""}; remove nested or overlapping quantifiers`,
            ...at,
          };
        }
        return {
          code: "catalog/redos-unknown",
          path: entry.file,
          message: `${entry.id}: detect.${key} could not be proven safe from catastrophic backtracking in time; simplify it`,
          severity: "warning",
          ...at,
        };
      });
    }
  }
  const results = await runLimited(jobs, options.concurrency ?? 2);
  for (const problem of results) if (problem) problems.push(problem);
  problems.sort(compareProblems);
  const failing = new Set(
    problems
      .filter((problem) => problem.severity !== "warning")
      .map((problem) => `${problem.path}:${problem.line}`),
  );
  // A detector with an error anywhere in its entry is not run.
  const detectors = compiled.detectors.filter((detector) => {
    for (const key of ["added", "removed", "absent", "unlessAdded"] as const) {
      const at = detector.entry.locations[key];
      if (at && failing.has(`${detector.entry.file}:${at.line}`)) return false;
    }
    return true;
  });
  return { problems, detectors };
}

/** True when any problem is an error (warnings do not fail lint). */
export function hasErrors(problems: ReadonlyArray<Problem>): boolean {
  return problems.some((problem) => problem.severity !== "warning");
}

function compareProblems(left: Problem, right: Problem): number {
  if (left.path !== right.path) return left.path < right.path ? -1 : 1;
  return (left.line ?? 0) - (right.line ?? 0) || (left.column ?? 0) - (right.column ?? 0);
}

async function runLimited<T>(jobs: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results = new Array<T>(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await (jobs[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}
