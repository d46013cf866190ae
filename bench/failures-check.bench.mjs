// Benchmark of `jig failures check` on a 2,000-file, 100,000-added-line change
// with the full starter catalog plus 250 synthetic regex entries, judged
// against the time `git diff` takes to produce the same change. A second case
// edits one tracked file to 25 MB (uncommitted): git streams that single file
// section in thousands of chunks, which once made the diff scan quadratic.
// Run after `npm run build`: node bench/failures-check.bench.mjs
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { git, JIG, timeCommand } from "./bench-utils.mjs";

const FILES = 2000;
const ADDED_PER_FILE = 50;
const SYNTHETIC = 250;
const RUNS = 7;

const WORDS = [
  "order",
  "user",
  "total",
  "items",
  "config",
  "result",
  "payload",
  "cache",
  "client",
  "request",
];

function line(file, index) {
  const a = WORDS[(file + index) % WORDS.length];
  const b = WORDS[(file * 7 + index * 3) % WORDS.length];
  switch (index % 5) {
    case 0:
      return `  const ${a}${index} = await ${b}Service.load(${a}Id, { retries: ${index % 4} });`;
    case 1:
      return `  if (!${a}${index - 1}) throw new Error("missing ${b} for " + ${a}Id);`;
    case 2:
      return `  logger.debug({ ${b}, step: ${index} }, "loaded ${a}");`;
    case 3:
      return `  ${b}.push(...${a}${index - 3}.entries.filter((entry) => entry.active));`;
    default:
      return `  return transform${index}(${a}${index - 4}, ${b});`;
  }
}

/** Synthetic project entries: realistic regex shapes, each with its own examples. */
function syntheticCatalog() {
  const entries = [];
  for (let index = 0; index < SYNTHETIC; index++) {
    const id = `FM-SYN-${String(index + 1).padStart(3, "0")}`;
    const shapes = [
      [
        `\\bsynthetic_call_${index}\\s*\\(`,
        `synthetic_call_${index}(x);`,
        `other_call_${index}(x);`,
      ],
      [
        `LEGACY_FLAG_${index}\\b`,
        `if (LEGACY_FLAG_${index}) run();`,
        `if (MODERN_FLAG_${index}) run();`,
      ],
      [`\\.deprecated${index}\\(`, `api.deprecated${index}(1);`, `api.current${index}(1);`],
      [
        `from\\s+["']legacy-${index}["']`,
        `import x from "legacy-${index}";`,
        `import x from "modern-${index}";`,
      ],
      [
        `(?i)token_${index}\\s*[:=]\\s*["'][A-Za-z0-9]{12}`,
        `token_${index} = "abcdefabcdef12"`,
        `token_${index} = env.TOKEN`,
      ],
    ];
    const [regex, bad, good] = shapes[index % shapes.length];
    entries.push(
      [
        `  - id: ${id}`,
        `    title: Synthetic failure ${index + 1}`,
        "    severity: low",
        "    trigger: Synthetic entry for the benchmark.",
        "    symptoms: [none]",
        "    fix: None.",
        "    source: benchmark",
        "    detect:",
        `      added: '${regex.replaceAll("'", "''")}'`,
        "    examples:",
        `      bad: ['${bad.replaceAll("'", "''")}']`,
        `      good: ['${good.replaceAll("'", "''")}']`,
      ].join("\n"),
    );
  }
  return `domain: synthetic\nfailures:\n${entries.join("\n")}\n`;
}

export function buildRepo() {
  const dir = mkdtempSync(join(tmpdir(), "jig-bench-failures-"));
  const write = (path, content) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  git(dir, "init", "-q", "-b", "main");
  git(dir, "config", "commit.gpgsign", "false");
  for (let file = 0; file < FILES; file++) {
    write(
      `src/module${file % 40}/file${file}.ts`,
      `export function f${file}() {\n  return ${file};\n}\n`,
    );
  }
  write("failure-models/synthetic.yaml", syntheticCatalog());
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "base");
  for (let file = 0; file < FILES; file++) {
    const body = Array.from({ length: ADDED_PER_FILE }, (_, index) => line(file, index)).join("\n");
    write(
      `src/module${file % 40}/file${file}.ts`,
      `export async function f${file}(${"orderId"}) {\n${body}\n}\n`,
    );
  }
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "change");
  return dir;
}

