import type { Report } from "../contract/index.js";
import type { CatalogEntry } from "./failure-model.js";

/** How often each failure model fired across recorded runs. */
export interface FailureStats {
  runs: number;
  since?: string;
  entries: Array<{
    id: string;
    domain: string;
    title: string;
    findings: number;
    runs: number;
    lastSeen: string;
  }>;
  domains: Array<{ domain: string; findings: number }>;
  /** Findings per ISO week (`2025-W07`), oldest first. */
  weeks: Array<{ week: string; findings: number }>;
  /** Active catalog entries that produced no finding in the period. */
  neverFired: Array<{ id: string; domain: string; title: string }>;
}

/**
 * Pure: count failure-model findings (`ruleId` starting with `FM-`) in the
 * given reports, per entry, per domain and per week, and list the active
 * entries that never fired. Findings whose id is no longer in the catalog
 * are still counted, under domain `unknown`.
 */
export function computeFailureStats(
  reports: ReadonlyArray<Report>,
  catalog: ReadonlyArray<CatalogEntry>,
  options: { since?: Date } = {},
): FailureStats {
  const byId = new Map(catalog.map((entry) => [entry.id, entry]));
  const entries = new Map<string, FailureStats["entries"][number]>();
  const domains = new Map<string, number>();
  const weeks = new Map<string, number>();
  let runs = 0;
  for (const report of reports) {
    if (options.since && new Date(report.run.startedAt) < options.since) continue;
    runs++;
    const seenInRun = new Set<string>();
    for (const finding of report.findings) {
      if (!finding.ruleId.startsWith("FM-")) continue;
      const entry = byId.get(finding.ruleId);
      const domain = entry?.domain ?? "unknown";
      let row = entries.get(finding.ruleId);
      if (!row) {
        row = {
          id: finding.ruleId,
          domain,
          title: entry?.title ?? finding.title,
          findings: 0,
          runs: 0,
          lastSeen: report.run.startedAt,
        };
        entries.set(finding.ruleId, row);
      }
      row.findings++;
      if (!seenInRun.has(finding.ruleId)) {
        row.runs++;
        seenInRun.add(finding.ruleId);
      }
      if (report.run.startedAt > row.lastSeen) row.lastSeen = report.run.startedAt;
      domains.set(domain, (domains.get(domain) ?? 0) + 1);
      const week = isoWeek(new Date(report.run.startedAt));
      weeks.set(week, (weeks.get(week) ?? 0) + 1);
    }
  }
  const stats: FailureStats = {
    runs,
    entries: [...entries.values()].sort(
      (left, right) => right.findings - left.findings || (left.id < right.id ? -1 : 1),
    ),
    domains: [...domains]
      .map(([domain, findings]) => ({ domain, findings }))
      .sort((left, right) => right.findings - left.findings),
    weeks: [...weeks]
      .map(([week, findings]) => ({ week, findings }))
      .sort((left, right) => (left.week < right.week ? -1 : 1)),
    neverFired: catalog
      .filter((entry) => !entries.has(entry.id))
      .map((entry) => ({ id: entry.id, domain: entry.domain, title: entry.title })),
  };
  if (options.since) stats.since = options.since.toISOString();
  return stats;
}

/** Plain-text rendering of {@link computeFailureStats}. */
export function formatFailureStats(stats: FailureStats): string {
  const lines: string[] = [];
  lines.push(
    `${stats.runs} recorded run${stats.runs === 1 ? "" : "s"}${stats.since ? ` since ${stats.since.slice(0, 10)}` : ""}`,
  );
  lines.push("", "Most frequent failure models:");
  if (stats.entries.length === 0) lines.push("  (none fired)");
  for (const row of stats.entries.slice(0, 20)) {
    lines.push(
      `  ${String(row.findings).padStart(5)}  ${row.id.padEnd(14)} ${row.title}  (${row.runs} run${row.runs === 1 ? "" : "s"}, last ${row.lastSeen.slice(0, 10)})`,
    );
  }
  lines.push("", "Per domain:");
  if (stats.domains.length === 0) lines.push("  (none)");
  for (const row of stats.domains)
    lines.push(`  ${String(row.findings).padStart(5)}  ${row.domain}`);
  lines.push("", "Per week:");
  if (stats.weeks.length === 0) lines.push("  (none)");
  for (const row of stats.weeks)
    lines.push(`  ${row.week}  ${"#".repeat(Math.min(row.findings, 60))} ${row.findings}`);
  lines.push("", `Never fired (${stats.neverFired.length}):`);
  for (const row of stats.neverFired)
    lines.push(`  ${row.id.padEnd(14)} ${row.domain.padEnd(16)} ${row.title}`);
  return `${lines.join("\n")}\n`;
}

function isoWeek(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = new Date(Date.UTC(day.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((day.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}
