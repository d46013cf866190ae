import { type Dirent, lstatSync, readdirSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import picomatch from "picomatch";

/** What a shell glob expands to on disk now. */
export interface GlobExpansion {
  /** Absolute paths the pattern matches. */
  paths: string[];
  /**
   * Set when the walk stopped early: the folder the pattern starts from,
   * which the caller must then treat as reached as a whole.
   */
  truncated?: string;
}

const MAX_ENTRIES = 4000;
const GLOB_CHARACTERS = /[*?[]/;

/** Whether a word holds a character the shell would expand as a glob. */
export function hasGlob(word: string): boolean {
  return GLOB_CHARACTERS.test(word);
}

/**
 * Expand `pattern` against the file system the way a shell would just
 * before running the command, but wider: `**` descends (as with globstar),
 * `*` also matches dotfiles and case is ignored, so the guard sees at least
 * every path the shell could pass. Reads at most a few thousand directory
 * entries; beyond that it reports where it started instead.
 *
 * @example
 * expandShellGlob("ev*\/*.yaml", { cwd: "/repo", home: "/home/me" }).paths // ["/repo/evals/a.yaml"]
 */
export function expandShellGlob(
  pattern: string,
  base: { cwd: string; home: string },
): GlobExpansion {
  const expanded =
    pattern === "~" || pattern.startsWith("~/") ? base.home + pattern.slice(1) : pattern;
  const segments = expanded.split("/").filter((segment) => segment.length > 0);
  const start = isAbsolute(expanded) ? "/" : base.cwd;
  const firstGlob = segments.findIndex(hasGlob);
  const literalBase = resolve(start, ...segments.slice(0, Math.max(firstGlob, 0)));
  const budget = { left: MAX_ENTRIES };
  let current = [start];
  for (const [index, segment] of segments.entries()) {
    if (!hasGlob(segment)) {
      current = current.map((dir) => join(dir, segment));
      // After a wildcard, a literal name only matches where it exists.
      if (index > firstGlob) current = current.filter(exists);
      continue;
    }
    const next = segment === "**" ? below(current, budget) : matching(current, segment, budget);
    if (budget.left < 0) return { paths: [], truncated: literalBase };
    current = next;
    if (current.length === 0) break;
  }
  return { paths: current.map((path) => resolve(path)) };
}

/** The entries of `dirs` whose names match one glob segment. */
function matching(dirs: readonly string[], segment: string, budget: { left: number }): string[] {
  let match: picomatch.Matcher;
  try {
    match = picomatch(segment, { dot: true, nocase: true });
  } catch {
    // A segment picomatch refuses (too long, malformed) is judged like a glob
    // too broad to expand: by its literal base, which fails closed.
    budget.left = -1;
    return [];
  }
  const out: string[] = [];
  for (const dir of dirs) {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      continue;
    }
    budget.left -= entries.length;
    if (budget.left < 0) return [];
    for (const entry of entries) if (match(entry)) out.push(join(dir, entry));
  }
  return out;
}

/** `dirs` themselves and everything below them, for `**`. */
function below(dirs: readonly string[], budget: { left: number }): string[] {
  const out: string[] = [];
  const pending = [...dirs];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    out.push(dir);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    budget.left -= entries.length;
    if (budget.left < 0) return [];
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else out.push(path);
    }
  }
  return out;
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
