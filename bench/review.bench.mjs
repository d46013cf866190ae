// The AI reviewer's budgets, measured against the local model stub server:
// 1. context assembly for a 500-file change (read contents + assemble + plan + prompts) <= 300 ms;
// 2. tokens sent per review <= 40% of the naive prompt (whole catalog + whole files), same changes;
// 3. a second review of an unchanged change makes 0 model calls (content-addressed cache).
// Run: npm run build && node bench/review.bench.mjs
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tsImport } from "tsx/esm/api";
import { git, JIG, median, BENCH_SPEC as SPEC } from "./bench-utils.mjs";

/**
 * A repo whose \`main\` has \`fileCount\` source files of \`lines\` lines, and a
 * \`feature\` branch that edits one line in the middle of each, citing the spec.
 */
function createEditRepo(fileCount, lines = 300) {
  const dir = mkdtempSync(join(tmpdir(), `jig-review-bench-${fileCount}-`));
  git(dir, "init", "-q", "-b", "main");
  mkdirSync(join(dir, "specs"));
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "specs/SPEC-0001-bench.md"), SPEC);
  for (let index = 0; index < fileCount; index++)
    writeFileSync(join(dir, `src/file-${index}.ts`), sourceFile(index, lines));
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "base");
  git(dir, "checkout", "-q", "-b", "feature");
  for (let index = 0; index < fileCount; index++) {
    const path = join(dir, `src/file-${index}.ts`);
    writeFileSync(
      path,
      readFileSync(path, "utf8").replace(
        `handler${index}_10(request) {\n  const value0`,
        `handler${index}_10(request) {\n  const tuned = 1;\n  const value0`,
      ),
    );
  }
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "tune\n\nSpec: SPEC-0001");
  return dir;
}

const load = (path) => tsImport(`../src/${path}`, import.meta.url);

function runJig(args, cwd, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [JIG, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: "1", ...env },
    });
    let stdout = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.on("close", (code) => resolve({ code, stdout }));
    child.stdin.end();
  });
}

/** Files with several functions, so widening to the enclosing function has work to do. */
function sourceFile(index, lines) {
  const out = [];
  for (let fn = 0; out.length < lines; fn++) {
    out.push(`export function handler${index}_${fn}(request) {`);
    for (let line = 0; line < 8; line++)
      out.push(`  const value${line} = request.items[${line}] * ${fn + line};`);
    out.push("  return value0;", "}", "");
  }
  return `${out.join("\n")}\n`;
}

export async function benchReview() {
  const { readChange, resolveRange } = await load("git/index.ts");
  const { defaultConfig } = await load("config/index.ts");
  const review = await load("review/index.ts");
  const models = await load("models/index.ts");
  const { loadCatalog } = await load("failures/index.ts");
  const { startFakeModelServer } = await load("testing/fake-model-server.ts");
  const results = {};

  // 1. Context assembly on a 500-file change (200-line files, one edit in the middle of each).
  const dir = createEditRepo(500, 200);
  try {
    const config = defaultConfig();
    const range = await resolveRange({ cwd: dir, base: "main", head: "HEAD" });
    const change = await readChange(range, dir);
    const samples = [];
    const pure = [];
    for (let run = 0; run < 9; run++) {
      const started = performance.now();
      const { input } = await review.gatherReviewInput({ repoRoot: dir, change, config });
      const assembled = performance.now();
      const context = review.assembleReviewContext(input);
      const plan = review.planReviewGroups(context, config.review.maxPromptTokens);
      for (const group of plan.groups) review.buildReviewPrompt(context, group, "nonce", "bench");
      const done = performance.now();
      samples.push(done - started);
      pure.push(done - assembled);
    }
    results["context assembly, 500 files"] = {
      "with I/O (ms)": median(samples).toFixed(1),
      "pure assembly + plan + prompts (ms)": median(pure).toFixed(1),
      target: "<= 300 ms",
      ok: median(samples) <= 300,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // 2. Tokens sent vs the naive prompt, on three changes of different sizes.
  const stub = await startFakeModelServer();
  stub.setFallback({ kind: "json", value: { findings: [], criteria: [] } });
  const catalog = await loadCatalog({ repoRoot: process.cwd(), config: defaultConfig() });
  const catalogText = catalog.entries
    .map(
      (entry) =>
        `${entry.id}: ${entry.title}\ntrigger: ${entry.trigger}\nsymptoms: ${entry.symptoms.join("; ")}\nfix: ${entry.fix}`,
    )
    .join("\n\n");
  const tokenRows = {};
  for (const fileCount of [5, 50, 200]) {
    const repo = createEditRepo(fileCount);
    try {
      const config = defaultConfig();
      config.providers.openai.baseURL = stub.openaiBaseURL;
      const range = await resolveRange({ cwd: repo, base: "main", head: "HEAD" });
      const change = await readChange(range, repo);
      const { input } = await review.gatherReviewInput({ repoRoot: repo, change, config });
      const context = review.assembleReviewContext(input);
      const client = models.createConfiguredModelClient("openai:gpt-4.1", {
        config,
        env: { OPENAI_API_KEY: "x" },
        cwd: repo,
        noCache: true,
      });
      const before = stub.requests.length;
      await review.runReview({
        context,
        change,
        client,
        minConfidence: 0.5,
        maxPromptTokens: config.review.maxPromptTokens,
        nonce: () => "n",
      });
      const sentBytes = stub.requests
        .slice(before)
        .reduce((sum, request) => sum + request.bytes, 0);
      const wholeFiles = [...input.contents.values()].join("\n");
      const naiveBytes =
        Buffer.byteLength(catalogText) +
        Buffer.byteLength(wholeFiles) +
        Buffer.byteLength(context.specText ?? "");
      tokenRows[`${fileCount} files`] = {
        "sent (≈tokens)": Math.round(sentBytes / 4),
        "naive (≈tokens)": Math.round(naiveBytes / 4),
        ratio: (sentBytes / naiveBytes).toFixed(2),
        calls: stub.requests.length - before,
        "failure models sent": `${context.failureModelIds.length}/${catalog.entries.length}`,
        ok: sentBytes / naiveBytes <= 0.4,
      };
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  }

  // 3. A second review of an unchanged change: 0 model calls.
  const repo = createEditRepo(20);
  try {
    writeFileSync(
      join(repo, "jig.config.yaml"),
      `version: 1\nmodels:\n  reviewer: openai:gpt-4.1\nproviders:\n  openai:\n    baseURL: ${stub.openaiBaseURL}\n`,
    );
    writeFileSync(join(repo, ".gitignore"), ".jig/\n");
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "config\n\nSpec: SPEC-0001");
    const before = stub.requests.length;
    await runJig(["review", "--base", "main"], repo, { OPENAI_API_KEY: "x" });
    const first = stub.requests.length - before;
    await runJig(["review", "--base", "main"], repo, { OPENAI_API_KEY: "x" });
    const second = stub.requests.length - before - first;
    results["second review of an unchanged change"] = {
      "first review calls": first,
      "second review calls": second,
      target: "0",
      ok: second === 0,
    };
  } finally {
    rmSync(repo, { recursive: true, force: true });
    await stub.close();
  }
  return { results, tokenRows };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { results, tokenRows } = await benchReview();
  console.log("== review: context assembly and cache");
  console.table(results);
  console.log("== review: tokens sent vs naive prompt (target ratio <= 0.40)");
  console.table(tokenRows);
}