export function benchFailuresCheck() {
  const dir = buildRepo();
  try {
    const started = process.hrtime.bigint();
    const lint = timeCommand(process.execPath, [JIG, "failures", "lint"], {
      cwd: dir,
      runs: 1,
      warmup: 0,
    });
    const coldLintMs = Number(process.hrtime.bigint() - started) / 1e6;
    const diffArgs = [
      "diff",
      "--no-color",
      "--no-ext-diff",
      "--find-renames",
      "HEAD~1",
      "HEAD",
      "--",
    ];
    const gitDiff = timeCommand("git", diffArgs, { cwd: dir, runs: RUNS, warmup: 1 });
    const check = timeCommand(
      process.execPath,
      [JIG, "failures", "check", "--base", "HEAD~1", "--head", "HEAD", "--format", "json"],
      {
        cwd: dir,
        runs: RUNS,
        warmup: 1,
      },
    );
    const stats = git(dir, "diff", "--shortstat", "HEAD~1", "HEAD").trim();
    return {
      change: stats,
      entries: `starter catalog + ${SYNTHETIC} synthetic regex entries`,
      coldLintMs: Math.round(coldLintMs),
      lintMedianMs: Math.round(lint.median),
      gitDiffMedianMs: Math.round(gitDiff.median),
      checkMedianMs: Math.round(check.median),
      checkSamplesMs: check.samples.map(Math.round),
      ratio: Number((check.median / gitDiff.median).toFixed(2)),
      targets: "check <= 2000 ms and ratio <= 3",
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const BIG_EDIT_BYTES = 25 * 1024 * 1024;
const BIG_RUNS = 3;

/** `jig failures check` on one tracked file edited to 25 MB, against `git diff` of the same edit. */
export function benchBigEdit() {
  const dir = mkdtempSync(join(tmpdir(), "jig-bench-big-edit-"));
  try {
    git(dir, "init", "-q", "-b", "main");
    git(dir, "config", "commit.gpgsign", "false");
    writeFileSync(join(dir, "big.txt"), "hello\n");
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "base");
    const lines = [];
    let size = 0;
    for (let index = 0; size < BIG_EDIT_BYTES; index++) {
      const text = `line ${index} of the generated file, padded to look like data`;
      lines.push(text);
      size += text.length + 1;
    }
    writeFileSync(join(dir, "big.txt"), `${lines.join("\n")}\n`);
    const gitDiff = timeCommand("git", ["diff", "--no-color", "--find-renames", "HEAD", "--"], {
      cwd: dir,
      runs: BIG_RUNS,
      warmup: 1,
    });
    const check = timeCommand(process.execPath, [JIG, "failures", "check", "--format", "json"], {
      cwd: dir,
      runs: BIG_RUNS,
      warmup: 0,
    });
    return {
      change: `1 tracked file edited to ${Math.round(size / 1024 / 1024)} MB, uncommitted`,
      gitDiffMedianMs: Math.round(gitDiff.median),
      checkMedianMs: Math.round(check.median),
      checkSamplesMs: check.samples.map(Math.round),
      ratio: Number((check.median / gitDiff.median).toFixed(1)),
      targets: "linear: before the fix 16-49 s; check <= 5000 ms",
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const result = benchFailuresCheck();
  console.log("== jig failures check");
  console.table(
    Object.entries(result).map(([figure, value]) => ({ figure, value: String(value) })),
  );
  console.log(
    `median of ${RUNS}: jig failures check ${result.checkMedianMs} ms, git diff ${result.gitDiffMedianMs} ms, ratio ${result.ratio}x`,
  );
  const big = benchBigEdit();
  console.log("== jig failures check, one file edited to 25 MB");
  console.table(Object.entries(big).map(([figure, value]) => ({ figure, value: String(value) })));
  console.log(
    `median of ${BIG_RUNS}: jig failures check ${big.checkMedianMs} ms, git diff ${big.gitDiffMedianMs} ms, ratio ${big.ratio}x`,
  );
}
