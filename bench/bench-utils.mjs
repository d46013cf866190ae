// Shared helpers for the benchmark scripts: timing, medians and temp repos.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const JIG = join(ROOT, "bin", "jig.js");

const { setSpecApproval } = await import(join(ROOT, "dist/spec/set-spec-approval.js"));

/** The spec every bench change cites, approved with a valid record as `jig spec approve` writes it. */
export const BENCH_SPEC = setSpecApproval(
  "---\nid: SPEC-0001\ntitle: Bench\nstatus: draft\ndomains: [core]\nowner: bench\n---\n\n## Problem\n\nBenchmarks.\n\n## Acceptance criteria\n\n- AC-1: Given a request, when it is handled, then the response status is 200.\n\n## Constraints\n\n- C-1: None.\n\n## Risks\n\n- R-1: None.\n\n## Out of scope\n\n- Nothing.\n",
  { by: "bench <bench@example.com>", at: "2025-01-01T00:00:00.000Z" },
).text;

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Wall time of a spawned command in ms, median over `runs` after `warmup` runs. */
export function timeCommand(command, args, { cwd = ROOT, runs = 15, warmup = 2, env } = {}) {
  const samples = [];
  for (let index = 0; index < warmup + runs; index++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(command, args, {
      cwd,
      env: { ...process.env, NO_COLOR: "1", ...env },
      stdio: "pipe",
      maxBuffer: 1 << 30,
    });
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.error) throw result.error;
    if (index >= warmup) samples.push(elapsed);
  }
  return { median: median(samples), min: Math.min(...samples), samples };
}

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: "bench",
  GIT_AUTHOR_EMAIL: "bench@example.com",
  GIT_COMMITTER_NAME: "bench",
  GIT_COMMITTER_EMAIL: "bench@example.com",
};

export function git(cwd, ...args) {
  return execFileSync("git", args, { cwd, env: gitEnv, encoding: "utf8", maxBuffer: 1 << 30 });
}

/**
 * A repo on `main` with `fileCount` files, and a `feature` branch that edits
 * all of them (`linesPerFile` added lines each) in one commit citing a spec.
 */
export function createChangeRepo({ fileCount, linesPerFile = 20 }) {
  const dir = mkdtempSync(join(tmpdir(), `jig-bench-${fileCount}-`));
  git(dir, "init", "-q", "-b", "main");
  const write = (path, content) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  write("jig.config.yaml", "version: 1\n");
  write("specs/SPEC-0001-bench.md", BENCH_SPEC);
  for (let index = 0; index < fileCount; index++) {
    write(
      `src/module-${Math.floor(index / 100)}/file-${index}.ts`,
      `export const value${index} = ${index};\n`,
    );
  }
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "base");
  git(dir, "checkout", "-q", "-b", "feature");
  for (let index = 0; index < fileCount; index++) {
    const lines = [`export const value${index} = ${index + 1};`];
    for (let line = 0; line < linesPerFile; line++) {
      lines.push(
        `export function f${index}_${line}(input: number): number { return input * ${line} + ${index}; }`,
      );
    }
    write(`src/module-${Math.floor(index / 100)}/file-${index}.ts`, `${lines.join("\n")}\n`);
  }
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "change\n\nSpec: SPEC-0001");
  return dir;
}
