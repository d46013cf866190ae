import type { AuditRecord } from "../agents/audit-log.js";
import type { Outcome, Report } from "../contract/index.js";
import type { JigDatabase } from "../store/index.js";
import { createSqliteRunStore } from "../store/sqlite-run-store.js";

/** The query module behind both the pages and /api/v1: one query, two renderings. */

export const PAGE_SIZE = 50;

export interface RunFilters {
  verdict?: string;
  branch?: string;
  spec?: string;
  agent?: string;
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
}

export interface RunRow {
  id: string;
  startedAt: string;
  outcome?: Outcome;
  branch: string;
  findings: number;
  durationMs?: number;
  spec?: { id: string; title: string };
  agents: string[];
  reasons: string[];
}

export interface RunPage {
  runs: RunRow[];
  total: number;
  page: number;
  pages: number;
  filters: RunFilters;
}

const FILTER_KEYS = ["verdict", "branch", "spec", "agent", "from", "to"] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filters a query string carries; unknown keys and empty values are dropped. */
export function parseRunFilters(query: Record<string, string | undefined>): RunFilters {
  const filters: RunFilters = {};
  for (const key of FILTER_KEYS) {
    const value = query[key]?.trim();
    if (!value) continue;
    if ((key === "from" || key === "to") && !DATE.test(value)) continue;
    filters[key] = value;
  }
  return filters;
}

/** `%` and `_` match literally in a LIKE pattern built from user input. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A JSON string literal as it appears inside report_json (JSON.stringify's escaping). */
function jsonLiteral(text: string): string {
  return likeLiteral(JSON.stringify(text));
}

function whereOf(filters: RunFilters): { sql: string; params: unknown[] } {
  const clauses = ["status = 'finished'"];
  const params: unknown[] = [];
  if (filters.verdict) {
    clauses.push("outcome = ?");
    params.push(filters.verdict);
  }
  if (filters.branch) {
    clauses.push("head_ref = ?");
    params.push(filters.branch);
  }
  if (filters.from) {
    clauses.push("started_at >= ?");
    params.push(filters.from);
  }
  if (filters.to) {
    clauses.push("started_at <= ?");
    params.push(`${filters.to}T23:59:59.999Z`);
  }
  // Spec and agent live only in the report document. The store writes it with
  // JSON.stringify in a fixed key order, so a LIKE on the serialized form works
  // on SQLite and Postgres alike without JSON functions (slower: a scan).
  if (filters.spec) {
    clauses.push("report_json LIKE ? ESCAPE '\\'");
    params.push(`%"spec":{"id":${jsonLiteral(filters.spec)}%`);
  }
  if (filters.agent) {
    clauses.push("report_json LIKE ? ESCAPE '\\'");
    params.push(`%"agents":[%${jsonLiteral(filters.agent)}%],"domains"%`);
  }
  return { sql: clauses.join(" AND "), params };
}

interface RunListRow {
  id: string;
  started_at: string;
  outcome: Outcome | null;
  head_ref: string;
  findings: number;
  duration_ms: number | null;
  report_json: string | null;
}

