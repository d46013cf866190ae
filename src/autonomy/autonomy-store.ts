import { createHash } from "node:crypto";
import type { JigDatabase } from "../store/index.js";
import type { AutonomyMode } from "./autonomy-mode.js";
import type { AutonomyClass } from "./autonomy-schema.js";
import type { ActiveDemotion } from "./mode-table.js";

export const EVIDENCE_EVENT_KINDS = [
  "gate",
  "guard",
  "answer",
  "approval",
  "escalation",
  "eval",
  "finding",
  "outcome",
  "incident",
] as const;
/**
 * What a piece of evidence is: a gate verdict, a guard decision, a person's
 * answer to an `ask`, an approval or denial, a loop escalation, an eval
 * satisfaction, a finding, an outcome learned from git, or an incident.
 */
export type EvidenceEventKind = (typeof EVIDENCE_EVENT_KINDS)[number];

/** One recorded piece of evidence about a decision class (agent × domain). */
export interface EvidenceEvent {
  at: string;
  agent: string;
  domain: string;
  /** edit, command, mcp:<server>; absent for change-level evidence (gate, outcome). */
  action?: string;
  kind: EvidenceEventKind;
  /** Set on events that count toward agreement: did jig's call match what people did? */
  outcome?: "agree" | "disagree";
  /** What it is about: a commit, run id, approval id, failure-model id, suite. */
  subject?: string;
  coderModel?: string;
  reviewerModel?: string;
  /** Kind-specific data (verdict, decision, satisfaction, severity), as JSON. */
  detail?: Record<string, unknown>;
}

export const DEMOTION_TRIGGERS = ["incident", "model-change", "agreement-drop"] as const;
export type DemotionTrigger = (typeof DEMOTION_TRIGGERS)[number];

export interface Demotion {
  at: string;
  agent: string;
  domain: string;
  from: AutonomyMode;
  to: AutonomyMode;
  trigger: DemotionTrigger;
  reason: string;
  /** classBasis() of the autonomy.yaml entry demoted; a re-granted entry lifts the demotion. */
  basis: string;
}

export interface AutonomyStore {
  /** Record evidence; outcome and incident events for the same subject are recorded once (sync is idempotent). Returns how many were new. */
  record(events: readonly EvidenceEvent[]): number;
  /** Events of one class (or all), oldest first, optionally since an ISO time. */
  events(filter?: {
    agent?: string;
    domain?: string;
    since?: string;
    kinds?: readonly EvidenceEventKind[];
  }): EvidenceEvent[];
  demote(demotion: Demotion): void;
  /** Every demotion ever recorded, oldest first. */
  demotions(): Demotion[];
}

/**
 * A stable hash of what a person granted for a class: agent, domain, mode,
 * actions and earnedWith. A demotion records it; once a person commits an
 * entry with a different hash (a re-grant, a new earnedWith), the demotion no
 * longer holds.
 */
export function classBasis(
  entry: AutonomyClass | undefined,
  agent: string,
  domain: string,
): string {
  const material = entry
    ? JSON.stringify([
        entry.agent,
        entry.domain,
        entry.mode,
        entry.actions ?? null,
        entry.earnedWith ?? null,
        entry.since ?? null,
      ])
    : JSON.stringify([agent, domain, "unlisted"]);
  return createHash("sha256").update(material).digest("hex").slice(0, 16);
}

/**
 * The demotions in force: the latest per class whose basis still matches the
 * entry autonomy.yaml has now. Pure.
 */
export function activeDemotions(
  demotions: readonly Demotion[],
  entryFor: (agent: string, domain: string) => AutonomyClass | undefined,
): ActiveDemotion[] {
  const latest = new Map<string, Demotion>();
  for (const demotion of demotions) {
    if (
      demotion.basis !==
      classBasis(entryFor(demotion.agent, demotion.domain), demotion.agent, demotion.domain)
    )
      continue;
    const k = `${demotion.agent}\u0000${demotion.domain}`;
    const prior = latest.get(k);
    // Demotions stack: a second trigger lowers further, never raises.
    if (!prior || rankOf(demotion.to) <= rankOf(prior.to)) latest.set(k, demotion);
  }
  return [...latest.values()].map(({ agent, domain, to }) => ({ agent, domain, to }));
}

