import { formatInterval } from "./agreement-interval.js";
import {
  assessNextStep,
  type ClassEvidence,
  type NextStep,
  promotionRule,
  summarizeEvidence,
} from "./assess-class.js";
import type { AutonomyMode } from "./autonomy-mode.js";
import type { AutonomyFile } from "./autonomy-schema.js";
import {
  activeDemotions,
  classBasis,
  type Demotion,
  type EvidenceEvent,
} from "./autonomy-store.js";
import { ANY_DOMAIN } from "./match-domains.js";
import { createModeTable } from "./mode-table.js";
import { emptyAutonomy } from "./parse-autonomy.js";
import { findClassEntry } from "./plan-demotions.js";

/** One cell of the agents × domains map. */
export interface ClassStatus {
  agent: string;
  domain: string;
  /** The mode in force: autonomy.yaml's, lowered by any demotion still in force. */
  mode: AutonomyMode;
  /** Where the mode comes from: an autonomy.yaml entry, the default, or a demotion. */
  source: string;
  evidence: ClassEvidence;
  next: NextStep;
  /** Demotions of this class, oldest first, each marked whether it still holds. */
  demotions: Array<Demotion & { inForce: boolean }>;
}

export interface AutonomyStatus {
  /** False without autonomy.yaml: the guard and gate ignore modes until a person adds one. */
  configured: boolean;
  agents: string[];
  domains: string[];
  classes: ClassStatus[];
}

export interface StatusInput {
  file: AutonomyFile | undefined;
  events: readonly EvidenceEvent[];
  demotions: readonly Demotion[];
  /** Domain names from jig.config.yaml, in config order. */
  domains: readonly string[];
  now: Date;
  /** Classes to show even without evidence or an entry (explain names one). */
  include?: ReadonlyArray<{ agent: string; domain: string }>;
}

/**
 * The map of every class with evidence or an entry of its own: mode in
 * force, evidence, agreement interval and the next step's condition. Pure.
 */
export function buildAutonomyStatus(input: StatusInput): AutonomyStatus {
  const file = input.file ?? emptyAutonomy();
  const grouped = new Map<string, EvidenceEvent[]>();
  const add = (agent: string, domain: string) => {
    const key = `${agent}\u0000${domain}`;
    if (!grouped.has(key)) grouped.set(key, []);
    return grouped.get(key) as EvidenceEvent[];
  };
  for (const entry of input.file?.classes ?? []) {
    if (entry.agent !== "*") add(entry.agent, entry.domain);
  }
  for (const c of input.include ?? []) add(c.agent, c.domain);
  for (const event of input.events) add(event.agent, event.domain).push(event);

  const entryFor = (agent: string, domain: string) => findClassEntry(input.file, agent, domain);
  const table = createModeTable(input.file, activeDemotions(input.demotions, entryFor));
  const classes: ClassStatus[] = [];
  for (const [key, events] of grouped) {
    const [agent, domain] = key.split("\u0000") as [string, string];
    const resolved = table.resolve(agent, [domain]);
    const entry = entryFor(agent, domain);
    const rule = promotionRule(file, resolved.mode);
    const evidence = summarizeEvidence(agent, domain, events, {
      now: input.now,
      ...(rule?.days === undefined ? {} : { incidentWindowDays: rule.days }),
      ...(entry?.since === undefined ? {} : { since: entry.since }),
    });
    const basis = classBasis(entry, agent, domain);
    classes.push({
      agent,
      domain,
      mode: resolved.mode,
      source: resolved.source,
      evidence,
      next: assessNextStep(file, resolved.mode, evidence),
      demotions: input.demotions
        .filter((d) => d.agent === agent && d.domain === domain)
        .map((d) => ({ ...d, inForce: d.basis === basis })),
    });
  }
  const order = new Map(input.domains.map((name, i) => [name, i]));
  const rank = (domain: string) =>
    order.get(domain) ?? (domain === ANY_DOMAIN ? Number.MAX_SAFE_INTEGER : input.domains.length);
  classes.sort((a, b) =>
    a.agent === b.agent
      ? rank(a.domain) - rank(b.domain) || a.domain.localeCompare(b.domain)
      : a.agent.localeCompare(b.agent),
  );
  return {
    configured: input.file !== undefined,
    agents: [...new Set(classes.map((c) => c.agent))],
    domains: [...new Set(classes.map((c) => c.domain))].sort((a, b) => rank(a) - rank(b)),
    classes,
  };
}

const NOT_CONFIGURED =
  "autonomy.yaml not present: modes are not enforced (the guard follows the manifests, every merge needs a human). jig autonomy propose --write starts one.";