/** One page of finished runs, newest first: an indexed LIMIT, and only that page's reports parsed. */
export function listRunPage(db: JigDatabase, filters: RunFilters, page: number): RunPage {
  const where = whereOf(filters);
  const total = db
    .prepare(`SELECT count(*) AS n FROM runs WHERE ${where.sql}`)
    .get(...where.params) as {
    n: number;
  };
  const pages = Math.max(1, Math.ceil(Number(total.n) / PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const rows = db
    .prepare(
      `SELECT id, started_at, outcome, head_ref, findings, duration_ms, report_json FROM runs
       WHERE ${where.sql} ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?`,
    )
    .all(...where.params, PAGE_SIZE, (current - 1) * PAGE_SIZE) as RunListRow[];
  return {
    runs: rows.map(toRunRow),
    total: Number(total.n),
    page: current,
    pages,
    filters,
  };
}

function toRunRow(row: RunListRow): RunRow {
  const report = row.report_json ? (JSON.parse(row.report_json) as Report) : undefined;
  return {
    id: row.id,
    startedAt: row.started_at,
    ...(row.outcome ? { outcome: row.outcome } : {}),
    branch: row.head_ref,
    findings: Number(row.findings),
    ...(row.duration_ms === null ? {} : { durationMs: Number(row.duration_ms) }),
    ...(report?.spec ? { spec: { id: report.spec.id, title: report.spec.title } } : {}),
    agents: report?.merge?.agents ?? [],
    reasons: report?.verdict.reasons ?? [],
  };
}

/** The stored report of a run, by id or unique prefix. */
export function getRunReport(db: JigDatabase, id: string): Report | undefined {
  return createSqliteRunStore(db).getRun(id);
}

export interface FilterChoices {
  branches: string[];
  /** Spec ids with their titles, as the newest run of each named them. */
  specs: Array<{ id: string; title: string }>;
  agents: string[];
}

const CHOICES_LIMIT = 200;
/** Reports read for the spec and agent choices on a cold start (JSON parsing costs ~75 µs a run). */
const CHOICES_RECENT_RUNS = 2000;

/** Which runs' reports to read: the newest N finished, or those finished after a time. */
type ChoiceScope = { recent: number } | { finishedAfter: string };

/**
 * The distinct branches, specs and agents of the stored runs, for the filter
 * dropdowns. Branches come from an indexed column; spec and agents live only
 * in the report document, so they come out through each dialect's JSON
 * functions (SQLite's json_each, Postgres's jsonb; the Postgres facade's name
 * is "postgres"), over the runs `scope` names only.
 */
export function filterChoices(
  db: JigDatabase,
  scope: ChoiceScope = { recent: CHOICES_RECENT_RUNS },
): FilterChoices {
  const branches = db
    .prepare("SELECT DISTINCT head_ref FROM runs ORDER BY head_ref LIMIT ?")
    .all(CHOICES_LIMIT) as Array<{ head_ref: string }>;
  const postgres = (db as { name?: string }).name === "postgres";
  const picked =
    "recent" in scope
      ? "SELECT id FROM runs WHERE status = 'finished' ORDER BY started_at DESC LIMIT ?"
      : "SELECT id FROM runs WHERE status = 'finished' AND finished_at > ?";
  const param = "recent" in scope ? scope.recent : scope.finishedAfter;
  const specSql = postgres
    ? `SELECT report_json::jsonb->'spec'->>'id' AS id, max(report_json::jsonb->'spec'->>'title') AS title
       FROM runs WHERE id IN (${picked}) AND report_json::jsonb->'spec'->>'id' IS NOT NULL
       GROUP BY 1 ORDER BY 1 LIMIT ?`
    : `SELECT json_extract(report_json, '$.spec.id') AS id, max(json_extract(report_json, '$.spec.title')) AS title
       FROM runs WHERE id IN (${picked}) AND json_extract(report_json, '$.spec.id') IS NOT NULL
       GROUP BY 1 ORDER BY 1 LIMIT ?`;
  const agentSql = postgres
    ? `SELECT DISTINCT jsonb_array_elements_text(report_json::jsonb->'merge'->'agents') AS agent
       FROM runs WHERE id IN (${picked}) AND report_json IS NOT NULL ORDER BY 1 LIMIT ?`
    : `SELECT DISTINCT agent.value AS agent FROM runs, json_each(runs.report_json, '$.merge.agents') AS agent
       WHERE runs.id IN (${picked}) AND runs.report_json IS NOT NULL ORDER BY 1 LIMIT ?`;
  const specs = db.prepare(specSql).all(param, CHOICES_LIMIT) as Array<{
    id: string;
    title: string | null;
  }>;
  const agents = db.prepare(agentSql).all(param, CHOICES_LIMIT) as Array<{ agent: string }>;
  return {
    branches: branches.map((row) => row.head_ref),
    specs: specs.map((row) => ({ id: String(row.id), title: String(row.title ?? "") })),
    agents: agents.map((row) => String(row.agent)),
  };
}

/**
 * filterChoices for every page view at the cost of the runs finished since
 * the last one. A hit costs two indexed reads (count and newest start of the
 * finished runs). The first call reads the newest 2,000 reports (~75 ms at
 * 10,000 stored runs, where all of them take ~750 ms); once a run finishes,
 * only the reports finished after the newest `finished_at` seen are read and
 * merged in (finished_at has no index: that scan is ~50 ms at 10,000 runs,
 * once per new run).
 */
export function cachedFilterChoices(): (db: JigDatabase) => FilterChoices {
  let cached: { key: string; finishedAt: string; choices: FilterChoices } | undefined;
  return (db) => {
    const head = db
      .prepare(
        "SELECT count(*) AS n, max(started_at) AS newest FROM runs WHERE status = 'finished'",
      )
      .get() as { n: number; newest: string | null };
    const key = `${head.n}:${head.newest ?? ""}`;
    if (cached?.key === key) return cached.choices;
    const finished = db
      .prepare("SELECT max(finished_at) AS newest FROM runs WHERE status = 'finished'")
      .get() as { newest: string | null };
    const finishedAt = finished.newest ?? "";
    if (!cached) {
      cached = { key, finishedAt, choices: filterChoices(db) };
      return cached.choices;
    }
    const fresh = filterChoices(db, { finishedAfter: cached.finishedAt });
    const specs = new Map(cached.choices.specs.map((spec) => [spec.id, spec]));
    for (const spec of fresh.specs) specs.set(spec.id, spec);
    cached = {
      key,
      finishedAt,
      choices: {
        branches: fresh.branches,
        specs: [...specs.values()]
          .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
          .slice(0, CHOICES_LIMIT),
        agents: [...new Set([...cached.choices.agents, ...fresh.agents])]
          .sort()
          .slice(0, CHOICES_LIMIT),
      },
    };
    return cached.choices;
  };
}

export interface Trends {
  verdictsPerDay: Array<{ day: string; pass: number; fail: number; needsHuman: number }>;
  findingsPerModel: Array<{ ruleId: string; domain: string; count: number }>;
  evals: Array<{
    suite: string;
    points: Array<{
      runId: string;
      at: string;
      satisfaction: number;
      low?: number;
      high?: number;
      passAll: number;
      repeat: number;
      threshold: number;
    }>;
  }>;
  costPerWeek: Array<{ week: string; costUsd: number; calls: number }>;
}

/** A failure model of the active catalog, so models that never fired are listed too. */
export interface CatalogModel {
  id: string;
  domain: string;
}

/** Aggregates in SQL (GROUP BY over indexed columns); only eval summaries are parsed. */
export function readTrends(db: JigDatabase, catalog: readonly CatalogModel[]): Trends {
  const verdictRows = db
    .prepare(
      `SELECT substr(started_at, 1, 10) AS day, outcome, count(*) AS n FROM runs
       WHERE status = 'finished' GROUP BY substr(started_at, 1, 10), outcome ORDER BY day`,
    )
    .all() as Array<{ day: string; outcome: Outcome | null; n: number }>;
  const days = new Map<string, Trends["verdictsPerDay"][number]>();
  for (const row of verdictRows) {
    const entry = days.get(row.day) ?? { day: row.day, pass: 0, fail: 0, needsHuman: 0 };
    if (row.outcome === "pass") entry.pass += Number(row.n);
    else if (row.outcome === "fail") entry.fail += Number(row.n);
    else if (row.outcome === "needs-human") entry.needsHuman += Number(row.n);
    days.set(row.day, entry);
  }

  const fired = db
    .prepare(
      "SELECT rule_id, count(*) AS n FROM findings WHERE layer = 'failure-models' GROUP BY rule_id",
    )
    .all() as Array<{ rule_id: string; n: number }>;
  const counts = new Map(fired.map((row) => [row.rule_id, Number(row.n)]));
  const models = new Map<string, { ruleId: string; domain: string; count: number }>();
  for (const model of catalog)
    models.set(model.id, {
      ruleId: model.id,
      domain: model.domain,
      count: counts.get(model.id) ?? 0,
    });
  for (const [ruleId, count] of counts) {
    if (!models.has(ruleId)) models.set(ruleId, { ruleId, domain: domainOfRule(ruleId), count });
  }
  const findingsPerModel = [...models.values()].sort(
    (a, b) => b.count - a.count || a.ruleId.localeCompare(b.ruleId),
  );

  const evalRows = db
    .prepare(
      `SELECT id, started_at, summary_json FROM eval_runs WHERE status = 'finished'
       ORDER BY started_at DESC LIMIT 200`,
    )
    .all() as Array<{ id: string; started_at: string; summary_json: string | null }>;
  const suites = new Map<string, Trends["evals"][number]>();
  for (const row of evalRows.reverse()) {
    if (!row.summary_json) continue;
    const summary = JSON.parse(row.summary_json) as {
      suites?: Array<{
        suite: string;
        satisfaction: number;
        interval?: { low: number; high: number };
        passAll: number;
        repeat: number;
        threshold: number;
      }>;
    };
    for (const suite of summary.suites ?? []) {
      const entry = suites.get(suite.suite) ?? { suite: suite.suite, points: [] };
      entry.points.push({
        runId: row.id,
        at: row.started_at,
        satisfaction: suite.satisfaction,
        ...(suite.interval ? { low: suite.interval.low, high: suite.interval.high } : {}),
        passAll: suite.passAll,
        repeat: suite.repeat,
        threshold: suite.threshold,
      });
      suites.set(suite.suite, entry);
    }
  }

  const costRows = db
    .prepare(
      `SELECT substr(started_at, 1, 10) AS day, sum(cost_usd) AS cost, count(*) AS n FROM model_calls
       WHERE purpose = 'review' GROUP BY substr(started_at, 1, 10) ORDER BY day`,
    )
    .all() as Array<{ day: string; cost: number; n: number }>;
  const weeks = new Map<string, { week: string; costUsd: number; calls: number }>();
  for (const row of costRows) {
    const week = weekOf(row.day);
    const entry = weeks.get(week) ?? { week, costUsd: 0, calls: 0 };
    entry.costUsd += Number(row.cost);
    entry.calls += Number(row.n);
    weeks.set(week, entry);
  }
  return {
    verdictsPerDay: [...days.values()],
    findingsPerModel,
    evals: [...suites.values()],
    costPerWeek: [...weeks.values()].map((w) => ({
      ...w,
      costUsd: Math.round(w.costUsd * 1e4) / 1e4,
    })),
  };
}

/** `FM-SQL-001` → `sql`: the domain of a model no longer in the catalog. */
function domainOfRule(ruleId: string): string {
  const match = /^FM-([A-Z0-9-]+)-\d+$/.exec(ruleId);
  return match ? (match[1] as string).toLowerCase() : "unknown";
}

/** The Monday (UTC) of the week holding `day`, as YYYY-MM-DD. */
export function weekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const offset = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - offset * 86_400_000).toISOString().slice(0, 10);
}

