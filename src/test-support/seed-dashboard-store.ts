import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createApprovalStore } from "../agents/approval-store.js";
import { createAuditLog } from "../agents/audit-log.js";
import { createAutonomyStore, type EvidenceEvent } from "../autonomy/autonomy-store.js";
import type { Outcome, Report } from "../contract/index.js";
import type { Finding } from "../core/finding.js";
import type { Severity } from "../core/severity.js";
import type { EvalResult } from "../evals/eval-result.js";
import { createEvalStore } from "../evals/eval-store.js";
import { scoreResults } from "../evals/score-results.js";
import { createSqliteModelCallLog } from "../models/model-call-log.js";
import { openJigDatabase } from "../store/sqlite-database.js";
import { createSqliteRunStore } from "../store/sqlite-run-store.js";

export interface SeedDashboardOptions {
  runs?: number;
  findingsPerRun?: number;
  evalRuns?: number;
  approvals?: number;
  auditEntries?: number;
  /** When set, every finding message, path, spec title, commit message, eval output and audit entry is drawn from these. */
  payloads?: string[];
  seed?: number;
  /** The newest run's time (default now); runs spread over the 60 days before it. */
  now?: Date;
}

export interface SeededDashboard {
  storePath: string;
  runIds: string[];
  /** A run with findings, criteria and a review layer. */
  runWithFindings: string;
  /** Pending approvals, newest first. */
  pendingApprovalIds: string[];
  head: string;
}

const BRANCHES = ["main", "feature/refunds", "fix/login-timeout", "agent/coder-42", "chore/deps"];
const SPECS = [
  { id: "SPEC-0001", title: "Refund partial orders" },
  { id: "SPEC-0002", title: "Login rate limiting" },
  { id: "SPEC-0003", title: "Export invoices as CSV" },
];
const AGENTS = ["coder", "reviewer-bot", "docs-writer"];
const DOMAINS = ["billing", "auth", "docs"];
const RULES = [
  { layer: "failure-models", ruleId: "FM-SQL-001", title: "SQL built by string concatenation" },
  { layer: "failure-models", ruleId: "FM-SECRETS-001", title: "Hard-coded credential" },
  { layer: "failure-models", ruleId: "FM-CI-CD-002", title: "Unpinned action" },
  { layer: "review", ruleId: "JIG-R001", title: "Reviewer: missing edge case" },
  { layer: "spec", ruleId: "SPEC-0001/AC-2", title: "Criterion not met" },
  { layer: "governance", ruleId: "JIG-G001", title: "Protected path changed" },
];
const SEVERITIES: Severity[] = ["critical", "high", "medium", "low", "info"];
const FILES = ["src/billing/refund.ts", "src/auth/login.ts", "src/export/csv.ts", "docs/guide.md"];
const SOURCE = Array.from(
  { length: 40 },
  (_, i) => `export const line${i + 1} = ${i + 1}; // example source line ${i + 1}`,
).join("\n");

/** A small deterministic generator, so a seed always builds the same store. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Fill `<repoDir>/.jig/jig.db` with a realistic dashboard store through the
 * real store APIs: gate runs over ~60 days (several branches, specs, agents
 * and verdicts), their review model calls, eval runs, approvals (half still
 * pending), audit records and autonomy evidence. Commits one source file per
 * path in FILES so findings have code to excerpt.
 */