const RANKS: Record<AutonomyMode, number> = {
  blocked: 0,
  shadow: 1,
  supervised: 2,
  "auto-logged": 3,
  "full-auto": 4,
};
function rankOf(mode: AutonomyMode): number {
  return RANKS[mode];
}

interface EventRow {
  at: string;
  agent: string;
  domain: string;
  action: string | null;
  kind: EvidenceEventKind;
  outcome: "agree" | "disagree" | null;
  subject: string | null;
  coder_model: string | null;
  reviewer_model: string | null;
  detail: string | null;
}

/** The SQLite autonomy store, in the run store's database (migration 9). */
export function createAutonomyStore(db: JigDatabase): AutonomyStore {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO autonomy_events (at, agent, domain, action, kind, outcome, subject, coder_model, reviewer_model, detail)
     VALUES (@at, @agent, @domain, @action, @kind, @outcome, @subject, @coder_model, @reviewer_model, @detail)`,
  );
  const insertMany = db.transaction((events: readonly EvidenceEvent[]) => {
    let added = 0;
    for (const event of events) {
      added += insert.run({
        at: event.at,
        agent: event.agent,
        domain: event.domain,
        action: event.action ?? null,
        kind: event.kind,
        outcome: event.outcome ?? null,
        subject: event.subject ?? null,
        coder_model: event.coderModel ?? null,
        reviewer_model: event.reviewerModel ?? null,
        detail: event.detail ? JSON.stringify(event.detail) : null,
      }).changes;
    }
    return added;
  });
  const insertDemotion = db.prepare(
    `INSERT INTO autonomy_demotions (at, agent, domain, from_mode, to_mode, trigger, reason, basis)
     VALUES (@at, @agent, @domain, @from, @to, @trigger, @reason, @basis)`,
  );
  return {
    record: (events) => insertMany(events),
    events(filter = {}) {
      const where: string[] = [];
      const params: Record<string, string> = {};
      if (filter.agent !== undefined) {
        where.push("agent = @agent");
        params.agent = filter.agent;
      }
      if (filter.domain !== undefined) {
        where.push("domain = @domain");
        params.domain = filter.domain;
      }
      if (filter.since !== undefined) {
        where.push("at >= @since");
        params.since = filter.since;
      }
      if (filter.kinds && filter.kinds.length > 0) {
        where.push(`kind IN (${filter.kinds.map((_, i) => `@k${i}`).join(", ")})`);
        filter.kinds.forEach((kind, i) => {
          params[`k${i}`] = kind;
        });
      }
      const rows = db
        .prepare(
          `SELECT at, agent, domain, action, kind, outcome, subject, coder_model, reviewer_model, detail
           FROM autonomy_events ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY at, id`,
        )
        .all(params) as EventRow[];
      return rows.map(fromRow);
    },
    demote(demotion) {
      insertDemotion.run({ ...demotion });
    },
    demotions() {
      return (
        db
          .prepare(
            "SELECT at, agent, domain, from_mode, to_mode, trigger, reason, basis FROM autonomy_demotions ORDER BY at, id",
          )
          .all() as Array<{
          at: string;
          agent: string;
          domain: string;
          from_mode: AutonomyMode;
          to_mode: AutonomyMode;
          trigger: DemotionTrigger;
          reason: string;
          basis: string;
        }>
      ).map((row) => ({
        at: row.at,
        agent: row.agent,
        domain: row.domain,
        from: row.from_mode,
        to: row.to_mode,
        trigger: row.trigger,
        reason: row.reason,
        basis: row.basis,
      }));
    },
  };
}

function fromRow(row: EventRow): EvidenceEvent {
  return {
    at: row.at,
    agent: row.agent,
    domain: row.domain,
    kind: row.kind,
    ...(row.action === null ? {} : { action: row.action }),
    ...(row.outcome === null ? {} : { outcome: row.outcome }),
    ...(row.subject === null ? {} : { subject: row.subject }),
    ...(row.coder_model === null ? {} : { coderModel: row.coder_model }),
    ...(row.reviewer_model === null ? {} : { reviewerModel: row.reviewer_model }),
    ...(row.detail === null ? {} : { detail: JSON.parse(row.detail) as Record<string, unknown> }),
  };
}
