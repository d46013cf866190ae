// Benchmark of `detect.unsafeRegex` (FM-REDOS-001): the cost of scanning
// 1,000 added lines that each hold a regex, against the raw extraction of
// those regexes (the floor: every scan must at least find them).
// Budget (#14): at most 50 ms per 1,000 added regexes.
// Run after `npm run build`: node bench/unsafe-regex.bench.mjs
import { join } from "node:path";
import { median, ROOT } from "./bench-utils.mjs";

const { createUnsafeRegexScan } = await import(join(ROOT, "dist/failures/unsafe-regex-scan.js"));
const { findCodeRegexes } = await import(join(ROOT, "dist/failures/find-code-regexes.js"));

const REGEXES = 1000;
const RUNS = 9;

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

await measure("all linear (screened out), cold cache", 0, { warm: false });
await measure("1% reach recheck (10 distinct), cold cache", 10, { warm: false });
await measure("5% reach recheck (50 distinct), cold cache", 50, { warm: false });
await measure("5% reach recheck, patterns seen before (cache)", 50, { warm: true });
process.exit(0);
