// The tests layer's cost on top of the project's own test run, on the demo
// repository's kind of project: a small `node --test` suite writing a JUnit
// report. Reports medians over N runs (BENCH_RUNS, default 15):
//   - the bare test command, spawned directly;
//   - the layer run in-process (spawn, report reading, tracing), its total
//     and its own overhead (total minus the child's wall time);
//   - the tests layer's duration inside a real `jig check` (fewer runs).
// Target: the layer adds at most 50 ms to the project's own test time.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BENCH_SPEC, JIG, median, ROOT } from "./bench-utils.mjs";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const COMMAND = [
  "node",
  "--test",
  "--test-reporter=junit",
  "--test-reporter-destination=.jig/junit.xml",
  "test/",
];

const { createTestsLayer } = await import(join(ROOT, "dist/gate/layers/tests-layer.js"));
const { defaultConfig } = await import(join(ROOT, "dist/config/index.js"));
const { parseSpec } = await import(join(ROOT, "dist/spec/index.js"));
const { default: Database } = await import(join(ROOT, "node_modules/better-sqlite3/lib/index.js"));

function project() {
  const dir = mkdtempSync(join(tmpdir(), "jig-tests-bench-"));
  const write = (path, content) => {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  write("package.json", '{ "type": "module" }\n');
  write(".gitignore", ".jig/\n");
  write("specs/SPEC-0001-bench.md", BENCH_SPEC);
  write(
    "src/refunds.js",
    'export const decide = (cents) => (cents <= 50000 ? "approved" : "escalated");\n',
  );
  const tests = [
    'import { test } from "node:test";',
    'import assert from "node:assert/strict";',
    'import { decide } from "../src/refunds.js";',
  ];
  for (let index = 0; index < 12; index++) {
    tests.push(
      `${index % 3 === 0 ? "// AC-1\n" : ""}test("case ${index}", () => { assert.equal(decide(${index * 10000}), ${index * 10000 <= 50000 ? '"approved"' : '"escalated"'}); });`,
    );
  }
  write("test/refunds.test.js", `${tests.join("\n")}\n`);
  write(
    "test/more.test.js",
    'import { test } from "node:test";\ntest("AC-1 handles a request", () => {});\n',
  );
  write(
    "jig.config.yaml",
    `version: 1\ntests:\n  command: ${JSON.stringify(COMMAND)}\n  reports: [.jig/junit.xml]\n`,
  );
  mkdirSync(join(dir, ".jig"));
  return dir;
}

const dir = project();
const git = (...args) =>
  spawnSync("git", ["-c", "user.name=b", "-c", "user.email=b@x", ...args], {
    cwd: dir,
    stdio: "ignore",
  });
git("init", "-q", "-b", "main");
git("add", "-A");
git("commit", "-qm", "base");
git("checkout", "-q", "-b", "feature");
writeFileSync(
  join(dir, "src/refunds.js"),
  `${readFileSync(join(dir, "src/refunds.js"), "utf8")}// x\n`,
);
git("commit", "-qam", "change\n\nSpec: SPEC-0001");

const spec = parseSpec(BENCH_SPEC, "specs/SPEC-0001-bench.md").spec;
const config = {
  ...defaultConfig(),
  tests: { command: COMMAND, reports: [".jig/junit.xml"], timeoutSeconds: 60 },
};

function bareRun() {
  const started = performance.now();
  const result = spawnSync(COMMAND[0], COMMAND.slice(1), { cwd: dir, stdio: "ignore" });
  if (result.status !== 0) throw new Error(`bare test command exited ${result.status}`);
  return performance.now() - started;
}

async function layerRun() {
  let child = 0;
  const layer = createTestsLayer({ env: process.env, onRun: (run) => (child = run.durationMs) });
  const started = performance.now();
  const result = await layer.run({
    cwd: dir,
    change: { files: [] },
    config,
    spec: { id: "SPEC-0001", spec, others: [], problems: [] },
    now: () => new Date(),
    options: {},
  });
  const elapsed = performance.now() - started;
  if (result.status !== "passed" || result.criteria?.[0]?.status !== "met") {
    throw new Error(`layer did not pass: ${JSON.stringify(result)}`);
  }
  return { elapsed, child };
}

function checkRun() {
  const result = spawnSync(process.execPath, [JIG, "check", "--format", "json"], {
    cwd: dir,
    encoding: "utf8",
  });
  const report = JSON.parse(result.stdout);
  const layer = report.layers.find((item) => item.name === "tests");
  if (layer.status !== "passed") throw new Error(`tests layer in jig check: ${layer.status}`);
  // The child's own wall time, as the store recorded it.
  const db = new Database(join(dir, ".jig/jig.db"), { readonly: true });
  const row = db.prepare("SELECT duration_ms FROM test_runs WHERE run_id = ?").get(report.run.id);
  db.close();
  return { elapsed: layer.durationMs, child: row.duration_ms };
}

try {
  // Interleaved, so a shared machine's load falls on every kind of run alike.
  const bare = [];
  const layer = [];
  const overhead = [];
  const delta = [];
  const inCheck = [];
  const inCheckOverhead = [];
  for (let index = 0; index < RUNS + 2; index++) {
    const plain = bareRun();
    const run = await layerRun();
    const checked = index % 3 === 0 ? checkRun() : undefined;
    if (index < 2) continue;
    bare.push(plain);
    layer.push(run.elapsed);
    overhead.push(run.elapsed - run.child);
    delta.push(run.elapsed - plain);
    if (checked) {
      inCheck.push(checked.elapsed);
      inCheckOverhead.push(checked.elapsed - checked.child);
    }
  }
  const fmt = (value) => `${value.toFixed(1)} ms`;
  const bareMedian = median(bare);
  const layerMedian = median(layer);
  console.log(
    `tests layer on a node --test suite (14 tests, 2 files), median of ${RUNS} interleaved runs`,
  );
  console.log(`  bare test command:                 ${fmt(bareMedian)}`);
  console.log(
    `  layer, in-process:                 ${fmt(layerMedian)}  (${(layerMedian / bareMedian).toFixed(3)}x; median paired difference ${fmt(median(delta))})`,
  );
  console.log(`  layer's own work (layer - child):  ${fmt(median(overhead))}  (target <= 50 ms)`);
  console.log(
    `  layer inside jig check:            ${fmt(median(inCheck))}, its own work ${fmt(median(inCheckOverhead))} (median of ${inCheck.length})`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// The demo repository itself: its own tests.command, bare, against the tests
// layer's time inside `jig check` on the demo's clean change.
const { buildDemoRepository, DEMO_CHANGES } = await import(join(ROOT, "dist/demo/index.js"));
const demoDir = mkdtempSync(join(tmpdir(), "jig-tests-bench-demo-"));
try {
  const demo = await buildDemoRepository(demoDir);
  await demo.commitChange(DEMO_CHANGES[0]);
  const { parse } = await import(join(ROOT, "node_modules/yaml/dist/index.js"));
  const command = parse(readFileSync(join(demoDir, "jig.config.yaml"), "utf8")).tests.command;
  mkdirSync(join(demoDir, ".jig"), { recursive: true });
  const bare = [];
  const inCheck = [];
  const own = [];
  for (let index = 0; index < Math.max(5, Math.round(RUNS / 2)) + 1; index++) {
    const started = performance.now();
    const result = spawnSync(command[0], command.slice(1), { cwd: demoDir, stdio: "ignore" });
    const plain = performance.now() - started;
    if (result.status !== 0) throw new Error(`demo test command exited ${result.status}`);
    const checked = spawnSync(
      process.execPath,
      [JIG, "check", "--base", "main", "--format", "json", "--no-ai"],
      {
        cwd: demoDir,
        encoding: "utf8",
      },
    );
    const report = JSON.parse(checked.stdout);
    const layer = report.layers.find((item) => item.name === "tests");
    if (layer.status !== "passed") throw new Error(`demo tests layer: ${layer.status}`);
    const db = new Database(join(demoDir, ".jig/jig.db"), { readonly: true });
    const row = db.prepare("SELECT duration_ms FROM test_runs WHERE run_id = ?").get(report.run.id);
    db.close();
    if (index === 0) continue; // warm-up
    bare.push(plain);
    inCheck.push(layer.durationMs);
    own.push(layer.durationMs - row.duration_ms);
  }
  const fmt = (value) => `${value.toFixed(1)} ms`;
  console.log(`tests layer on the jig demo repository's clean change, median of ${bare.length}`);
  console.log(`  bare demo test command:            ${fmt(median(bare))}`);
  console.log(
    `  tests layer inside jig check:      ${fmt(median(inCheck))} (${(median(inCheck) / median(bare)).toFixed(2)}x the bare command)`,
  );
  console.log(`  layer's own work (layer - child):  ${fmt(median(own))}  (target <= 50 ms)`);
} finally {
  rmSync(demoDir, { recursive: true, force: true });
}
