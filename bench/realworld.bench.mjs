// The real-world corpus (test/realworld/): reversed upstream security fixes
// and ordinary commits from public JS/TS, Python and Go projects, each rebuilt
// as a two-commit range and checked by jig's failure models. Prints the catch
// rate (a high or critical finding on a non-test file) overall, per class and
// per language, the noise on ordinary commits, the rules that fired, and the
// same catch rate for eslint-plugin-security (JS) and bandit (Python) on the
// lines each case changes, side by side.
// Run after `npm run build`: npm run bench:realworld [-- --spawn] [-- --write]
//   --spawn  run the built CLI once per case instead of the library in process
//   --write  store the figures in test/realworld/figures.json (the regression
//            test compares against them)
import { execFile as execFileCallback, execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import {
  buildCorpusRepo,
  changedLines,
  describeCorpus,
  figuresPath,
  isTestPath,
  loadCases,
  mapLimit,
  runJigOnCases,
  scoreJig,
  spawnJig,
} from "../test/realworld/corpus.mjs";

const execFile = promisify(execFileCallback);
const args = new Set(process.argv.slice(2));
const concurrency = Math.max(2, availableParallelism() + 1);
// The noise budget the issue sets for jig (3% of ordinary commits at high or
// above); the linters are also scored with their best rule set within it.
const noiseBudget = 0.03;
const percent = (value) => (value === null ? "n/a" : `${(value * 100).toFixed(1)}%`);

const started = performance.now();
const cases = await loadCases();
const built = await buildCorpusRepo(cases);
const builtAt = performance.now();
const jigVerdicts = args.has("--spawn")
  ? await spawnJig(cases, built, { concurrency })
  : await runJigOnCases(cases, built, { concurrency });
const jigAt = performance.now();
const jig = scoreJig(cases, jigVerdicts);
const lines = await mapLimit(cases, concurrency, (_, index) =>
  changedLines(built.repo, built.ranges[index]),
);

const eslint = await eslintBaseline();
const eslintStrict = eslint.strict ?? eslint;
const bandit = await banditBaseline();
const eslintMatched = eslint.matched ?? eslint;
const banditMatched = bandit.matched ?? bandit;
const comparison = compare();
const finished = performance.now();
if (args.has("--write")) await built.saveVerdicts();
await built.dispose();

const corpus = describeCorpus(cases);
print();
if (args.has("--write")) {
  const figures = {
    note: "Written by `npm run bench:realworld -- --write`; test/e2e/realworld.test.ts fails when jig's catch rate drops more than 2 points below catchRate or its noise rises above noiseRate.",
    corpus,
    jig: {
      catchRate: jig.catchRate,
      caught: jig.caught,
      noiseRate: jig.noiseRate,
      noisy: jig.noisy,
      perClass: jig.perClass,
      perLanguage: jig.perLanguage,
      rules: jig.rules,
      caughtCases: jig.caughtCases,
      noisyCases: jig.noisyCases,
    },
    baselines: {
      eslintPluginSecurity: eslint.summary,
      eslintPluginSecurityWithoutObjectInjection: eslintStrict.summary,
      bandit: bandit.summary,
      eslintPluginSecurityMatchedNoise: eslintMatched.summary,
      banditMatchedNoise: banditMatched.summary,
    },
    comparison,
  };
  await writeFile(figuresPath, `${JSON.stringify(figures, null, 2)}\n`);
  // The repository's formatter owns JSON layout; without it the file still parses.
  try {
    execFileSync("npx", ["biome", "format", "--write", figuresPath], { stdio: "ignore" });
  } catch {}
  console.log(`\nwrote ${figuresPath}`);
}

function print() {
  console.log(
    `real-world corpus: ${corpus.defects} reversed fixes, ${corpus.clean} ordinary commits, ${corpus.projects} projects`,
  );
  console.log(`  reversed fixes per language: ${fmtCounts(corpus.defectsPerLanguage)}`);
  console.log(`  reversed fixes per class:    ${fmtCounts(corpus.defectsPerClass)}`);
  console.log(`  ordinary commits per language: ${fmtCounts(corpus.cleanPerLanguage)}`);
  console.log(
    `\njig failures check (${args.has("--spawn") ? "built CLI per case" : "built library in process"})`,
  );
  console.log(
    `  catch rate: ${percent(jig.catchRate)} (${jig.caught}/${jig.defects}) with a high+ finding on a non-test file`,
  );
  console.log(
    `  clean noise: ${percent(jig.noiseRate)} (${jig.noisy}/${jig.clean})${jig.noisyCases.length ? `: ${jig.noisyCases.join(", ")}` : ""}`,
  );
  console.log("  per language:");
  for (const [name, group] of Object.entries(jig.perLanguage))
    console.log(
      `    ${name.padEnd(20)} ${percent(group.rate).padStart(6)} (${group.caught}/${group.cases})`,
    );
  console.log("  per class:");
  for (const [name, group] of Object.entries(jig.perClass))
    console.log(
      `    ${name.padEnd(20)} ${percent(group.rate).padStart(6)} (${group.caught}/${group.cases})`,
    );
  const fired = Object.entries(jig.rules);
  console.log(`  rules that fired at high+ on non-test files:${fired.length === 0 ? " none" : ""}`);
  for (const [rule, count] of fired)
    console.log(
      `    ${rule.padEnd(20)} ${count.defect} reversed fixes, ${count.clean} ordinary commits`,
    );
  if (jig.layerErrors.length) console.log(`  layer errors: ${jig.layerErrors.join(", ")}`);
  console.log("\nbaselines on the same cases (any finding on a changed line of a non-test file)");
  for (const [name, result] of [
    ["eslint-plugin-security", eslint],
    ["eslint-plugin-security without detect-object-injection", eslintStrict],
    [
      `eslint-plugin-security at matched noise (best rule set within ${percent(noiseBudget)})`,
      eslintMatched,
    ],
    ["bandit", bandit],
    [`bandit at matched noise (best rule set within ${percent(noiseBudget)})`, banditMatched],
  ]) {
    if (result.summary.skipped) {
      console.log(`  ${name}: could not run: ${result.summary.skipped}`);
      continue;
    }
    const s = result.summary;
    console.log(
      `  ${name} ${s.version}: catch rate ${percent(s.catchRate)} (${s.caught}/${s.defects}), clean noise ${percent(s.noiseRate)} (${s.noisy}/${s.clean})${s.unparsed ? `, ${s.unparsed} files it could not parse` : ""}`,
    );
    if (s.rules && Object.keys(s.rules).length)
      console.log(`    rules on caught reversed fixes: ${fmtCounts(s.rules)}`);
    if (s.rulesDropped)
      console.log(
        `    rules dropped to stay within the budget: ${s.rulesDropped.length ? s.rulesDropped.join(", ") : "none"}`,
      );
  }
  console.log(
    "\njig vs the linters on the same cases (ratio = jig's catch rate / the linter's; noise on the same ordinary commits)",
  );
  for (const row of comparison.rows) {
    const line = (label, side) =>
      side.skipped
        ? `    ${label}: could not run`
        : `    ${label}: linter ${percent(side.linter.catchRate)} (${side.linter.caught}/${side.defects}) at ${percent(side.linter.noiseRate)} noise; jig ${percent(side.jig.catchRate)} (${side.jig.caught}/${side.defects}) at ${percent(side.jig.noiseRate)} noise; ratio ${side.ratio === null ? "n/a (the linter caught none)" : `${side.ratio.toFixed(1)}x`}`;
    console.log(`  ${row.name}`);
    console.log(line("raw", row.raw));
    console.log(line(`at matched noise (<= ${percent(noiseBudget)})`, row.matched));
  }
  console.log(
    `\ntime: ${((finished - started) / 1000).toFixed(1)} s total (corpus repo ${((builtAt - started) / 1000).toFixed(1)} s, jig ${((jigAt - builtAt) / 1000).toFixed(1)} s for ${cases.length} cases, baselines ${((finished - jigAt) / 1000).toFixed(1)} s), concurrency ${concurrency}`,
  );
}

/**
 * jig against each baseline on exactly the cases that baseline judged, and
 * against the linters together on the JS and Python cases: raw, and with each
 * linter's best rule set whose noise fits the budget.
 */
function compare() {
  const rate = (hit, total) => (total ? Math.round((hit / total) * 10000) / 10000 : null);
  const side = (caughtIds, judged, noisyIds, judgedClean) => {
    const defects = judged.length;
    const linterCaught = judged.filter((id) => caughtIds.has(id)).length;
    const jigCaught = judged.filter((id) => jig.caughtCases.includes(id)).length;
    const linterNoisy = judgedClean.filter((id) => noisyIds.has(id)).length;
    const jigNoisy = judgedClean.filter((id) => jig.noisyCases.includes(id)).length;
    const linterRate = rate(linterCaught, defects);
    const jigRate = rate(jigCaught, defects);
    return {
      defects,
      clean: judgedClean.length,
      linter: {
        caught: linterCaught,
        catchRate: linterRate,
        noisy: linterNoisy,
        noiseRate: rate(linterNoisy, judgedClean.length),
      },
      jig: {
        caught: jigCaught,
        catchRate: jigRate,
        noisy: jigNoisy,
        noiseRate: rate(jigNoisy, judgedClean.length),
      },
      ratio: linterRate ? Math.round((jigRate / linterRate) * 100) / 100 : null,
    };
  };
  const judged = (result, kind) => (result.judged ? result.judged[kind] : []);
  const forBaseline = (name, raw, matched) => ({
    name,
    raw: raw.summary.skipped
      ? { skipped: raw.summary.skipped }
      : side(raw.caught, judged(raw, "defect"), raw.noisy, judged(raw, "clean")),
    matched: matched.summary.skipped
      ? { skipped: matched.summary.skipped }
      : side(matched.caught, judged(matched, "defect"), matched.noisy, judged(matched, "clean")),
  });
  const together = (a, b) => {
    const ids = (kind) =>
      cases
        .filter((c) => c.kind === kind && (c.language === "js" || c.language === "python"))
        .map((c) => c.id);
    const union = (x, y) => new Set([...(x ?? []), ...(y ?? [])]);
    return side(
      union(a[0].caught, b[0].caught),
      ids("defect"),
      union(a[0].noisy, b[0].noisy),
      ids("clean"),
    );
  };
  const rows = [
    forBaseline("eslint-plugin-security (JS)", eslint, eslintMatched),
    forBaseline("bandit (Python)", bandit, banditMatched),
    {
      name: "linters together (eslint-plugin-security + bandit) on all JS and Python cases",
      raw: together([eslint], [bandit]),
      matched: together([eslintMatched], [banditMatched]),
    },
  ];
  return { noiseBudget, rows };
}

/**
 * The baseline's best rule subset whose noise stays within the budget: every
 * subset of the rules that fired is scored, and the one catching the most
 * reversed fixes (then the least noise, then the most rules) wins. Dropping a
 * noisy rule is what a team adopting the linter would do.
 */
function matchedNoise(name, version, flagged, unparsed) {
  const fired = [...new Set([...flagged.values()].flatMap((rules) => rules ?? []))].sort();
  if (fired.length > 16) return null;
  let best = null;
  for (let mask = 0; mask < 1 << fired.length; mask++) {
    const kept = new Set(fired.filter((_, bit) => mask & (1 << bit)));
    const subset = new Map(
      [...flagged].map(([id, rules]) => [id, rules?.filter((rule) => kept.has(rule)) ?? null]),
    );
    const result = summarise(name, version, subset, unparsed);
    const s = result.summary;
    if ((s.noiseRate ?? 0) > noiseBudget) continue;
    const better =
      best === null ||
      s.caught > best.summary.caught ||
      (s.caught === best.summary.caught &&
        (s.noisy < best.summary.noisy ||
          (s.noisy === best.summary.noisy && kept.size > best.summary.rulesKept.length)));
    if (better) {
      s.rulesKept = [...kept];
      s.rulesDropped = fired.filter((rule) => !kept.has(rule));
      best = result;
    }
  }
  return best;
}

function fmtCounts(counts) {
  return Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
}

/** The files of a case a linter should judge: the head side of changed, non-test files in its language. */
function lintableFiles(c, index, pattern) {
  return c.files.filter(
    (f) =>
      f.after !== null && pattern.test(f.path) && !isTestPath(f.path) && lines[index].has(f.path),
  );
}

function summarise(name, version, flagged, unparsed) {
  const score = (kind) => {
    const list = cases.filter(
      (c) => c.kind === kind && flagged.has(c.id) && flagged.get(c.id) !== null,
    );
    const hit = list.filter((c) => flagged.get(c.id).length > 0);
    return { total: list.length, hit };
  };
  const defects = score("defect");
  const clean = score("clean");
  const rules = {};
  for (const c of defects.hit)
    for (const rule of new Set(flagged.get(c.id))) rules[rule] = (rules[rule] ?? 0) + 1;
  return {
    caught: new Set(defects.hit.map((c) => c.id)),
    noisy: new Set(clean.hit.map((c) => c.id)),
    judged: {
      defect: cases
        .filter((c) => c.kind === "defect" && flagged.get(c.id) != null)
        .map((c) => c.id),
      clean: cases.filter((c) => c.kind === "clean" && flagged.get(c.id) != null).map((c) => c.id),
    },
    summary: {
      tool: name,
      version,
      defects: defects.total,
      caught: defects.hit.length,
      catchRate: defects.total
        ? Math.round((defects.hit.length / defects.total) * 10000) / 10000
        : null,
      clean: clean.total,
      noisy: clean.hit.length,
      noiseRate: clean.total ? Math.round((clean.hit.length / clean.total) * 10000) / 10000 : null,
      unparsed,
      rules,
      caughtCases: defects.hit.map((c) => c.id),
    },
  };
}

function skipped(reason) {
  return { caught: new Set(), noisy: new Set(), summary: { skipped: reason } };
}

/**
 * eslint-plugin-security's recommended rules on the JS cases' head files,
 * in process. TypeScript files need a parser the plugin does not ship, so
 * they count as unparsed rather than as clean.
 */
async function eslintBaseline() {
  let Linter;
  let security;
  let version;
  try {
    ({ Linter } = await import("eslint"));
    security = (await import("eslint-plugin-security")).default;
    version = (await import("eslint/package.json", { with: { type: "json" } })).default.version;
  } catch (error) {
    return skipped(
      `eslint or eslint-plugin-security is not installed (${error.message.split("\n")[0]})`,
    );
  }
  const linter = new Linter({ configType: "flat" });
  const config = (sourceType) => [
    {
      files: ["**/*"],
      plugins: { security },
      rules: security.configs.recommended.rules,
      languageOptions: { ecmaVersion: "latest", sourceType },
    },
  ];
  const flagged = new Map();
  let unparsed = 0;
  for (const [index, c] of cases.entries()) {
    if (c.language !== "js") continue;
    const files = lintableFiles(c, index, /\.[cm]?jsx?$/);
    if (files.length === 0) {
      flagged.set(c.id, null);
      continue;
    }
    const rules = [];
    for (const file of files) {
      let messages = linter.verify(file.after, config("module"), { filename: file.path });
      if (messages.some((m) => m.fatal))
        messages = linter.verify(file.after, config("script"), { filename: file.path });
      if (messages.some((m) => m.fatal)) {
        unparsed++;
        continue;
      }
      const changed = lines[index].get(file.path);
      for (const m of messages)
        if (m.ruleId?.startsWith("security/") && changed.has(m.line)) rules.push(m.ruleId);
    }
    flagged.set(c.id, rules);
  }
  // detect-object-injection flags every `obj[key]`; the plugin's own README
  // warns of its false positives, so the figures also say what it catches without it.
  const strict = new Map(
    [...flagged].map(([id, rules]) => [
      id,
      rules?.filter((rule) => rule !== "security/detect-object-injection") ?? null,
    ]),
  );
  const all = summarise("eslint-plugin-security", `eslint ${version}`, flagged, unparsed);
  all.strict = summarise("eslint-plugin-security", `eslint ${version}`, strict, unparsed);
  all.matched = matchedNoise(
    "eslint-plugin-security at matched noise",
    `eslint ${version}`,
    flagged,
    unparsed,
  );
  return all;
}

/** bandit on the Python cases' head files; installs Debian's bandit when it is missing, as CI starts without it. */
async function banditBaseline() {
  if (!hasBandit()) {
    try {
      execFileSync("apt-get", ["install", "-y", "-qq", "bandit"], { stdio: "ignore" });
    } catch {
      try {
        execFileSync("sh", ["-c", "apt-get update -qq && apt-get install -y -qq bandit"], {
          stdio: "ignore",
        });
      } catch (error) {
        return skipped(
          `bandit is not installed and apt-get could not install it (${error.message.split("\n")[0]})`,
        );
      }
    }
    if (!hasBandit()) return skipped("bandit is not installed and apt-get did not provide it");
  }
  const version = execFileSync("bandit", ["--version"], { encoding: "utf8" }).split("\n")[0].trim();
  const scratch = await mkdtemp(join(tmpdir(), "jig-realworld-bandit-"));
  const flagged = new Map();
  let unparsed = 0;
  try {
    await mapLimit(cases, concurrency, async (c, index) => {
      if (c.language !== "python") return;
      const files = lintableFiles(c, index, /\.py$/);
      if (files.length === 0) {
        flagged.set(c.id, null);
        return;
      }
      const dir = join(scratch, String(index));
      for (const file of files) {
        await mkdir(dirname(join(dir, file.path)), { recursive: true });
        await writeFile(join(dir, file.path), file.after);
      }
      // bandit exits 1 when it reports issues; its JSON is on stdout either way.
      const { stdout } = await execFile("bandit", ["-q", "-f", "json", "-r", "."], {
        cwd: dir,
        maxBuffer: 1 << 26,
      }).catch((error) => error);
      const report = JSON.parse(stdout || "{}");
      unparsed += (report.errors ?? []).length;
      const rules = [];
      for (const result of report.results ?? []) {
        const path = result.filename.replace(/^\.\//, "");
        if (lines[index].get(path)?.has(result.line_number))
          rules.push(`${result.test_id} ${result.test_name}`);
      }
      flagged.set(c.id, rules);
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const result = summarise("bandit", version, flagged, unparsed);
  result.matched = matchedNoise("bandit at matched noise", version, flagged, unparsed);
  return result;
}

function hasBandit() {
  try {
    execFileSync("bandit", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
