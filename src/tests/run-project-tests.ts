import { mkdir, readdir, readFile, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import picomatch from "picomatch";
import { findTestMarks, isTestFile, type TestMark } from "../spec/index.js";
import { freshReports, listReportFiles, readJunitReports, repoPath } from "./read-junit-reports.js";
import { runTestCommand, type TestCommandOutcome } from "./run-test-command.js";
import type { TestRun } from "./test-run.js";
import { locateTestCases } from "./trace-test-cases.js";

export interface ProjectTestsInput {
  /** The tree the tests run in: the repository root of the change. */
  root: string;
  command: readonly string[];
  reports: readonly string[];
  timeoutMs: number;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  signal?: AbortSignal;
}

/** The run, plus what the layer needs to explain it. */
export interface ProjectTestsResult {
  run: TestRun;
  outcome: TestCommandOutcome;
  /** Repo-relative reports read. */
  reports: string[];
}

const WARM_UP =
  '<testsuites><testsuite name="w"><testcase name="w" time="0"/></testsuite></testsuites>';

/**
 * Run the project's test command and read the JUnit reports it wrote. The
 * reports' modification times are taken before the run, so a report left
 * by an earlier run (of another change) is never read as this one's.
 */
export async function runProjectTests(input: ProjectTestsInput): Promise<ProjectTestsResult> {
  const startedAt = input.now().toISOString();
  await makeReportFolders(input.root, input.reports);
  const before = await listReportFiles(input.root, input.reports);
  // The parser loads, and the test files are scanned for criterion ids,
  // while the tests run: the layer adds little to the project's own test time.
  // A first parse compiles the XML parser's code, tens of milliseconds cold:
  // one tiny report is parsed now, so that cost falls inside the test run too.
  import("junit2json").then(({ parse }) => parse(WARM_UP)).catch(() => {});
  const scanning = scanTestMarks(input.root);
  const outcome = await runTestCommand({
    argv: input.command,
    cwd: input.root,
    env: input.env,
    timeoutMs: input.timeoutMs,
    ...(input.signal ? { signal: input.signal } : {}),
  });
  const base = {
    startedAt,
    command: input.command,
    exitCode: outcome.exitCode,
    durationMs: outcome.durationMs,
  };
  const crash = crashOf(input, outcome);
  if (crash !== undefined && (outcome.timedOut || outcome.spawnError !== undefined)) {
    return { run: { ...base, status: "error", cases: [], error: crash }, outcome, reports: [] };
  }
  const fresh = freshReports(before, await listReportFiles(input.root, input.reports));
  const reading = await readJunitReports(input.root, fresh);
  if (crash !== undefined && (reading.reports.length === 0 || reading.unreadable.length > 0)) {
    const why =
      reading.unreadable.length > 0
        ? `its report is not JUnit XML (${reading.unreadable.join("; ")})`
        : `it wrote no report matching ${input.reports.join(", ") || "tests.reports (empty)"}`;
    return {
      run: { ...base, status: "error", cases: [], error: `${crash}, and ${why}` },
      outcome,
      reports: reading.reports,
    };
  }
  if (reading.unreadable.length > 0) {
    return {
      run: {
        ...base,
        status: "error",
        cases: [],
        error: `cannot read the JUnit report: ${reading.unreadable.join("; ")}`,
      },
      outcome,
      reports: reading.reports,
    };
  }
  const cases = locateTestCases(reading.cases, await scanning);
  const failed = cases.some((test) => test.status === "failed");
  if (crash !== undefined && !failed) {
    // A non-zero exit with every reported test passing: the runner broke after (or before) them.
    return {
      run: {
        ...base,
        status: "error",
        cases,
        error: `${crash}, though no test in its report failed`,
      },
      outcome,
      reports: reading.reports,
    };
  }
  return {
    run: { ...base, status: failed ? "failed" : "passed", cases },
    outcome,
    reports: reading.reports,
  };
}

/**
 * Runners such as `node --test` do not create the folder of their report
 * (`.jig/` is absent in a fresh clone): create each report's fixed folder
 * inside the repository first.
 */
async function makeReportFolders(root: string, globs: readonly string[]): Promise<void> {
  for (const glob of globs) {
    const scan = picomatch.scan(glob);
    const folder = scan.isGlob ? scan.base : dirname(glob);
    const inside = repoPath(root, resolve(root, folder));
    if (inside !== undefined) await mkdir(join(root, inside), { recursive: true });
  }
}

/** Why the command did not end cleanly, in words, or undefined when it exited 0. */
function crashOf(input: ProjectTestsInput, outcome: TestCommandOutcome): string | undefined {
  const shown = input.command.join(" ");
  const tail = outcome.outputTail.trim().split(/\r?\n/).slice(-3).join(" | ").slice(0, 300);
  const output = tail === "" ? "" : ` (output: ${tail})`;
  if (outcome.spawnError !== undefined) return `cannot start '${shown}': ${outcome.spawnError}`;
  if (outcome.timedOut) {
    return `'${shown}' timed out after ${input.timeoutMs / 1000} s and was killed with its process group${output}`;
  }
  if (outcome.signal !== null) return `'${shown}' was killed by ${outcome.signal}${output}`;
  if (outcome.exitCode !== 0) return `'${shown}' exited with code ${outcome.exitCode}${output}`;
  return undefined;
}

const SKIP_DIRS = new Set([
  "node_modules",
  ".git",
  "dist",
  ".jig",
  "coverage",
  ".venv",
  "venv",
  "target",
]);
const MAX_BYTES = 1_000_000;

/** Every test declaration in the repository's test files, as `jig spec trace` finds them. */
export async function scanTestMarks(root: string): Promise<TestMark[]> {
  const marks: TestMark[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // an unreadable folder holds nothing we could trace
    }
    for (const entry of entries) {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      const absolute = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith(".")) await walk(absolute, path);
        continue;
      }
      if (!entry.isFile() || !isTestFile(path)) continue;
      try {
        if ((await stat(absolute)).size > MAX_BYTES) continue;
        marks.push(...findTestMarks(await readFile(absolute, "utf8"), path));
      } catch {
        // vanished or unreadable since the listing: no marks from it
      }
    }
  };
  await walk(root, "");
  return marks;
}
