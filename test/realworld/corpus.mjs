// The real-world corpus as data: load the cases, rebuild them as commits of one
// scratch git repository, run jig's failure models on each range, and score the
// reports. Shared by `npm run bench:realworld` (which adds the linter baselines)
// and the regression test, so both measure exactly the same thing.
import { execFile as execFileCallback, spawn } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const execFile = promisify(execFileCallback);
export const corpusDir = dirname(fileURLToPath(import.meta.url));
export const figuresPath = join(corpusDir, "figures.json");
/** recheck verdicts on the corpus regexes, seeded into each run (see buildCorpusRepo). */
export const CODE_REGEX_VERDICTS = join(corpusDir, "code-regex-verdicts.json");
const BLOCKING = new Set(["high", "critical"]);

/** Every case file, sorted by id so runs are comparable. */
export async function loadCases(dir = join(corpusDir, "cases")) {
  const names = (await readdir(dir)).filter((name) => name.endsWith(".json")).sort();
  return Promise.all(
    names.map(async (name) => JSON.parse(await readFile(join(dir, name), "utf8"))),
  );
}

/**
 * Test code, by the conventions of the corpus's three languages. A finding
 * there does not count as a catch or as noise: the measure is a
 * finding on a non-test file.
 */
export function isTestPath(path) {
  return (
    /(^|\/)(tests?|__tests__|specs?|testdata|_?fixtures?|_fixture|testing)\//i.test(path) ||
    /[._-](test|spec)s?\.[cm]?[jt]sx?$/i.test(path) ||
    /_test\.go$/.test(path) ||
    /(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$/.test(path)
  );
}

function quotePath(path) {
  return /^[\x21-\x7e]+$/.test(path) && !path.startsWith('"') ? path : JSON.stringify(path);
}

function blob(text) {
  return `data ${Buffer.byteLength(text)}\n${text}\n`;
}

/**
 * One repository for the whole corpus: each case is an orphan pair of
 * commits (its files before, then after) on branch `c<index>`. git
 * fast-import writes all of them in one process, which is what keeps the
 * corpus cheap enough to run inside `npm test`.
 */
export async function buildCorpusRepo(cases) {
  const repo = await mkdtemp(join(tmpdir(), "jig-realworld-"));
  await execFile("git", ["init", "-q", repo]);
  const parts = [];
  cases.forEach((c, index) => {
    const who = "committer corpus <corpus@example.invalid> 0 +0000\n";
    parts.push(`commit refs/heads/c${index}\nmark :${2 * index + 1}\n${who}${blob("before")}`);
    for (const file of c.files) {
      if (file.before !== null)
        parts.push(`M 100644 inline ${quotePath(file.path)}\n${blob(file.before)}`);
    }
    parts.push(`\ncommit refs/heads/c${index}\nmark :${2 * index + 2}\n${who}${blob("after")}`);
    parts.push(`from :${2 * index + 1}\n`);
    for (const file of c.files) {
      if (file.after === null) parts.push(`D ${quotePath(file.path)}\n`);
      else parts.push(`M 100644 inline ${quotePath(file.path)}\n${blob(file.after)}`);
    }
    parts.push("\n");
  });
  await new Promise((resolve, reject) => {
    const child = spawn(
      "git",
      ["-C", repo, "fast-import", "--quiet", `--export-marks=${join(repo, ".git", "marks")}`],
      {
        stdio: ["pipe", "ignore", "pipe"],
      },
    );
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`git fast-import failed: ${stderr}`)),
    );
    child.stdin.end(parts.join(""));
  });
  const marks = new Map(
    (await readFile(join(repo, ".git", "marks"), "utf8"))
      .split("\n")
      .filter(Boolean)
      .map((line) => line.slice(1).split(" ")),
  );
  const ranges = cases.map((_, index) => ({
    base: marks.get(String(2 * index + 1)),
    head: marks.get(String(2 * index + 2)),
  }));
  // recheck's verdicts on the corpus's regexes, kept from the last --write:
  // a ReDoS analysis that times out on a loaded machine lets its regex
  // through, which would make the figures depend on the machine's load.
  // Only settled verdicts are kept; delete the file to analyse afresh.
  const cache = join(repo, ".jig", "cache", "code-regex-verdicts.json");
  await mkdir(dirname(cache), { recursive: true });
  await copyFile(CODE_REGEX_VERDICTS, cache).catch(() => undefined);
  return {
    repo,
    ranges,
    /** Keep this run's verdicts for the next (bench --write). */
    saveVerdicts: () => copyFile(cache, CODE_REGEX_VERDICTS),
    dispose: () => rm(repo, { recursive: true, force: true }),
  };
}

