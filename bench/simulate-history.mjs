// A seeded, simulated autonomy history: a real git repository (commits made
// with one `git fast-import`, agents marked by Agent: trailers, people fixing
// their lines) and a real SQLite store holding the gate runs that judged those
// commits plus ≥ 2,000 recorded decisions (a person's answers) across 3 agents
// and 5 domains. Shared by test/e2e/autonomy-history.test.ts and
// bench/autonomy.bench.mjs. Needs `npm run build` (it writes the store through
// dist/). Run alone to keep one: node bench/simulate-history.mjs [dir]
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DAY = 86_400_000;

export const AGENTS = ["coder", "fixer", "docwriter"];
export const DOMAINS = {
  billing: ["src/billing/**"],
  auth: ["src/auth/**"],
  api: ["src/api/**"],
  ui: ["src/ui/**"],
  docs: ["docs/**"],
};
const FOLDER = {
  billing: "src/billing",
  auth: "src/auth",
  api: "src/api",
  ui: "src/ui",
  docs: "docs",
};

/**
 * The recorded decisions per class: how many, when (days ago, from → to) and
 * how often the person agreed. Each is there to exercise one rule:
 * - coder × billing: full-auto, near-perfect; a revert will demote it.
 * - coder × api: auto-logged since 45 days ago, earned at 98%, now at 75%:
 *   the agreement drop demotes it one step.
 * - coder × docs: unlisted (supervised), 60 of 60: short of the 73 a 95%
 *   lower bound needs, so a test can cross the rule one decision at a time.
 * - docwriter × docs: shadow, 40 of 40: meets shadow → supervised (≥ 90% over ≥ 30).
 * - the rest: ordinary, mixed agreement.
 */
const PROFILES = [
  { agent: "coder", domain: "billing", windows: [{ from: 120, to: 1, n: 200, p: 0.995 }] },
  {
    agent: "coder",
    domain: "api",
    windows: [
      { from: 74, to: 46, n: 150, p: 0.98 },
      { from: 29, to: 1, n: 60, p: 0.75 },
    ],
  },
  { agent: "coder", domain: "docs", windows: [{ from: 60, to: 1, n: 60, p: 1 }] },
  { agent: "coder", domain: "auth", windows: [{ from: 90, to: 1, n: 150, p: 0.96 }] },
  { agent: "coder", domain: "ui", windows: [{ from: 90, to: 1, n: 150, p: 0.96 }] },
  ...Object.keys(DOMAINS).map((domain) => ({
    agent: "fixer",
    domain,
    windows: [{ from: 100, to: 1, n: 150, p: 0.88 }],
  })),
  { agent: "docwriter", domain: "docs", windows: [{ from: 40, to: 1, n: 40, p: 1 }] },
  ...["billing", "auth", "api", "ui"].map((domain) => ({
    agent: "docwriter",
    domain,
    windows: [{ from: 80, to: 1, n: 120, p: 0.9 }],
  })),
];

const AUTONOMY_YAML = (
  now,
) => `# Granted by people; jig autonomy propose suggests, a person commits.
version: 1
classes:
  # Billing earned full-auto long ago.
  - agent: coder
    domain: billing
    mode: full-auto
    since: "${iso(now - 100 * DAY)}"
  - agent: coder
    domain: api
    mode: auto-logged
    since: "${iso(now - 45 * DAY)}"
  - agent: docwriter
    domain: docs
    mode: shadow
`;

const CONFIG_YAML = `version: 1
defaultBranch: main
models:
  coder: anthropic:claude-sonnet-4-5
  reviewer: openai:gpt-5
domains:
${Object.entries(DOMAINS)
  .map(([name, globs]) => `  ${name}: [${globs.map((g) => `"${g}"`).join(", ")}]`)
  .join("\n")}
`;

/** mulberry32: a small seeded generator, so every run builds the same history. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function iso(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function git(cwd, args, input) {
  return execFileSync("git", args, {
    cwd,
    input,
    encoding: "utf8",
    maxBuffer: 1 << 30,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "Pat Person",
      GIT_AUTHOR_EMAIL: "pat@example.com",
      GIT_COMMITTER_NAME: "Pat Person",
      GIT_COMMITTER_EMAIL: "pat@example.com",
    },
  });
}

/**
 * The commits: agents (Agent: trailer) each adding a file in their domain,
 * every 10th commit a person rewriting a line a fixer wrote in ui days
 * earlier (a disagreement for a PASS), all over `days` days.
 */
function planCommits(count, now, rand) {
  const commits = [];
  const start = now - 100 * DAY;
  const step = (100 * DAY) / count;
  let lastFixerUi;
  // Agents write in domains whose recorded profiles the git outcomes must not
  // blur: coder only in billing, fixer in auth and ui, docwriter in docs.
  const rota = [
    ["coder", "billing"],
    ["fixer", "auth"],
    ["fixer", "ui"],
    ["docwriter", "docs"],
  ];
  for (let i = 0; i < count; i += 1) {
    const at = Math.floor(start + i * step);
    if (i % 10 === 9 && lastFixerUi) {
      commits.push({
        at,
        person: true,
        subject: `fix(ui): correct ${lastFixerUi.path}`,
        files: { [lastFixerUi.path]: lastFixerUi.content.replace("return 1;", "return 2;") },
      });
      lastFixerUi = undefined;
      continue;
    }
    const [agent, domain] = rota[i % rota.length];
    const path = `${FOLDER[domain]}/${agent}-${i}.${domain === "docs" ? "md" : "ts"}`;
    const content =
      domain === "docs"
        ? `# Note ${i}\n\nWritten by ${agent}.\n`
        : `export function f${i}(): number {\n  return 1;\n}\n`;
    const commit = {
      at,
      agent,
      domain,
      subject: `feat(${domain}): ${agent} change ${i}`,
      files: { [path]: content },
      outcome: agent === "fixer" && rand() < 0.1 ? "fail" : "pass",
    };
    if (agent === "fixer" && domain === "ui") lastFixerUi = { path, content };
    commits.push(commit);
  }
  return commits;
}

