// Benchmark of `detect.unsafeRegex` (FM-REDOS-001): the cost of scanning
// 1,000 added lines that each hold a regex, against the raw extraction of
// those regexes (the floor: every scan must at least find them).
// Budget (#14): at most 50 ms per 1,000 added regexes.
// Also measured across processes, as `jig failures check` runs: a first
// process (cold: nothing in .jig/cache) and a second one reading the verdict
// file the first wrote (warm), each a fresh `node` with recheck started.
// Run after `npm run build`: node bench/unsafe-regex.bench.mjs
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { median, ROOT } from "./bench-utils.mjs";

const { createUnsafeRegexScan } = await import(join(ROOT, "dist/failures/unsafe-regex-scan.js"));
const { findCodeRegexes } = await import(join(ROOT, "dist/failures/find-code-regexes.js"));
const { openCodeRegexVerdictFile } = await import(
  join(ROOT, "dist/failures/code-regex-verdict-file.js")
);

const REGEXES = 1000;
const RUNS = 9;

if (process.argv[2] === "--child") {
  // One process of the cross-process measurement: scan with the verdict file, save it, print the time.
  const [, , , file, suspicious, salt] = process.argv;
  const store = await openCodeRegexVerdictFile(file);
  const scan = createUnsafeRegexScan(undefined, store);
  // Start recheck's native agent outside the timing, as the in-process figures do.
  await createUnsafeRegexScan().scan("warm.js", added(["const w = /(a|b)*c/;"]), "exponential");
  const texts = lines(Number(suspicious), salt);
  const started = performance.now();
  const hits = (await scan.scan("src/a.js", added(texts), "exponential")).length;
  await store.save();
  console.log(JSON.stringify({ ms: performance.now() - started, hits }));
  process.exit(0);
}

/** Regexes as code writes them: mostly linear, with `suspicious` in 1,000 reaching recheck. */
function lines(suspicious, salt) {
  const out = [];
  for (let index = 0; index < REGEXES; index++) {
    const id = `${salt}${index}`;
    if (index < suspicious) {
      // A repeated group with two inner quantifiers: the screen sends it to recheck (it is safe).
      out.push(`const list${id} = /^v${id}(?:,\\s*\\w+\\s*)*$/;`);
      continue;
    }
    switch (index % 5) {
      case 0:
        out.push(`const re${id} = /^user-${id}-\\d{2,8}$/i;`);
        break;
      case 1:
        out.push(`if (/\\s+${id}$/.test(name)) return trim(name);`);
        break;
      case 2:
        out.push(`const m${id} = new RegExp("^[a-z]+_${id}\\\\d*$", "u");`);
        break;
      case 3:
        // A repeated group the screen proves linear (each repetition starts with a ".").
        out.push(`const version${id} = /^${id}\\d+(?:\\.\\d+)*$/;`);
        break;
      default:
        out.push(`const total${id} = count / 2 / ${index};`);
    }
  }
  return out;
}

function added(texts) {
  return { texts, lines: texts.map((_, index) => index + 1), blob: texts.join("\n") };
}

async function time(fn) {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function measure(name, suspicious, { warm }) {
  const baseline = [];
  const scanned = [];
  let hits = 0;
  // Recheck's native agent starts on first use; start it before timing.
  const shared = createUnsafeRegexScan();
  await shared.scan("warm.js", added(["const w = /(a|b)*c/;"]), "exponential");
  for (let run = 0; run < RUNS; run++) {
    // A fresh salt per run: every pattern is new to the cache unless `warm`.
    const texts = lines(suspicious, warm ? "w" : `r${run}x`);
    baseline.push(
      await time(async () => {
        for (const text of texts) findCodeRegexes(text, "javascript");
      }),
    );
    const scan = warm ? shared : createUnsafeRegexScan();
    if (warm && run === 0) await scan.scan("src/a.js", added(texts), "exponential");
    scanned.push(
      await time(async () => {
        hits = (await scan.scan("src/a.js", added(texts), "exponential")).length;
      }),
    );
  }
  const base = median(baseline);
  const ms = median(scanned);
  const verdict = ms <= 50 ? "within" : "OVER";
  console.log(
    `${name}: ${ms.toFixed(2)} ms per ${REGEXES} added regexes (median of ${RUNS}), extraction alone ${base.toFixed(2)} ms, ratio ${(ms / base).toFixed(1)}x, ${hits} findings; ${verdict} the 50 ms budget`,
  );
}

/** A first process on an empty verdict file, then a second one on the file it wrote; fresh patterns per run. */
function acrossProcesses(name, suspicious, runs = 5) {
  const self = fileURLToPath(import.meta.url);
  const cold = [];
  const warm = [];
  for (let run = 0; run < runs; run++) {
    const dir = mkdtempSync(join(tmpdir(), "jig-regex-cache-"));
    const file = join(dir, ".jig", "cache", "code-regex-verdicts.json");
    const child = () =>
      JSON.parse(
        execFileSync(process.execPath, [self, "--child", file, String(suspicious), `p${run}x`], {
          encoding: "utf8",
        }),
      ).ms;
    try {
      cold.push(child());
      warm.push(child());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const c = median(cold);
  const w = median(warm);
  console.log(
    `${name}: first process (cold .jig/cache) ${c.toFixed(2)} ms, second process (warm) ${w.toFixed(2)} ms per ${REGEXES} added regexes (medians of ${runs}); ${w <= 50 ? "warm within" : "warm OVER"} the 50 ms budget, cold ${c <= 50 ? "within" : "over"}`,
  );
}

await measure("all linear (screened out), cold cache", 0, { warm: false });
await measure("1% reach recheck (10 distinct), cold cache", 10, { warm: false });
await measure("5% reach recheck (50 distinct), cold cache", 50, { warm: false });
await measure("5% reach recheck, patterns seen before (cache)", 50, { warm: true });
// The floor: a fresh process scanning 1,000 regexes none of which reaches recheck.
acrossProcesses("none reach recheck, two processes (floor)", 0);
acrossProcesses("1% reach recheck, two processes", 10);
acrossProcesses("5% reach recheck, two processes", 50);
process.exit(0);