/** The head-side line numbers each file's change adds or modifies, from `git diff -U0`. */
export async function changedLines(repo, range) {
  const { stdout } = await execFile(
    "git",
    ["-C", repo, "diff", "-U0", "--no-renames", "--no-color", range.base, range.head],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const lines = new Map();
  let current = null;
  for (const line of stdout.split("\n")) {
    if (line.startsWith("+++ ")) {
      current = line === "+++ /dev/null" ? null : line.slice(6);
      if (current !== null && !lines.has(current)) lines.set(current, new Set());
    } else if (line.startsWith("@@") && current !== null) {
      const match = /\+(\d+)(?:,(\d+))?/.exec(line);
      const start = Number(match[1]);
      const count = match[2] === undefined ? 1 : Number(match[2]);
      for (let n = start; n < start + count; n++) lines.get(current).add(n);
    }
  }
  return lines;
}

/** Runs `work` over `items` with at most `limit` in flight, keeping the order. */
export async function mapLimit(items, limit, work) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * jig's verdict on each case, in process through the built library's
 * `runFailuresCheck` (the function behind `jig failures check --base --head`):
 * spawning the CLI per case costs a Node start-up each, which would keep the
 * corpus out of `npm test`. `spawnJig` runs the real binary instead.
 */
export async function runJigOnCases(cases, built, { concurrency = 4, distDir } = {}) {
  const dist = distDir ?? join(corpusDir, "..", "..", "dist");
  const { runFailuresCheck } = await import(join(dist, "index.js"));
  return mapLimit(cases, concurrency, async (_, index) => {
    const range = built.ranges[index];
    const report = await runFailuresCheck({
      cwd: built.repo,
      base: range.base,
      head: range.head,
      env: {},
      version: "realworld",
      now: () => new Date(),
    });
    return verdictOf(report);
  });
}

/** The same verdict from the built CLI, one process per case. */
export async function spawnJig(cases, built, { concurrency = 3, bin } = {}) {
  const jig = bin ?? join(corpusDir, "..", "..", "bin", "jig.js");
  return mapLimit(cases, concurrency, async (_, index) => {
    const range = built.ranges[index];
    const args = [
      jig,
      "failures",
      "check",
      "--base",
      range.base,
      "--head",
      range.head,
      "--format",
      "json",
    ];
    const { stdout } = await execFile(process.execPath, args, {
      cwd: built.repo,
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error) => {
      if (error.code === 1) return error;
      throw error;
    });
    return verdictOf(JSON.parse(stdout));
  });
}

function verdictOf(report) {
  const layerErrors = report.layers
    .filter((layer) => layer.status === "error")
    .map((layer) => layer.name);
  const blocking = report.findings.filter(
    (finding) => BLOCKING.has(finding.severity) && finding.file && !isTestPath(finding.file),
  );
  return {
    caught: blocking.length > 0,
    rules: [...new Set(blocking.map((finding) => finding.ruleId))].sort(),
    otherRules: [
      ...new Set(report.findings.filter((f) => !blocking.includes(f)).map((f) => f.ruleId)),
    ].sort(),
    layerErrors,
    files: report.change?.files ?? 0,
  };
}

function rate(hit, total) {
  return total === 0 ? null : Math.round((hit / total) * 10000) / 10000;
}

function tally(cases, verdicts, key) {
  const groups = {};
  cases.forEach((c, index) => {
    const name = c[key];
    groups[name] ??= { cases: 0, caught: 0 };
    groups[name].cases++;
    if (verdicts[index].caught) groups[name].caught++;
  });
  for (const group of Object.values(groups)) group.rate = rate(group.caught, group.cases);
  return Object.fromEntries(Object.entries(groups).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * The figures the issue asks for: catch rate on reversed fixes (overall, per
 * class, per language), noise on ordinary commits, and the rules that fired.
 */
export function scoreJig(cases, verdicts) {
  const defects = cases.map((c, i) => [c, verdicts[i]]).filter(([c]) => c.kind === "defect");
  const clean = cases.map((c, i) => [c, verdicts[i]]).filter(([c]) => c.kind === "clean");
  const rules = {};
  for (const [c, verdict] of [...defects, ...clean]) {
    for (const rule of verdict.rules) {
      rules[rule] ??= { defect: 0, clean: 0 };
      rules[rule][c.kind]++;
    }
  }
  const caught = defects.filter(([, v]) => v.caught).length;
  const noisy = clean.filter(([, v]) => v.caught).length;
  return {
    defects: defects.length,
    clean: clean.length,
    caught,
    catchRate: rate(caught, defects.length),
    noisy,
    noiseRate: rate(noisy, clean.length),
    perClass: tally(
      defects.map(([c]) => c),
      defects.map(([, v]) => v),
      "class",
    ),
    perLanguage: tally(
      defects.map(([c]) => c),
      defects.map(([, v]) => v),
      "language",
    ),
    noisePerLanguage: tally(
      clean.map(([c]) => c),
      clean.map(([, v]) => v),
      "language",
    ),
    rules: Object.fromEntries(Object.entries(rules).sort(([a], [b]) => a.localeCompare(b))),
    caughtCases: defects.filter(([, v]) => v.caught).map(([c]) => c.id),
    noisyCases: clean.filter(([, v]) => v.caught).map(([c]) => c.id),
    layerErrors: cases.filter((_, i) => verdicts[i].layerErrors.length > 0).map((c) => c.id),
  };
}

/** What the corpus holds, per kind, class, language and project. */
export function describeCorpus(cases) {
  const count = (list, key) => {
    const out = {};
    for (const c of list) out[c[key]] = (out[c[key]] ?? 0) + 1;
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
  };
  const defects = cases.filter((c) => c.kind === "defect");
  return {
    defects: defects.length,
    clean: cases.length - defects.length,
    projects: new Set(cases.map((c) => c.project)).size,
    defectsPerClass: count(defects, "class"),
    defectsPerLanguage: count(defects, "language"),
    cleanPerLanguage: count(
      cases.filter((c) => c.kind === "clean"),
      "language",
    ),
    casesPerProject: count(cases, "project"),
  };
}