export function seedDashboardStore(
  repoDir: string,
  options: SeedDashboardOptions = {},
): SeededDashboard {
  const {
    runs = 500,
    findingsPerRun = 10,
    evalRuns = 20,
    approvals = 30,
    auditEntries = approvals * 2,
    payloads,
    seed = 1,
  } = options;
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  let payloadIndex = 0;
  const text = (fallback: string): string =>
    payloads && payloads.length > 0
      ? (payloads[payloadIndex++ % payloads.length] as string)
      : fallback;
  const now = options.now ?? new Date();
  const span = 60 * 86_400_000;

  for (const file of FILES) {
    mkdirSync(dirname(join(repoDir, file)), { recursive: true });
    writeFileSync(join(repoDir, file), `${SOURCE}\n`);
  }
  // An identity of its own, so seeding works where git has none configured (CI).
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: "seed",
    GIT_AUTHOR_EMAIL: "seed@example.com",
    GIT_COMMITTER_NAME: "seed",
    GIT_COMMITTER_EMAIL: "seed@example.com",
  };
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "commit.gpgsign=false", ...args], {
      cwd: repoDir,
      encoding: "utf8",
      env,
    }).trim();
  git("add", "-A");
  git("commit", "-q", "--allow-empty", "-m", "seed: example sources");
  const head = git("rev-parse", "HEAD");

  const storePath = join(repoDir, ".jig", "jig.db");
  const db = openJigDatabase(storePath);
  try {
    const seeder: Seeder = { db, now, span, random, pick, text, head, seed };
    const { runIds, runWithFindings } = seedRuns(seeder, runs, findingsPerRun);
    seedEvalRuns(seeder, evalRuns);
    const approvalStore = seedApprovals(seeder, approvals);
    seedAudit(seeder, auditEntries);
    seedAutonomyEvidence(seeder);
    const pending = approvalStore.list(now, { status: "pending" }).map((approval) => approval.id);
    return { storePath, runIds, runWithFindings, pendingApprovalIds: pending, head };
  } finally {
    db.close();
  }
}

/** What every part of the seeding shares: the store, the clock and the random choices. */
interface Seeder {
  db: ReturnType<typeof openJigDatabase>;
  now: Date;
  /** How far back the seeded history reaches, in ms. */
  span: number;
  random: () => number;
  pick: <T>(items: readonly T[]) => T;
  /** A payload when the caller gave some, else the fallback text. */
  text: (fallback: string) => string;
  head: string;
  seed: number;
}

function seedRuns(
  { db, now, span, random, pick, text, head }: Seeder,
  runs: number,
  findingsPerRun: number,
): { runIds: string[]; runWithFindings: string } {
  const runStore = createSqliteRunStore(db);
  const calls = createSqliteModelCallLog(db);
  const runIds: string[] = [];
  let runWithFindings = "";
  const insertRuns = db.transaction(() => {
    for (let i = 0; i < runs; i++) {
      const started = new Date(now.getTime() - span + Math.floor((span * (i + 1)) / runs));
      const id = `${started
        .toISOString()
        .replace(/\.\d{3}Z$/, "Z")
        .replace(/[-:]/g, "")}-${i.toString(16).padStart(4, "0").slice(-4)}`;
      const report = buildReport({ id, started, head, i, findingsPerRun, random, pick, text });
      runStore.finishRun(report);
      const review = report.layers.find((layer) => layer.name === "review");
      if (review?.usage) {
        calls.record({
          runId: id,
          purpose: "review",
          modelId: "anthropic:claude-sonnet",
          key: `seed-${i}`,
          status: "ok",
          attempt: 1,
          inputTokens: review.usage.inputTokens,
          outputTokens: review.usage.outputTokens,
          costUsd: review.usage.costUsd,
          promptBytes: 4000,
          durationMs: review.durationMs,
          startedAt: report.run.startedAt,
        });
      }
      runIds.push(id);
      if (!runWithFindings && report.findings.length > 0 && report.criteria.length > 0)
        runWithFindings = id;
    }
  });
  insertRuns();

  return { runIds, runWithFindings };
}

