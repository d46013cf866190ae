import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { ValidationError } from "../core/errors.js";
import type { Problem } from "../core/problem.js";
import { type EvalSuite, parseSuite } from "./parse-suite.js";

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
export async function loadSuites(dir: string, shownFrom: string): Promise<EvalSuite[]> {
  const files = (await listEvalFiles(dir)).filter(isSuiteFile);
  const problems: Problem[] = [];
  const suites: EvalSuite[] = [];
  const texts = await Promise.all(files.map((file) => readFile(join(dir, file), "utf8")));
  const owners = new Map<string, string>();
  files.forEach((file, index) => {
    const shown = relative(shownFrom, join(dir, file)) || file;
    const parsed = parseSuite(texts[index] ?? "", shown);
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