/** `jig autonomy status` as text: one line per class, then what is next. */
export function renderStatusText(status: AutonomyStatus): string {
  const lines: string[] = [];
  if (!status.configured) lines.push(NOT_CONFIGURED, "");
  if (status.classes.length === 0) {
    lines.push("no evidence recorded yet: jig autonomy sync learns outcomes from git");
    return `${lines.join("\n")}\n`;
  }
  const rows = status.classes.map((c) => [
    c.agent,
    c.domain,
    c.mode + (c.demotions.some((d) => d.inForce) ? " (demoted)" : ""),
    formatInterval(c.evidence.agreement),
    `${c.evidence.incidentsTotal}`,
    nextText(c.next),
  ]);
  const header = ["AGENT", "DOMAIN", "MODE", "AGREEMENT (95% WILSON)", "INCIDENTS", "NEXT STEP"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const pad = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  lines.push(pad(header), ...rows.map(pad));
  return `${lines.join("\n")}\n`;
}

/** `jig autonomy status --format markdown`, for a CI summary. */
export function renderStatusMarkdown(status: AutonomyStatus): string {
  const lines = ["## Autonomy", ""];
  if (!status.configured) lines.push(`> ${NOT_CONFIGURED}`, "");
  lines.push(
    "| Agent | Domain | Mode | Agreement (95% Wilson) | Incidents | Next step |",
    "|---|---|---|---|---|---|",
  );
  for (const c of status.classes) {
    const demoted = c.demotions.some((d) => d.inForce) ? " (demoted)" : "";
    lines.push(
      `| ${cell(c.agent)} | ${cell(c.domain)} | ${c.mode}${demoted} | ${formatInterval(c.evidence.agreement)} | ${c.evidence.incidentsTotal} | ${cell(nextText(c.next))} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** `jig autonomy explain AGENT DOMAIN`: the mode, its source, the evidence and the demotions. */
export function renderExplainText(
  status: ClassStatus,
  events: readonly EvidenceEvent[],
  configured: boolean,
): string {
  const lines = [
    `${status.agent} in ${status.domain}: ${status.mode}`,
    `  from: ${status.source}${configured ? "" : " (autonomy.yaml not present: not enforced)"}`,
    `  agreement: ${formatInterval(status.evidence.agreement)}`,
    `  evidence: ${status.evidence.events} events over ${status.evidence.days} days${
      status.evidence.firstAt ? ` (since ${status.evidence.firstAt.slice(0, 10)})` : ""
    }`,
  ];
  const kinds = new Map<string, number>();
  for (const event of events) kinds.set(event.kind, (kinds.get(event.kind) ?? 0) + 1);
  if (kinds.size > 0) lines.push(`    ${[...kinds].map(([kind, n]) => `${kind} ${n}`).join(", ")}`);
  const disagreements = events.filter((e) => e.outcome === "disagree").slice(-5);
  if (disagreements.length > 0) {
    lines.push("  latest disagreements:");
    for (const e of disagreements) lines.push(`    ${e.at.slice(0, 10)} ${describe(e)}`);
  }
  const incidents = events.filter((e) => e.kind === "incident");
  lines.push(`  incidents: ${incidents.length}`);
  for (const e of incidents.slice(-5)) lines.push(`    ${e.at.slice(0, 10)} ${describe(e)}`);
  lines.push(`  demotions: ${status.demotions.length}`);
  for (const d of status.demotions) {
    lines.push(
      `    ${d.at.slice(0, 10)} ${d.from} → ${d.to} [${d.trigger}] ${d.inForce ? "in force" : "lifted by a re-grant"}: ${d.reason}`,
    );
  }
  lines.push(`  next: ${nextText(status.next)}`);
  return `${lines.join("\n")}\n`;
}

/** The next step in one line: the rule, and what is missing or that propose offers it. */
export function nextText(next: NextStep): string {
  if (next.to === undefined) return next.condition;
  if (next.met) return `${next.condition}: met, see jig autonomy propose`;
  return `${next.condition}; missing: ${next.missing.join(", ")}`;
}

function describe(event: EvidenceEvent): string {
  const what = [event.kind, event.action ? `(${event.action})` : "", event.outcome ?? ""]
    .filter(Boolean)
    .join(" ");
  const subject = event.subject ? ` ${event.subject.slice(0, 12)}` : "";
  const reason =
    typeof event.detail?.reason === "string"
      ? event.detail.reason
      : typeof event.detail?.by === "string"
        ? event.detail.by
        : undefined;
  return `${what}${subject}${reason ? `: ${reason}` : ""}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}
