import { compileGlobs } from "../core/index.js";
import type { EvalSuite } from "./parse-suite.js";

/**
 * Suites whose `covers` globs match any changed path (repo-relative POSIX).
 * Pure. A suite without `covers` is never selected by a change: it runs
 * only when named or when everything runs.
 */
export function selectSuitesForChange(
  suites: readonly EvalSuite[],
  changedPaths: readonly string[],
): EvalSuite[] {
  return suites.filter((suite) => {
    if (suite.covers.length === 0) return false;
    const matches = compileGlobs(suite.covers, { dot: true }, `${suite.file} covers`);
    return changedPaths.some((path) => matches(path));
  });
}

/**
 * Suites named on the command line, by id or by file path. Returns the
 * names that matched nothing so the CLI can say so.
 */
export function selectSuitesByName(
  suites: readonly EvalSuite[],
  names: readonly string[],
): { selected: EvalSuite[]; unknown: string[] } {
  if (names.length === 0) return { selected: [...suites], unknown: [] };
  const unknown: string[] = [];
  const picked = new Set<EvalSuite>();
  for (const name of names) {
    const match = suites.filter(
      (suite) => suite.suite === name || suite.file === name || suite.file.endsWith(`/${name}`),
    );
    if (match.length === 0) unknown.push(name);
    for (const suite of match) picked.add(suite);
  }
  return { selected: suites.filter((suite) => picked.has(suite)), unknown };
}
