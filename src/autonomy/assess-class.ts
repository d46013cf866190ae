import { type AgreementInterval, agreementInterval } from "./agreement-interval.js";
import { type AutonomyMode, modeRank, stepUp } from "./autonomy-mode.js";
import type { AutonomyFile, PromoteRule } from "./autonomy-schema.js";
import type { EvidenceEvent } from "./autonomy-store.js";

const DAY_MS = 86_400_000;
/** More agreements than this to reach a bound is "not reachable by agreeing alone". */
const MAX_MORE = 100_000;

/** What the evidence of one class (agent × domain) adds up to. */
export interface ClassEvidence {
  agent: string;
  domain: string;
  /** Agreement over every decided outcome, as a Wilson interval. */
  agreement: AgreementInterval;
  /** Days from the first decided outcome to now; 0 without any. */
  days: number;
  /** Incidents counted against the next promotion (inside its rule's day window). */
  incidents: number;
  /** Every incident ever recorded for the class. */
  incidentsTotal: number;
  /** Every piece of evidence recorded, of any kind. */
  events: number;
  firstAt?: string;
  lastAt?: string;
}

/** Where a class could go next, and what is still missing. */
export interface NextStep {
  /** The mode a person could grant next; undefined at full-auto. */
  to?: AutonomyMode;
  /** Whether the rule is met now: `jig autonomy propose` offers it. */
  met: boolean;
  /** The rule, as data, when one governs the step. */
  rule?: PromoteRule;
  /** One line: the condition and what is missing, concretely. */
  condition: string;
  /** Each unmet part of the rule, e.g. `23 more agreeing decisions`. */
  missing: string[];
}

/**
 * Sum up one class's evidence. Pure. Agreement counts every event carrying
 * an outcome (outcomes learned from git, a person's answer to an ask);
 * incidents count against a promotion only inside the window its rule
 * looks at (`days`), or since the last grant when the rule has no window.
 */
export function summarizeEvidence(
  agent: string,
  domain: string,
  events: readonly EvidenceEvent[],
  options: { now: Date; incidentWindowDays?: number; since?: string },
): ClassEvidence {
  let agreements = 0;
  let decisions = 0;
  let firstAt: string | undefined;
  let lastAt: string | undefined;
  let incidentsTotal = 0;
  let incidents = 0;
  const windowStart =
    options.incidentWindowDays === undefined
      ? options.since
      : new Date(options.now.getTime() - options.incidentWindowDays * DAY_MS).toISOString();
  for (const event of events) {
    if (event.kind === "incident") {
      incidentsTotal += 1;
      if (windowStart === undefined || event.at >= windowStart) incidents += 1;
      continue;
    }
    if (event.outcome === undefined) continue;
    decisions += 1;
    if (event.outcome === "agree") agreements += 1;
    if (firstAt === undefined || event.at < firstAt) firstAt = event.at;
    if (lastAt === undefined || event.at > lastAt) lastAt = event.at;
  }
  const days =
    firstAt === undefined
      ? 0
      : Math.max(0, Math.floor((options.now.getTime() - Date.parse(firstAt)) / DAY_MS));
  return {
    agent,
    domain,
    agreement: agreementInterval(agreements, decisions),
    days,
    incidents,
    incidentsTotal,
    events: events.length,
    ...(firstAt === undefined ? {} : { firstAt }),
    ...(lastAt === undefined ? {} : { lastAt }),
  };
}

/**
 * The promotion rule that leaves `mode`, from autonomy.yaml's `promote`.
 * Blocked and full-auto have none: leaving blocked is a person's call with
 * no evidence to earn it (the class did nothing), and full-auto is the top.
 */
export function promotionRule(file: AutonomyFile, mode: AutonomyMode): PromoteRule | undefined {
  if (mode === "shadow" || mode === "supervised" || mode === "auto-logged") {
    return file.promote[mode];
  }
  return undefined;
}

/**
 * Whether `evidence` meets the rule for the step above `mode`, and if not,
 * what is missing. Decided on the interval's lower bound, never the bare
 * share. Pure; promotion itself is never automatic (see propose).
 */
export function assessNextStep(
  file: AutonomyFile,
  mode: AutonomyMode,
  evidence: ClassEvidence,
): NextStep {
  const to = stepUp(mode);
  if (to === undefined) {
    return { met: false, condition: "full-auto is the top of the ladder", missing: [] };
  }
  const rule = promotionRule(file, mode);
  if (!rule) {
    return {
      to,
      met: false,
      condition: `${to} is a person's decision: edit autonomy.yaml (there is no evidence rule for leaving ${mode})`,
      missing: ["a person's grant"],
    };
  }
  const missing: string[] = [];
  const { agreements, decisions, low } = evidence.agreement;
  if (low < rule.agreement) {
    const more = agreementsToReach(agreements, decisions, rule.agreement);
    missing.push(
      more === undefined
        ? `agreement lower bound ${pct(low)} < ${pct(rule.agreement)}, unreachable by agreeing alone`
        : `lower bound ${pct(low)} < ${pct(rule.agreement)}: ${more} more agreeing decision${more === 1 ? "" : "s"}`,
    );
  }
  if (rule.decisions !== undefined && decisions < rule.decisions) {
    missing.push(
      `${rule.decisions - decisions} more decisions (${decisions} of ${rule.decisions})`,
    );
  }
  if (rule.days !== undefined && evidence.days < rule.days) {
    missing.push(
      `${rule.days - evidence.days} more days of evidence (${evidence.days} of ${rule.days})`,
    );
  }
  if (rule.incidents !== undefined && evidence.incidents > rule.incidents) {
    missing.push(
      `${evidence.incidents} incident${evidence.incidents === 1 ? "" : "s"} in the window (at most ${rule.incidents})`,
    );
  }
  const condition = `${to}: ${describeRule(rule)}`;
  return { to, met: missing.length === 0, rule, condition, missing };
}

/** `lower bound ≥ 95% over ≥ 50 decisions`. */
export function describeRule(rule: PromoteRule): string {
  const parts = [`lower bound ≥ ${pct(rule.agreement)}`];
  if (rule.decisions !== undefined) parts.push(`over ≥ ${rule.decisions} decisions`);
  if (rule.days !== undefined) parts.push(`over ≥ ${rule.days} days`);
  if (rule.incidents !== undefined)
    parts.push(rule.incidents === 0 ? "no incident" : `≤ ${rule.incidents} incidents`);
  return parts.join(" ");
}

/**
 * The fewest further agreeing decisions that lift the lower bound to
 * `target`, found by doubling then bisection (the bound rises with each
 * agreement). Undefined when a target of 1 (or more than MAX_MORE) makes it
 * unreachable.
 */
export function agreementsToReach(
  agreements: number,
  decisions: number,
  target: number,
): number | undefined {
  const reaches = (k: number) => agreementInterval(agreements + k, decisions + k).low >= target;
  if (reaches(0)) return 0;
  let high = 1;
  while (!reaches(high)) {
    high *= 2;
    if (high > MAX_MORE) return undefined;
  }
  let low = Math.floor(high / 2);
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (reaches(mid)) high = mid;
    else low = mid;
  }
  return high;
}

/** Is `a` a higher mode than `b`? */
export function isAbove(a: AutonomyMode, b: AutonomyMode): boolean {
  return modeRank(a) > modeRank(b);
}

function pct(value: number): string {
  const fixed = (value * 100).toFixed(1);
  return `${fixed.endsWith(".0") ? fixed.slice(0, -2) : fixed}%`;
}
