import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { ValidationError } from "../core/errors.js";
import type { Problem } from "../core/problem.js";
import { readTextFile } from "../core/read-text-file.js";
import { type EvalSuite, parseSuite } from "./parse-suite.js";
import type { EvalSuiteData } from "./suite-schema.js";

/** A content-addressed text cache (the store's eval cache table). */
export interface TextCache {
  get(key: string): string | undefined;
  set(key: string, text: string): void;
}

/** Bump when the suite schema or its defaults change, so old parses are not reused. */
const SUITE_CACHE_VERSION = "suite-v2";

/**
 * YAML parsing is by far the largest per-scenario cost of a run (~0.2 ms
 * per scenario with the \`yaml\` package), so a valid suite's parsed form is
 * cached by the sha256 of its text. Only valid suites are cached: a suite
 * with problems is always parsed again to report them with locations.
 */
function parseCached(
  text: string,
  shown: string,
  cache: TextCache | undefined,
): ReturnType<typeof parseSuite> {
  if (!cache) return parseSuite(text, shown);
  const key = `${SUITE_CACHE_VERSION}:${createHash("sha256").update(text).digest("hex")}`;
  const hit = cache.get(key);
  if (hit !== undefined)
    return { suite: { ...(JSON.parse(hit) as EvalSuiteData), file: shown }, problems: [] };
  const parsed = parseSuite(text, shown);
  if (parsed.suite) {
    const { file: _file, ...data } = parsed.suite;
    cache.set(key, JSON.stringify(data));
  }
  return parsed;
}

/** The seal's file name inside `evals.dir`. */
export const SEAL_FILE = ".jig-seal.json";

/**
 * Every file under `dir` (POSIX paths relative to it), skipping `.git/` and
 * the seal. A missing dir is an empty list: a project may have no evals yet.
 */
export async function listEvalFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (current: string): Promise<void> => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    for (const entry of entries) {
      if (entry.name === ".git" || entry.name === "node_modules") continue;
      const full = join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && !(current === dir && entry.name === SEAL_FILE)) {
        found.push(relative(dir, full).split(sep).join("/"));
      }
    }
  };
  await walk(dir);
  return found.sort();
}

/** Whether a path inside `evals.dir` is a suite (the rest are fixtures). */
export function isSuiteFile(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

/**
 * Read and validate every suite in `dir`. All problems of all files are
 * collected and thrown at once as a `ValidationError` (exit 2, one
 * `file:line:col` line each).
 *
 * @param shownFrom files are shown relative to this dir (the user's cwd).
 */
export async function loadSuites(
  dir: string,
  shownFrom: string,
  options: { cache?: TextCache | undefined } = {},
): Promise<EvalSuite[]> {
  const files = (await listEvalFiles(dir)).filter(isSuiteFile);
  const problems: Problem[] = [];
  const suites: EvalSuite[] = [];
  const texts = await Promise.all(files.map((file) => readTextFile(join(dir, file))));
  const owners = new Map<string, string>();
  files.forEach((file, index) => {
    const shown = relative(shownFrom, join(dir, file)) || file;
    const parsed = parseCached(texts[index] ?? "", shown, options.cache);
    problems.push(...parsed.problems);
    if (!parsed.suite) return;
    const owner = owners.get(parsed.suite.suite);
    if (owner) {
      problems.push({
        code: "eval/duplicate-suite",
        path: shown,
        message: `suite id "${parsed.suite.suite}" is already used by ${owner}`,
        line: 1,
        column: 1,
      });
      return;
    }
    owners.set(parsed.suite.suite, shown);
    suites.push(parsed.suite);
  });
  if (problems.length > 0) throw new ValidationError(problems);
  return suites;
}
