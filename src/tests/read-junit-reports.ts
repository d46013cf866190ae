import { readdir, readFile, stat } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";
import picomatch from "picomatch";
import { compileGlobs } from "../core/index.js";

/** One test case as a JUnit report gives it. */
export interface TestCaseResult {
  name: string;
  classname?: string;
  /** Repo-relative POSIX path, when the report gives one (a `file` attribute, or a classname that is a path). */
  file?: string;
  line?: number;
  status: "passed" | "failed" | "skipped";
  durationMs: number;
  /** The failure's message and the start of its details. */
  message?: string;
  /** The failure's full text (stack, diff), from which a location may be read. */
  details?: string;
}

/** What the reports held: the test cases, and the reports that could not be read. */
export interface JunitReading {
  /** Repo-relative paths of the reports read. */
  reports: string[];
  cases: TestCaseResult[];
  /** `path: why`, one per report that is not JUnit XML. */
  unreadable: string[];
}

const SKIP_DIRS = new Set(["node_modules", ".git"]);

/**
 * Files under `root` matching the globs, with their modification time. Only
 * the folders below each glob's fixed prefix are walked, so `.jig/junit.xml`
 * costs one `stat`, not a walk of the repository.
 */
export async function listReportFiles(
  root: string,
  globs: readonly string[],
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const glob of globs) {
    const scan = picomatch.scan(glob);
    const isMatch = compileGlobs(glob, { dot: true }, "jig.config.yaml tests.reports");
    if (!scan.isGlob) {
      const mtime = await mtimeOf(join(root, glob));
      if (mtime !== undefined) found.set(glob, mtime);
      continue;
    }
    const walk = async (dir: string): Promise<void> => {
      let entries: import("node:fs").Dirent[];
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        return; // no such folder yet: nothing written there
      }
      for (const entry of entries) {
        const absolute = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!SKIP_DIRS.has(entry.name)) await walk(absolute);
          continue;
        }
        const path = relative(root, absolute).split(sep).join("/");
        if (!entry.isFile() || !isMatch(path)) continue;
        const mtime = await mtimeOf(absolute);
        if (mtime !== undefined) found.set(path, mtime);
      }
    };
    await walk(join(root, scan.base));
  }
  return found;
}

async function mtimeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return undefined;
  }
}

/**
 * The reports written during this run: matched now, and either absent
 * before it or modified since. A report left from an earlier run never
 * speaks for this one.
 */
export function freshReports(
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
): string[] {
  return [...after]
    .filter(([path, mtime]) => {
      const earlier = before.get(path);
      return earlier === undefined || mtime > earlier;
    })
    .map(([path]) => path)
    .sort();
}

/** Parse the given reports (repo-relative) with junit2json. */
export async function readJunitReports(
  root: string,
  paths: readonly string[],
): Promise<JunitReading> {
  const reading: JunitReading = { reports: [], cases: [], unreadable: [] };
  if (paths.length === 0) return reading;
  // Loaded here, not at startup: only a run with reports pays for the XML
  // parser, and the tests layer starts loading it while the tests run.
  const { parse } = await import("junit2json");
  for (const path of paths) {
    let tree: unknown;
    try {
      tree = await parse(await readFile(join(root, path), "utf8"));
    } catch (error) {
      reading.unreadable.push(`${path}: ${firstLine((error as Error).message)}`);
      continue;
    }
    if (tree === null || tree === undefined || typeof tree !== "object") {
      reading.unreadable.push(`${path}: no <testsuites> or <testsuite> element`);
      continue;
    }
    reading.reports.push(path);
    collectCases(tree as JunitNode, root, reading.cases);
  }
  return reading;
}

/** A `<testsuites>` or `<testsuite>` as junit2json gives it; runners nest them freely. */
interface JunitNode {
  testsuite?: JunitNode[];
  testcase?: JunitCase[];
  file?: unknown;
}

interface JunitCase {
  name?: unknown;
  classname?: unknown;
  file?: unknown;
  line?: unknown;
  time?: unknown;
  skipped?: unknown[];
  failure?: Array<{ message?: unknown; inner?: unknown } | string>;
  error?: Array<{ message?: unknown; inner?: unknown } | string>;
}

function collectCases(node: JunitNode, root: string, into: TestCaseResult[], suiteFile?: string) {
  const file = typeof node.file === "string" ? node.file : suiteFile;
  for (const item of node.testcase ?? []) {
    const test = toCase(item, root, file);
    // `node --test` lists a test file without tests as a passing case named
    // by its absolute path: a file, not a test. A failing one (a syntax
    // error) stays, placed at that file.
    const ofFile = isAbsolute(test.name) ? repoPath(root, test.name) : undefined;
    if (ofFile !== undefined) {
      if (test.status === "passed") continue;
      test.file ??= ofFile;
    }
    into.push(test);
  }
  for (const child of node.testsuite ?? []) collectCases(child, root, into, file);
}

function toCase(item: JunitCase, root: string, suiteFile: string | undefined): TestCaseResult {
  const problems = [...(item.failure ?? []), ...(item.error ?? [])];
  const status = problems.length > 0 ? "failed" : item.skipped ? "skipped" : "passed";
  const result: TestCaseResult = {
    name: String(item.name ?? ""),
    status,
    durationMs: Math.round(Number(item.time ?? 0) * 1000) || 0,
  };
  if (item.classname !== undefined) result.classname = String(item.classname);
  const file = repoPath(root, typeof item.file === "string" ? item.file : suiteFile);
  if (file !== undefined) result.file = file;
  const line = Number(item.line);
  if (Number.isInteger(line) && line > 0) result.line = line;
  if (problems.length > 0) {
    const first = problems[0];
    const message = typeof first === "string" ? "" : String(first?.message ?? "");
    const inner = typeof first === "string" ? first : String(first?.inner ?? "");
    result.message = (message || firstLine(inner.trim())).slice(0, 500);
    result.details = inner.slice(0, 4000);
  }
  return result;
}

/** A report's path as repo-relative POSIX, or undefined when it points outside the repository. */
export function repoPath(root: string, path: string | undefined): string | undefined {
  if (path === undefined || path === "") return undefined;
  const bare = path.startsWith("file://") ? decodeURIComponent(path.slice(7)) : path;
  const rel = isAbsolute(bare) ? relative(root, bare) : bare;
  const posix = rel.split(sep).join("/").replace(/^\.\//, "");
  if (posix === "" || posix.startsWith("../") || isAbsolute(posix)) return undefined;
  return posix;
}

function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0] ?? "";
}