export interface AuditFilters {
  agent?: string;
  decision?: string;
}

/** The newest audit records matching the filters (indexed by seq), newest first. */
export function listAudit(db: JigDatabase, filters: AuditFilters, limit = 200): AuditRecord[] {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filters.agent) {
    clauses.push("agent = ?");
    params.push(filters.agent);
  }
  if (filters.decision) {
    clauses.push("decision = ?");
    params.push(filters.decision);
  }
  const where = clauses.length > 0 ? `WHERE ${clauses.join(" AND ")}` : "";
  const rows = db
    .prepare(
      `SELECT seq, at, agent, tool, adapter, input, decision, reason, policies, approval_id, mode, domain, prev_hash, hash
       FROM audit_log ${where} ORDER BY seq DESC LIMIT ?`,
    )
    .all(...params, limit) as Array<Record<string, unknown>>;
  return rows.map((row) => ({
    seq: Number(row.seq),
    at: String(row.at),
    agent: String(row.agent),
    tool: String(row.tool),
    adapter: String(row.adapter),
    input: String(row.input),
    decision: row.decision as AuditRecord["decision"],
    reason: String(row.reason),
    policies: JSON.parse(String(row.policies)) as string[],
    ...(row.approval_id ? { approvalId: String(row.approval_id) } : {}),
    ...(row.mode ? { mode: String(row.mode) } : {}),
    ...(row.domain ? { domain: String(row.domain) } : {}),
    prevHash: String(row.prev_hash),
    hash: String(row.hash),
  }));
}