function seedEvalRuns({ db, now, span, random, pick, text, head }: Seeder, evalRuns: number): void {
  const evals = createEvalStore(db, { now: () => now });
  for (let r = 0; r < evalRuns; r++) {
    const started = new Date(now.getTime() - span + Math.floor((span * (r + 1)) / (evalRuns + 1)));
    const id = `eval-${started.toISOString().slice(0, 10)}-${r}`;
    const scenarios = [0, 1, 2, 3].map((s) => ({ id: `scenario-${s}`, covers: [], repeat: 3 }));
    const suites = [
      { suite: "refunds", threshold: 0.8, covers: ["SPEC-0001/AC-1"], scenarios },
      { suite: "login", threshold: 0.9, covers: ["SPEC-0002/AC-1"], scenarios },
    ];
    evals.startRun({
      id,
      startedAt: started.toISOString(),
      head,
      headRef: pick(BRANCHES),
      options: { suites: suites.map((s) => s.suite), repeat: 3 },
      suites,
    });
    const results: EvalResult[] = [];
    for (const { suite } of suites) {
      for (let s = 0; s < 4; s++) {
        for (let attempt = 0; attempt < 3; attempt++) {
          const pass = random() < 0.6 + r / (evalRuns * 3);
          const result: EvalResult = {
            suite,
            scenario: `scenario-${s}`,
            attempt,
            status: pass ? "pass" : "fail",
            score: pass ? 1 : 0,
            latencyMs: 100 + Math.floor(random() * 400),
            cached: false,
            output: text(`answer ${s}.${attempt}`),
            assertions: [],
          };
          results.push(result);
          evals.recordResult(id, result);
        }
      }
    }
    evals.finishRun(
      id,
      new Date(started.getTime() + 60_000).toISOString(),
      scoreResults(suites, results),
    );
  }
  evals.flush();
}

function seedApprovals(
  { db, now, random, pick, text, seed }: Seeder,
  approvals: number,
): ReturnType<typeof createApprovalStore> {
  const approvalStore = createApprovalStore(db, { ttlMinutes: 7 * 24 * 60 });
  const created: string[] = [];
  for (let a = 0; a < approvals; a++) {
    const at = new Date(now.getTime() - (approvals - a) * 60_000);
    const agent = pick(AGENTS);
    const path = text(pick(FILES));
    const approval = approvalStore.request(
      {
        kind: "call",
        agent,
        tool: a % 2 === 0 ? "Write" : "Bash",
        callKey: `seed-call-${seed}-${a}`,
        summary: text(`write ${path}`),
        input: JSON.stringify(
          a % 2 === 0
            ? { tool: "Write", path, content: text(`export const refund = ${a};\n`) }
            : { tool: "Bash", command: text(`npm publish --tag beta-${a}`) },
        ),
        reason: text("policy asks a person for writes under src/billing"),
        policies: ["ask-billing-writes"],
      },
      at,
    );
    created.push(approval.id);
  }
  // Decide the older half, so the queue and the history both have rows.
  for (const id of created.slice(0, Math.floor(created.length / 2))) {
    approvalStore.decide(
      id,
      random() < 0.7 ? "approved" : "denied",
      now,
      "seed@example.com",
      "seeded decision",
    );
  }
  return approvalStore;
}

function seedAudit({ db, now, span, pick, text }: Seeder, auditEntries: number): void {
  const audit = createAuditLog(db);
  for (let e = 0; e < auditEntries; e++) {
    const decision = pick(["allow", "deny", "ask"] as const);
    audit.append({
      at: new Date(
        now.getTime() - span + Math.floor((span * (e + 1)) / (auditEntries + 1)),
      ).toISOString(),
      agent: pick(AGENTS),
      tool: pick(["Write", "Bash", "Edit"]),
      adapter: "claude-hook",
      input: JSON.stringify({ path: text(pick(FILES)) }),
      decision,
      reason: text(`${decision} by policy`),
      policies: [`policy-${e % 4}`],
      mode: "supervised",
      domain: pick(DOMAINS),
    });
  }
}

function seedAutonomyEvidence({ db, now, span, random }: Seeder): void {
  const events: EvidenceEvent[] = [];
  for (let e = 0; e < 120; e++) {
    events.push({
      at: new Date(now.getTime() - span + Math.floor((span * (e + 1)) / 121)).toISOString(),
      agent: AGENTS[e % AGENTS.length] as string,
      domain: DOMAINS[Math.floor(e / AGENTS.length) % DOMAINS.length] as string,
      kind: "outcome",
      outcome: random() < 0.9 ? "agree" : "disagree",
      subject: `commit-${e}`,
    });
  }
  createAutonomyStore(db).record(events);
}

