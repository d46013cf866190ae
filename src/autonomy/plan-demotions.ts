import { type AgreementInterval, agreementInterval, formatInterval } from "./agreement-interval.js";
import { type AutonomyMode, DEFAULT_MODE, modeRank, stepDown } from "./autonomy-mode.js";
import type { AutonomyClass, AutonomyFile } from "./autonomy-schema.js";
import { classBasis, type Demotion, type EvidenceEvent } from "./autonomy-store.js";
import { ANY_DOMAIN } from "./match-domains.js";

const DAY_MS = 86_400_000;
/** Fewer decided outcomes than this in either window is noise, not a drop. */
export const MIN_WINDOW_DECISIONS = 10;

/**
 * The autonomy.yaml entry that governs a whole class (agent × domain), by
 * the mode table's precedence: exact agent over `*`, exact domain over `*`,
 * an entry for all actions over one limited to some. Pure.
 */
export function findClassEntry(
  file: AutonomyFile | undefined,
  agent: string,
  domain: string,
): AutonomyClass | undefined {
  if (!file) return undefined;
  const candidates: Array<[string, string]> = [
    [agent, domain],
    ["*", domain],
  ];
  if (domain !== ANY_DOMAIN) candidates.push([agent, ANY_DOMAIN]);
  for (const [a, d] of candidates) {
    const matches = file.classes.filter((entry) => entry.agent === a && entry.domain === d);
    const whole = matches.find((entry) => entry.actions === undefined) ?? matches[0];
    if (whole) return whole;
  }
  return undefined;
}

/** What the demotion planner needs to know about one class. */
export interface ClassState {
  agent: string;
  domain: string;
  /** The mode in force now, after the demotions already recorded. */
  mode: AutonomyMode;
  entry?: AutonomyClass;
  /** Triggers of the demotions in force for this class (same basis). */
  activeTriggers: readonly string[];
  /** The class's evidence, oldest first. */
  events: readonly EvidenceEvent[];
}

/**
 * The demotions the evidence calls for now. Pure, so sync and
 * `jig incident record` share it and tests feed it plain data.
 *
 * - Any incident after the grant (`since`, or ever when unstamped) takes a
 *   class above supervised down to supervised.
 * - Agreement over the last `windowDays` more than `demote.windowDrop` below
 *   the window that earned the mode (the `windowDays` before `since`, or,
 *   unstamped, the window before the recent one) takes it one step down,
 *   once per grant: a second drop in the same grant waits for a person.
 *
 * Demotion needs no person, unlike promotion: losing trust on evidence of
 * harm is cheap to undo (re-grant), while keeping it may not be.
 */
export function planDemotions(
  file: AutonomyFile,
  classes: readonly ClassState[],
  now: Date,
): Demotion[] {
  const at = now.toISOString();
  const demotions: Demotion[] = [];
  for (const state of classes) {
    const basis = classBasis(state.entry, state.agent, state.domain);
    const since = state.entry?.since;
    const incident = state.events.find(
      (event) => event.kind === "incident" && (since === undefined || event.at >= since),
    );
    if (incident && modeRank(state.mode) > modeRank("supervised")) {
      demotions.push({
        at,
        agent: state.agent,
        domain: state.domain,
        from: state.mode,
        to: "supervised",
        trigger: "incident",
        reason: `incident ${describeIncident(incident)} in ${state.domain}: ${state.mode} → supervised`,
        basis,
      });
      continue;
    }
    if (state.activeTriggers.includes("agreement-drop") || state.mode === "blocked") continue;
    if (!state.entry && state.mode === DEFAULT_MODE) continue;
    const drop = agreementDrop(file, state, now);
    if (drop) {
      const to = stepDown(state.mode);
      demotions.push({
        at,
        agent: state.agent,
        domain: state.domain,
        from: state.mode,
        to,
        trigger: "agreement-drop",
        reason: `agreement over the last ${file.windowDays} days ${formatInterval(drop.recent)} is more than ${Math.round(file.demote.windowDrop * 100)} points below the earning window's ${formatInterval(drop.earned)}: ${state.mode} → ${to}`,
        basis,
      });
    }
  }
  return demotions;
}

/** The recent and earning windows when the drop exceeds the rule, else undefined. */
export function agreementDrop(
  file: AutonomyFile,
  state: Pick<ClassState, "entry" | "events">,
  now: Date,
): { recent: AgreementInterval; earned: AgreementInterval } | undefined {
  const window = file.windowDays * DAY_MS;
  const recentStart = now.getTime() - window;
  const since = state.entry?.since ? Date.parse(state.entry.since) : Number.NaN;
  const earnedEnd = Number.isNaN(since) ? recentStart : Math.min(since, recentStart);
  const earnedStart = earnedEnd - window;
  const recent = tally(state.events, recentStart, now.getTime() + 1);
  const earned = tally(state.events, earnedStart, earnedEnd);
  if (recent.decisions < MIN_WINDOW_DECISIONS || earned.decisions < MIN_WINDOW_DECISIONS) {
    return undefined;
  }
  return recent.rate < earned.rate - file.demote.windowDrop ? { recent, earned } : undefined;
}

function tally(events: readonly EvidenceEvent[], from: number, to: number): AgreementInterval {
  let agreements = 0;
  let decisions = 0;
  for (const event of events) {
    if (event.outcome === undefined) continue;
    const t = Date.parse(event.at);
    if (t < from || t >= to) continue;
    decisions += 1;
    if (event.outcome === "agree") agreements += 1;
  }
  return agreementInterval(agreements, decisions);
}

function describeIncident(event: EvidenceEvent): string {
  const subject = event.subject ? event.subject.slice(0, 12) : "(no commit)";
  const by = typeof event.detail?.by === "string" ? ` (${event.detail.by})` : "";
  return `${subject}${by}`;
}
