#!/usr/bin/env node
// Rebuilds test/realworld/cases/ from local mirrors of the public repositories
// named in sources.tsv (reversed fixes) plus evenly spaced ordinary commits.
// Only the before and after contents of the touched files are kept, so the
// repository never holds a project's history. Needs the mirrors, which is why
// this is a maintenance script and not part of the bench or the tests:
//   node test/realworld/extract.mjs /work/.mirror
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isTestPath } from "./corpus.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const mirrors = process.argv[2] ?? "/work/.mirror";
const casesDir = join(here, "cases");
// Both sides of every kept file together; a larger case is skipped.
const MAX_CASE_BYTES = 200_000;
// A single file above this (a bundled dist/lodash.js) is left out of its case,
// and the case kept only if a touched source file remains.
const MAX_FILE_BYTES = 60_000;
const MAX_FILES = 12;
const CLEAN_PER_PROJECT = 4;

const LANGUAGE = {
  "lodash/lodash": "js",
  "minimistjs/minimist": "js",
  "ljharb/qs": "js",
  "markedjs/marked": "js",
  "mde/ejs": "js",
  "handlebars-lang/handlebars.js": "js",
  "yahoo/serialize-javascript": "js",
  "auth0/node-jsonwebtoken": "js",
  "axios/axios": "js",
  "node-fetch/node-fetch": "js",
  "expressjs/express": "js",
  "psf/requests": "python",
  "urllib3/urllib3": "python",
  "pallets/jinja": "python",
  "yaml/pyyaml": "python",
  "pallets/werkzeug": "python",
  "pallets/flask": "python",
  "paramiko/paramiko": "python",
  "gin-gonic/gin": "go",
  "labstack/echo": "go",
  "gorilla/websocket": "go",
  "gorilla/mux": "go",
};
const SOURCE_EXT = { js: /\.(c|m)?[jt]sx?$/, python: /\.py$/, go: /\.go$/ };
// Ordinary commits exclude anything that looks like a security fix, so a
// "clean" case never silently re-introduces a bug.
const SECURITY_WORDS =
  /CVE|GHSA|secur|vulnerab|proto|pollut|redos|backtrack|travers|inject|xss|sanitiz|escape|unsafe|revert/i;

function git(repo, args, options = {}) {
  const dir = join(mirrors, repo.replace("/", "+"), "repo");
  return execFileSync("git", ["-C", dir, ...args], {
    encoding: options.buffer ? undefined : "utf8",
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["ignore", "pipe", "ignore"],
  });
}

function show(repo, rev, path) {
  try {
    const buffer = git(repo, ["show", `${rev}:${path}`], { buffer: true });
    if (buffer.includes(0)) return { binary: true };
    return { text: buffer.toString("utf8") };
  } catch {
    return { text: null };
  }
}

/** The touched files of a commit against its first parent, or why the commit is skipped. */
function collect(repo, sha) {
  try {
    return collectOrThrow(repo, sha);
  } catch (error) {
    return { skip: `git failed: ${String(error.message).split("\n")[0]}` };
  }
}

function collectOrThrow(repo, sha) {
  const full = git(repo, ["rev-parse", sha]).trim();
  const parent = git(repo, ["rev-parse", `${full}^1`]).trim();
  const names = git(repo, ["diff", "--no-renames", "--name-only", parent, full])
    .split("\n")
    .filter(Boolean);
  if (names.length === 0) return { skip: "no files" };
  if (names.length > MAX_FILES) return { skip: `${names.length} files` };
  const files = [];
  const omitted = [];
  let bytes = 0;
  for (const path of names) {
    const before = show(repo, parent, path);
    const after = show(repo, full, path);
    if (before.binary || after.binary) continue;
    if (Math.max(before.text?.length ?? 0, after.text?.length ?? 0) > MAX_FILE_BYTES) {
      omitted.push(path);
      continue;
    }
    bytes += (before.text?.length ?? 0) + (after.text?.length ?? 0);
    files.push({ path, parent: before.text, commit: after.text });
  }
  if (bytes > MAX_CASE_BYTES) return { skip: `${Math.round(bytes / 1000)} KB` };
  const lang = LANGUAGE[repo];
  if (
    !files.some(
      (f) => SOURCE_EXT[lang].test(f.path) && !isTestPath(f.path) && f.parent !== f.commit,
    )
  ) {
    return { skip: "no kept non-test source file" };
  }
  const subject = git(repo, ["log", "-1", "--format=%s", full]).trim();
  return { full, parent, subject, files, omitted };
}

function writeCase(id, meta, files) {
  writeFileSync(
    join(casesDir, `${id}.json`),
    `${JSON.stringify({ id, ...meta, files }, null, 1)}\n`,
  );
}

function slug(repo) {
  return repo
    .split("/")[1]
    .replace(/[^a-z0-9]+/gi, "-")
    .toLowerCase();
}

rmSync(casesDir, { recursive: true, force: true });
mkdirSync(casesDir, { recursive: true });
const skipped = [];
const chosen = new Set();
let defects = 0;
for (const line of readFileSync(join(here, "sources.tsv"), "utf8").split("\n")) {
  if (!line.trim() || line.startsWith("#")) continue;
  const [repo, sha, klass, advisory, note] = line.split("\t");
  const got = collect(repo, sha);
  if (got.skip) {
    skipped.push(`${repo} ${sha}: ${got.skip}`);
    continue;
  }
  chosen.add(got.full);
  // Reversed: the fixed commit is the base, its parent (the vulnerable code) the head.
  const files = got.files.map((f) => ({ path: f.path, before: f.commit, after: f.parent }));
  writeCase(
    `defect-${slug(repo)}-${got.full.slice(0, 8)}`,
    {
      kind: "defect",
      repository: `https://github.com/${repo}`,
      project: repo,
      commit: got.full,
      parent: got.parent,
      advisory: advisory || null,
      class: klass,
      language: LANGUAGE[repo],
      subject: got.subject,
      note: note || null,
      omitted: got.omitted,
    },
    files,
  );
  defects++;
}

let clean = 0;
for (const repo of Object.keys(LANGUAGE)) {
  const log = git(repo, ["log", "--no-merges", "--format=%H%x09%s", "-n", "600"])
    .split("\n")
    .filter(Boolean)
    .map((l) => l.split("\t"))
    .filter(([sha, subject]) => !chosen.has(sha) && !SECURITY_WORDS.test(subject));
  const stride = Math.max(1, Math.floor(log.length / (CLEAN_PER_PROJECT * 3)));
  let taken = 0;
  for (let i = 0; i < log.length && taken < CLEAN_PER_PROJECT; i += stride) {
    const got = collect(repo, log[i][0]);
    if (got.skip) continue;
    const files = got.files.map((f) => ({ path: f.path, before: f.parent, after: f.commit }));
    writeCase(
      `clean-${slug(repo)}-${got.full.slice(0, 8)}`,
      {
        kind: "clean",
        repository: `https://github.com/${repo}`,
        project: repo,
        commit: got.full,
        parent: got.parent,
        advisory: null,
        class: null,
        language: LANGUAGE[repo],
        subject: got.subject,
        note: null,
      },
      files,
    );
    taken++;
    clean++;
  }
}
console.log(`${defects} reversed fixes, ${clean} ordinary commits`);
if (skipped.length) console.log(`skipped:\n  ${skipped.join("\n  ")}`);
