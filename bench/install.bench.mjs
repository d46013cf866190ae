// jig as a dev dependency: `npm pack`, `npm install --save-dev <tarball>` into a
// fresh repository, then the installed size and the installed binary's cold
// start against `node -e 0`, and `npx jig check` on a one-file change against
// the same run of `git diff`. Run: node bench/install.bench.mjs
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { git, ROOT, timeCommand } from "./bench-utils.mjs";

function duBytes(path) {
  return Number(execFileSync("du", ["-sb", path], { encoding: "utf8" }).split("\t")[0]);
}

function countPackages(nodeModules) {
  let count = 0;
  for (const name of readdirSync(nodeModules)) {
    if (name.startsWith(".")) continue;
    if (name.startsWith("@")) count += readdirSync(join(nodeModules, name)).length;
    else count += 1;
  }
  return count;
}

export function benchInstall() {
  const work = mkdtempSync(join(tmpdir(), "jig-install-bench-"));
  try {
    const packed = execFileSync(
      "npm",
      ["pack", "--ignore-scripts", "--silent", "--pack-destination", work],
      {
        cwd: ROOT,
        encoding: "utf8",
      },
    )
      .trim()
      .split("\n")
      .at(-1);
    const tarball = join(work, packed);
    const repo = join(work, "consumer");
    mkdirSync(repo);
    git(repo, "init", "-q", "-b", "main");
    writeFileSync(join(repo, ".gitignore"), "node_modules/\n");
    writeFileSync(
      join(repo, "package.json"),
      '{"name":"consumer","version":"1.0.0","private":true}\n',
    );
    writeFileSync(join(repo, "app.js"), "export const a = 1;\n");
    git(repo, "add", "-A");
    git(repo, "-c", "user.name=b", "-c", "user.email=b@e", "commit", "-qm", "init");
    const started = performance.now();
    // A real install, dependencies from npm's cache where present; better-sqlite3 compiles.
    execFileSync(
      "npm",
      [
        "install",
        "--save-dev",
        tarball,
        "--prefer-offline",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
      ],
      {
        cwd: repo,
        stdio: "ignore",
      },
    );
    const installMs = performance.now() - started;
    const nodeModules = join(repo, "node_modules");
    const bin = join(nodeModules, "jig", "bin", "jig.js");
    const node = timeCommand(process.execPath, ["-e", "0"], { cwd: repo, runs: 21 });
    const version = timeCommand(process.execPath, [bin, "--version"], { cwd: repo, runs: 21 });
    const npx = timeCommand("npx", ["--no-install", "jig", "--version"], { cwd: repo, runs: 11 });
    execFileSync(process.execPath, [bin, "init"], { cwd: repo, stdio: "ignore" });
    git(repo, "add", "-A");
    git(repo, "-c", "user.name=b", "-c", "user.email=b@e", "commit", "-qm", "adopt jig");
    writeFileSync(join(repo, "app.js"), "export const a = 2;\n");
    git(repo, "-c", "user.name=b", "-c", "user.email=b@e", "commit", "-qam", "change");
    const gitDiff = timeCommand("git", ["diff", "HEAD~1", "HEAD"], { cwd: repo, runs: 11 });
    const check = timeCommand(
      process.execPath,
      [bin, "check", "--base", "HEAD~1", "--format", "json"],
      {
        cwd: repo,
        runs: 11,
      },
    );
    const deps = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).dependencies;
    return {
      "tarball (KB)": (duBytes(tarball) / 1024).toFixed(0),
      "installed jig package (MB)": (duBytes(join(nodeModules, "jig")) / 1e6).toFixed(1),
      "installed node_modules (MB)": (duBytes(nodeModules) / 1e6).toFixed(1),
      "direct dependencies": Object.keys(deps).length,
      "packages installed": countPackages(nodeModules),
      "npm install (s, one run, better-sqlite3 built from source)": (installMs / 1000).toFixed(1),
      "node -e 0 (ms, median)": node.median.toFixed(1),
      "installed jig --version (ms, median)": version.median.toFixed(1),
      "installed jig --version / node -e 0": (version.median / node.median).toFixed(2),
      "npx jig --version (ms, median)": npx.median.toFixed(1),
      "git diff (ms, median)": gitDiff.median.toFixed(1),
      "installed jig check, 1-file change (ms, median)": check.median.toFixed(1),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(benchInstall());
