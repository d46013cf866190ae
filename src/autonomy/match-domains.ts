import { compileGlobRegex } from "../core/index.js";

/** The catch-all domain: a path or call outside every configured domain. */
export const ANY_DOMAIN = "*";

/** Path → the names of the domains whose globs match it, in config order. */
export type DomainMatcher = (path: string) => string[];

/**
 * Compile `domains` from the config once; the guard calls the result per
 * tool call, so it does no glob parsing there. A path in no domain belongs to
 * `*`, which an autonomy.yaml entry can name like any other domain.
 */
export function createDomainMatcher(
  domains: Readonly<Record<string, readonly string[]>>,
): DomainMatcher {
  // Bare regular expressions: picomatch's matcher function costs ~1 µs a glob
  // per call (it builds a result object), and the guard runs this per tool call.
  const compiled = Object.entries(domains).map(([name, globs]) => ({
    name,
    patterns: globs.map((glob) => compileGlobRegex(glob, { dot: true }, `domains.${name}`)),
  }));
  return (path) => {
    const names: string[] = [];
    for (const domain of compiled) {
      if (domain.patterns.some((pattern) => pattern.test(path))) names.push(domain.name);
    }
    return names.length > 0 ? names : [ANY_DOMAIN];
  };
}

/** Every domain a set of changed paths touches, sorted, `*` included when a path is in none. */
export function touchedDomains(match: DomainMatcher, paths: readonly string[]): string[] {
  const names = new Set<string>();
  for (const path of paths) for (const name of match(path)) names.add(name);
  return [...names].sort();
}