function buildReport(input: {
  id: string;
  started: Date;
  head: string;
  i: number;
  findingsPerRun: number;
  random: () => number;
  pick: <T>(items: readonly T[]) => T;
  text: (fallback: string) => string;
}): Report {
  const { id, started, head, i, random, pick, text } = input;
  const roll = random();
  const outcome: Outcome = roll < 0.6 ? "pass" : roll < 0.85 ? "fail" : "needs-human";
  const count = outcome === "pass" ? Math.floor(input.findingsPerRun / 2) : input.findingsPerRun;
  const findings: Finding[] = [];
  for (let f = 0; f < count; f++) {
    const rule = RULES[(i + f) % RULES.length] as (typeof RULES)[number];
    findings.push({
      id: `${rule.layer}-${f + 1}`,
      layer: rule.layer,
      ruleId: rule.ruleId,
      severity: outcome === "pass" ? "info" : pick(SEVERITIES),
      file: text(FILES[(i + f) % FILES.length] as string),
      line: 1 + ((i + f * 7) % 38),
      title: text(rule.title),
      message: text(`${rule.title} at step ${f + 1} of run ${i}`),
    });
  }
  const spec = SPECS[i % SPECS.length] as (typeof SPECS)[number];
  const agent = AGENTS[i % AGENTS.length] as string;
  const domain = DOMAINS[i % DOMAINS.length] as string;
  const durationMs = 2000 + Math.floor(random() * 8000);
  const reviewCost = Math.round((0.02 + random() * 0.2) * 10000) / 10000;
  const layerNames = ["governance", "failure-models", "spec", "review"];
  const layers = layerNames.map((name) => {
    const own = findings.filter((finding) => finding.layer === name).length;
    return {
      name,
      status: (own > 0 && outcome !== "pass" ? "failed" : "passed") as "failed" | "passed",
      durationMs: Math.floor(durationMs / 4),
      findings: own,
      notes:
        name === "review"
          ? [`review coverage: ${80 + (i % 21)}% of changed lines reviewed`, text("reviewer notes")]
          : [`${name} ran`],
      ...(name === "review"
        ? { usage: { calls: 1, inputTokens: 12000, outputTokens: 800, costUsd: reviewCost } }
        : {}),
    };
  });
  const criteria = [1, 2, 3].map((n) => ({
    id: `${spec.id}/AC-${n}`,
    specId: spec.id,
    criterion: `AC-${n}`,
    text: text(`Acceptance criterion ${n} of ${spec.title}`),
    status: (n === 2 && outcome !== "pass" ? "not_met" : "met") as "met" | "not_met",
    evidence: text(`3/3 eval runs passed (criterion ${n})`),
    layer: "spec",
    sources: [{ kind: "evals", status: "met" as const, detail: text(`suite refunds, case ${n}`) }],
  }));
  const finished = new Date(started.getTime() + durationMs);
  const branch = BRANCHES[i % BRANCHES.length] as string;
  return {
    schema: "jig.report/v1",
    run: {
      id,
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      durationMs,
      jigVersion: "0.0.0-seed",
    },
    range: {
      base: head,
      head,
      baseRef: "main",
      headRef: branch,
      workingTree: false,
      description: text(`main...${branch}: commit ${i}`),
    },
    change: { files: 3, additions: 40 + i, deletions: 5, commits: 2, paths: FILES.slice(0, 3) },
    spec: { id: spec.id, title: text(spec.title), status: "approved", path: `specs/${spec.id}.md` },
    policy: { failOn: "high", require: [], criteria: "evidence", evidence: ["evals", "review"] },
    ...(outcome === "needs-human"
      ? {
          decisions: [
            {
              kind: "criterion" as const,
              summary: text("decide whether AC-2 is met"),
              location: `${spec.id}/AC-2`,
            },
          ],
        }
      : {}),
    layers,
    findings,
    criteria,
    verdict: {
      outcome,
      reasons: outcome === "pass" ? [] : [text(`${count} findings at or above high`)],
    },
    merge: {
      decision: outcome === "pass" && domain === "docs" ? "auto" : "human",
      reason: outcome === "pass" ? `${domain} is supervised for ${agent}` : `verdict ${outcome}`,
      agents: [agent],
      domains: [{ agent, domain, mode: "supervised", source: "autonomy.yaml classes[0]" }],
    },
  };
}
