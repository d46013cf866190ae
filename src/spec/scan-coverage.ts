import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { type CoverageReference, findEvalReferences, findTestReferences } from "./trace-spec.js";

const SKIP_DIRS = new Set(["node_modules", ".git", "dist", ".jig", "coverage"]);
const TEXT_EXTENSIONS =
  /\.(?:[cm]?[jt]sx?|py|go|rb|java|kt|kts|rs|php|cs|swift|scala|ex|exs|feature|sh|bats)$/i;
const TEST_FILE = /(?:\.(?:test|spec)\.[^/]+$)|(?:^|\/)test_[^/]+\.py$|_test\.(?:py|go)$/i;
const EVAL_FILE = /^evals\/.+\.ya?ml$/i;
const MAX_BYTES = 1_000_000;

/** Whether a repo-relative path is a test file the trace scans. */
export function isTestFile(path: string): boolean {
  if (!TEXT_EXTENSIONS.test(path)) return false;
  return TEST_FILE.test(path) || /^tests?\//.test(path);
}

/** Whether a repo-relative path is an eval file the trace scans. */
export function isEvalFile(path: string): boolean {
  return EVAL_FILE.test(path);
}

/**
 * Walk the repo for tests (`*.test.*`, `*.spec.*`, `test_*.py`, `test/`,
 * `tests/`) and eval files (`evals/**\/*.yaml`) and collect every criterion
 * they name. Skips node_modules, .git, dist, .jig and files over 1 MB.
 */
export async function scanCoverage(repoRoot: string): Promise<CoverageReference[]> {
  const references: CoverageReference[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // An unreadable folder has nothing we could trace.
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      const absolute = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) await walk(absolute, path);
        continue;
      }
      if (!entry.isFile()) continue;
      const test = isTestFile(path);
      const evals = !test && isEvalFile(path);
      if (!test && !evals) continue;
      const text = await readSmallFile(absolute);
      if (text === undefined) continue;
      references.push(...(test ? findTestReferences(text, path) : findEvalReferences(text, path)));
    }
  };
  await walk(repoRoot, "");
  return references;
}

async function readSmallFile(path: string): Promise<string | undefined> {
  try {
    if ((await stat(path)).size > MAX_BYTES) return undefined;
    return await readFile(path, "utf8");
  } catch {
    return undefined;
  }
}
