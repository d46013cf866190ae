// `jig level` on a repository with 3,000 commits (2,250 of them in the last 90
// days, half by agents, across 5 domains) and a store with 2,000 gate runs and
// 2,000 autonomy events, against `jig --version` (process start plus the CLI)
// in the same run. Target: jig level median <= 500 ms.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { git, JIG, ROOT, timeCommand } from "./bench-utils.mjs";

const { openJigDatabase } = await import(join(ROOT, "dist/store/index.js"));
const { createAutonomyStore } = await import(join(ROOT, "dist/autonomy/autonomy-store.js"));

const DOMAINS = ["billing", "auth", "search", "docs", "infra"];
const DAY = 86_400;

/** A seeded generator, so every bench run builds the same history. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}

/** `commits` commits on main through one `git fast-import`, oldest first, over `days` days. */
export function createLevelRepo({ commits = 3000, days = 120, runs = 2000, events = 2000 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "jig-bench-level-"));
  const next = random(15);
  git(dir, "init", "-q", "-b", "main");
  const now = Math.floor(Date.now() / 1000);
  const parts = [];
  const blob = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  for (let index = 1; index <= commits; index++) {
    const when = now - Math.floor(((commits - index) / commits) * days * DAY) - 60;
    const domain = DOMAINS[Math.floor(next() * DOMAINS.length)];
    const agent = next() < 0.5;
    const who = agent ? "coder <coder@example.com>" : "Pat <pat@example.com>";
    const message = agent
      ? `change ${index}\n\nSpec: SPEC-0001\nAgent: coder\n`
      : `change ${index}\n`;
    parts.push(
      "commit refs/heads/main\n",
      `mark :${index}\n`,
      `author ${who} ${when} +0000\n`,
      `committer ${who} ${when} +0000\n`,
      blob(message),
      index > 1 ? `from :${index - 1}\n` : "",
      `M 100644 inline src/${domain}/file${Math.floor(next() * 40)}.ts\n`,
      blob(`export const v = ${index};\n`),
    );
    if (index === 1) {
      const config = `version: 1\ndomains:\n${DOMAINS.map((d) => `  ${d}: ["src/${d}/**"]`).join("\n")}\ngate:\n  require: [spec, failure-models]\n`;
      parts.push(`M 100644 inline jig.config.yaml\n`, blob(config));
      parts.push(`M 100644 inline .gitignore\n`, blob(".jig/\n"));
    }
  }
  execFileSync("git", ["fast-import", "--quiet"], { cwd: dir, input: parts.join("") });
  git(dir, "reset", "-q", "--hard", "main");
  const shas = git(dir, "rev-list", "main").trim().split("\n");

  const db = openJigDatabase(join(dir, ".jig", "jig.db"));
  const insertRun = db.prepare(
    `INSERT INTO runs (id, status, started_at, finished_at, base, head, base_ref, head_ref, outcome, duration_ms, findings)
     VALUES (?, 'finished', ?, ?, ?, ?, 'main', 'HEAD', ?, 100, 0)`,
  );
  const insertLayer = db.prepare(
    `INSERT INTO layer_results (run_id, position, name, status, duration_ms, findings) VALUES (?, ?, ?, ?, 10, 0)`,
  );
  db.transaction(() => {
    for (let index = 0; index < runs; index++) {
      const head = shas[index % shas.length];
      const base = shas[Math.min(shas.length - 1, (index % shas.length) + 1 + (index % 5))];
      const at = new Date((now - index * 3600) * 1000).toISOString();
      const id = `run-${String(index).padStart(5, "0")}`;
      const outcome = index % 10 === 0 ? "needs-human" : index % 7 === 0 ? "fail" : "pass";
      insertRun.run(id, at, at, base, head, outcome);
      insertLayer.run(id, 0, "spec", "passed");
      insertLayer.run(id, 1, "review", index % 3 === 0 ? "skipped" : "passed");
    }
  })();
  createAutonomyStore(db).record(
    Array.from({ length: events }, (_, index) => ({
      at: new Date((now - index * 1800) * 1000).toISOString(),
      agent: "coder",
      domain: DOMAINS[index % DOMAINS.length],
      kind: index % 500 === 499 ? "incident" : "gate",
      outcome: index % 20 === 0 ? "disagree" : "agree",
      subject: shas[index % shas.length],
    })),
  );
  db.close();
  writeFileSync(join(dir, ".git", "hooks", "pre-push"), '#!/bin/sh\njig hooks pre-push "$@"\n');
  return dir;
}

/**
 * CPU time (user + system) of the reaped children of this process, in ms,
 * from /proc/self/stat (cutime, cstime; git's share included, as git is
 * jig's child). On a loaded machine wall time mostly measures the queue;
 * CPU per run does not. Undefined off Linux.
 */
function childCpuMs() {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 16 and 17 of stat(5), counted from the state field (3).
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

function timeWithCpu(args, options) {
  const before = childCpuMs();
  const timing = timeCommand(process.execPath, args, { ...options, warmup: 0 });
  const after = childCpuMs();
  const cpu =
    before === undefined || after === undefined ? undefined : (after - before) / options.runs;
  return { ...timing, cpu };
}

export function benchLevel() {
  const dir = createLevelRepo();
  try {
    const runs = 11;
    timeCommand(process.execPath, [JIG, "level"], { cwd: dir, runs: 2, warmup: 0 });
    const version = timeWithCpu([JIG, "--version"], { runs });
    const level = timeWithCpu([JIG, "level"], { cwd: dir, runs });
    const json = timeWithCpu([JIG, "level", "--format", "json"], { cwd: dir, runs });
    const cpu = (timing) => (timing.cpu === undefined ? "n/a" : timing.cpu.toFixed(0));
    return {
      "jig --version (ms, median)": version.median.toFixed(1),
      "jig level (ms, median)": level.median.toFixed(1),
      "jig level --format json (ms, median)": json.median.toFixed(1),
      "jig level / jig --version": (level.median / version.median).toFixed(2),
      "jig --version CPU per run (ms)": cpu(version),
      "jig level CPU per run (ms)": cpu(level),
      "target jig level <= 500 ms": level.median <= 500 ? "met" : "MISSED",
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(benchLevel());