function fastImportStream(commits, now) {
  const parts = [];
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const first = now - 101 * DAY;
  parts.push(
    "commit refs/heads/main\nmark :1\n",
    `author Pat Person <pat@example.com> ${Math.floor(first / 1000)} +0000\n`,
    `committer Pat Person <pat@example.com> ${Math.floor(first / 1000)} +0000\n`,
    data("chore: adopt jig\n"),
    "M 100644 inline jig.config.yaml\n",
    data(CONFIG_YAML),
    "M 100644 inline autonomy.yaml\n",
    data(AUTONOMY_YAML(now)),
    "M 100644 inline .gitignore\n",
    data(".jig/\n"),
  );
  commits.forEach((commit, index) => {
    const mark = index + 2;
    const when = `${Math.floor(commit.at / 1000)} +0000`;
    const who = commit.person
      ? "Pat Person <pat@example.com>"
      : `${commit.agent} <${commit.agent}@agents.example.com>`;
    const message = commit.person
      ? `${commit.subject}\n`
      : `${commit.subject}\n\nAgent: ${commit.agent}\n`;
    parts.push(
      `commit refs/heads/main\nmark :${mark}\n`,
      `author ${who} ${when}\n`,
      `committer ${who} ${when}\n`,
      data(message),
      `from :${mark - 1}\n`,
    );
    for (const [path, content] of Object.entries(commit.files)) {
      parts.push(`M 100644 inline ${path}\n`, data(content));
    }
  });
  return parts.join("");
}

/**
 * Build the history in `dir` (a new temp dir when absent). Returns what a
 * test needs to find its way: the repo, the store, and the commits by role.
 */
export async function simulateHistory({
  dir = realpathSync(mkdtempSync(join(tmpdir(), "jig-autonomy-history-"))),
  seed = 15,
  commits: commitCount = 300,
  now = Date.now(),
} = {}) {
  mkdirSync(dir, { recursive: true });
  const rand = random(seed);
  git(dir, ["init", "-q", "-b", "main"]);
  git(dir, ["config", "commit.gpgsign", "false"]);
  const planned = planCommits(commitCount, now, rand);
  const marks = join(dir, ".git", "jig-marks");
  git(dir, ["fast-import", "--quiet", `--export-marks=${marks}`], fastImportStream(planned, now));
  git(dir, ["reset", "-q", "--hard", "main"]);
  const shaOf = new Map(
    readFileSync(marks, "utf8")
      .trim()
      .split("\n")
      .map((line) => line.split(" "))
      .map(([mark, sha]) => [Number(mark.slice(1)), sha]),
  );

  const { openJigDatabase } = await import(join(ROOT, "dist/store/index.js"));
  const { createAutonomyStore } = await import(join(ROOT, "dist/autonomy/index.js"));
  const db = openJigDatabase(join(dir, ".jig", "jig.db"));
  const insertRun = db.prepare(
    `INSERT INTO runs (id, status, started_at, finished_at, base, head, base_ref, head_ref, outcome, duration_ms, findings)
     VALUES (@id, 'finished', @at, @at, @base, @head, 'main', @head, @outcome, 1000, 0)`,
  );
  const judged = [];
  db.transaction(() => {
    planned.forEach((commit, index) => {
      if (commit.person) return;
      const head = shaOf.get(index + 2);
      const at = new Date(commit.at + 60_000).toISOString();
      insertRun.run({
        id: `${iso(commit.at + 60_000).replace(/[-:]/g, "")}-${index.toString(16).padStart(4, "0")}`,
        at,
        base: shaOf.get(index + 1),
        head,
        outcome: commit.outcome,
      });
      judged.push({ sha: head, agent: commit.agent, domain: commit.domain, at: commit.at });
    });
  })();

  const events = [];
  for (const profile of PROFILES) {
    for (const window of profile.windows) {
      for (let k = 0; k < window.n; k += 1) {
        const daysAgo = window.from - ((window.from - window.to) * (k + 0.5)) / window.n;
        events.push({
          at: new Date(now - daysAgo * DAY).toISOString(),
          agent: profile.agent,
          domain: profile.domain,
          action: k % 3 === 0 ? "command" : "edit",
          kind: "answer",
          outcome: rand() < window.p ? "agree" : "disagree",
          detail: { decision: "ask", simulated: true },
        });
      }
    }
  }
  createAutonomyStore(db).record(events);
  db.close();
  return {
    dir,
    store: join(dir, ".jig", "jig.db"),
    decisions: events.length,
    commits: planned.length + 1,
    judged,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  const started = performance.now();
  const target = process.argv[2];
  const history = await simulateHistory(target ? { dir: target } : {});
  console.log(
    `${history.dir}: ${history.commits} commits, ${history.judged.length} judged runs, ${history.decisions} recorded decisions (${(performance.now() - started).toFixed(0)} ms)`,
  );
  writeFileSync(join(history.dir, ".jig", "simulated"), `${history.decisions}\n`);
}
