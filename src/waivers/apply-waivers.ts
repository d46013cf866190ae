import type { Finding, FindingWaiver } from "../core/finding.js";
import type { Waiver } from "./waiver-schema.js";
import { EXPIRY_NOTICE_DAYS } from "./waivers-file.js";

/** The waivers a check is judged with, and where they were read. */
export interface WaiverSet {
  waivers: readonly Waiver[];
  /** `jig.waivers.yaml@1a2b3c4`, shown beside each waived finding. */
  label: string;
}

/** One waiver and what it did in a run. */
export interface WaiverUse {
  waiver: Waiver;
  /** The findings it matched (by fingerprint). */
  matched: number;
  /** Past its date: it matched but no longer applies. */
  expired: boolean;
  /** Days from today to its expiry (0 on its last day, negative once expired). */
  daysLeft: number;
}

/** Today as `YYYY-MM-DD`, in UTC so a run's result never depends on the machine's zone. */
export function isoToday(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Whole days from `today` to `day`, both `YYYY-MM-DD`. */
export function daysUntil(day: string, today: string): number {
  return Math.round(
    (Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
  );
}

/**
 * Mark each finding a waiver names by fingerprint. A waiver applies through
 * its `expires` day; after it the finding keeps the waiver, marked `expired`,
 * and counts again. Findings that ask for a person are never waived. Pure:
 * `now` is the run's clock.
 */
export function applyWaivers(
  findings: readonly Finding[],
  set: WaiverSet,
  now: Date,
): { findings: Finding[]; uses: WaiverUse[] } {
  const today = isoToday(now);
  const byFingerprint = new Map(set.waivers.map((waiver) => [waiver.fingerprint, waiver]));
  const matched = new Map<string, number>();
  const marked = findings.map((finding) => {
    const waiver = finding.fingerprint ? byFingerprint.get(finding.fingerprint) : undefined;
    // A finding that asks for a person (a governance change) is decided each time, never waived.
    if (!waiver || finding.needsHuman === true) return finding;
    matched.set(waiver.fingerprint, (matched.get(waiver.fingerprint) ?? 0) + 1);
    const shown: FindingWaiver = {
      reason: waiver.reason,
      ...(waiver.owner ? { owner: waiver.owner } : {}),
      expires: waiver.expires,
      by: set.label,
      ...(daysUntil(waiver.expires, today) < 0 ? { expired: true } : {}),
    };
    return { ...finding, waiver: shown };
  });
  const uses = set.waivers.map((waiver): WaiverUse => {
    const daysLeft = daysUntil(waiver.expires, today);
    return {
      waiver,
      matched: matched.get(waiver.fingerprint) ?? 0,
      expired: daysLeft < 0,
      daysLeft,
    };
  });
  return { findings: marked, uses };
}

/** A waiver to call out: expired, expiring within {@link EXPIRY_NOTICE_DAYS}, or matching nothing. */
export interface WaiverNotice<W extends Waiver = Waiver> {
  waiver: W;
  problem: "expired" | "expiring" | "unmatched";
  /** One line for a person. */
  summary: string;
}

/**
 * What `jig waive list` shows: the waivers that need a person soon. With no
 * findings to compare (`findings` undefined), matching is not judged.
 */
export function waiverNotices<W extends Waiver>(
  waivers: readonly W[],
  findings: readonly Pick<Finding, "fingerprint">[] | undefined,
  now: Date,
): WaiverNotice<W>[] {
  const today = isoToday(now);
  const present = findings ? new Set(findings.map((finding) => finding.fingerprint)) : undefined;
  const notices: WaiverNotice<W>[] = [];
  for (const waiver of waivers) {
    const name = `${waiver.fingerprint}${waiver.rule ? ` ${waiver.rule}` : ""}${waiver.path ? ` ${waiver.path}` : ""}`;
    const daysLeft = daysUntil(waiver.expires, today);
    if (daysLeft < 0) {
      notices.push({
        waiver,
        problem: "expired",
        summary: `${name}: expired on ${waiver.expires}`,
      });
    } else if (daysLeft <= EXPIRY_NOTICE_DAYS) {
      notices.push({
        waiver,
        problem: "expiring",
        summary: `${name}: expires ${waiver.expires} (${daysLeft === 0 ? "today" : `in ${daysLeft} day${daysLeft === 1 ? "" : "s"}`})`,
      });
    }
    if (present && !present.has(waiver.fingerprint)) {
      notices.push({
        waiver,
        problem: "unmatched",
        summary: `${name}: matches no finding any more; remove it`,
      });
    }
  }
  return notices;
}
