import { describe, expect, it } from "vitest";
import {
  agreementInterval,
  agreementsToReach,
  assessNextStep,
  type EvidenceEvent,
  emptyAutonomy,
  findClassEntry,
  parseAutonomy,
  planDemotions,
  summarizeEvidence,
} from "./index.js";
import type { ClassState } from "./plan-demotions.js";

const NOW = new Date("2026-12-05T12:00:00Z");
const DAY = 86_400_000;

function outcomes(n: number, agreeing: number, fromDaysAgo: number, toDaysAgo: number) {
  return Array.from(
    { length: n },
    (_, k): EvidenceEvent => ({
      at: new Date(
        NOW.getTime() - (fromDaysAgo - ((fromDaysAgo - toDaysAgo) * (k + 0.5)) / n) * DAY,
      ).toISOString(),
      agent: "coder",
      domain: "billing",
      kind: "answer",
      outcome: k < agreeing ? "agree" : "disagree",
    }),
  );
}

function autonomy(yaml: string) {
  const parsed = parseAutonomy(yaml, "autonomy.yaml");
  if (!parsed.autonomy) throw new Error(JSON.stringify(parsed.problems));
  return parsed.autonomy;
}

describe("promotion rules", () => {
  it("counts the agreeing decisions still needed to lift the lower bound over a rule", () => {
    // n/(n + z²) ≥ 0.95 first holds at n = 73.
    expect(agreementsToReach(0, 0, 0.95)).toBe(73);
    expect(agreementInterval(72, 72).low).toBeLessThan(0.95);
    expect(agreementInterval(73, 73).low).toBeGreaterThanOrEqual(0.95);
    expect(agreementsToReach(60, 60, 0.95)).toBe(13);
    expect(agreementsToReach(5, 10, 1)).toBeUndefined();
  });

  it("decides on the lower bound, the decision count, the days and the incidents", () => {
    const file = emptyAutonomy();
    // 30 of 30 is 100%, but its lower bound is 88.6%: not yet 90%.
    const thirty = summarizeEvidence("coder", "billing", outcomes(30, 30, 10, 1), { now: NOW });
    const shadow = assessNextStep(file, "shadow", thirty);
    expect(shadow).toMatchObject({ to: "supervised", met: false });
    expect(shadow.missing).toEqual(["lower bound 88.6% < 90%: 5 more agreeing decisions"]);
    const thirtyFive = summarizeEvidence("coder", "billing", outcomes(35, 35, 10, 1), { now: NOW });
    expect(assessNextStep(file, "shadow", thirtyFive).met).toBe(true);

    const long = outcomes(600, 600, 100, 1);
    const clean = summarizeEvidence("coder", "billing", long, { now: NOW, incidentWindowDays: 90 });
    expect(clean.days).toBe(99);
    expect(assessNextStep(file, "auto-logged", clean).met).toBe(true);
    const incident: EvidenceEvent = {
      at: new Date(NOW.getTime() - 5 * DAY).toISOString(),
      agent: "coder",
      domain: "billing",
      kind: "incident",
      subject: "abc",
    };
    const hurt = summarizeEvidence("coder", "billing", [...long, incident], {
      now: NOW,
      incidentWindowDays: 90,
    });
    expect(assessNextStep(file, "auto-logged", hurt)).toMatchObject({
      met: false,
      missing: ["1 incident in the window (at most 0)"],
    });
    const young = summarizeEvidence("coder", "billing", outcomes(600, 600, 40, 1), {
      now: NOW,
      incidentWindowDays: 90,
    });
    expect(assessNextStep(file, "auto-logged", young).missing).toEqual([
      "51 more days of evidence (39 of 90)",
    ]);
    expect(assessNextStep(file, "blocked", clean)).toMatchObject({ to: "shadow", met: false });
    expect(assessNextStep(file, "full-auto", clean)).toMatchObject({ met: false, missing: [] });
  });

  it("reads the rules from autonomy.yaml", () => {
    const file = autonomy("promote:\n  supervised: {agreement: 0.8, decisions: 10}\n");
    const ten = summarizeEvidence("coder", "billing", outcomes(20, 20, 10, 1), { now: NOW });
    expect(assessNextStep(file, "supervised", ten).met).toBe(true);
    expect(assessNextStep(emptyAutonomy(), "supervised", ten).met).toBe(false);
  });
});

describe("planDemotions", () => {
  const file = autonomy(
    [
      "classes:",
      "  - {agent: coder, domain: billing, mode: full-auto, since: '2026-11-01T00:00:00Z'}",
      "  - {agent: coder, domain: api, mode: auto-logged, since: '2026-10-21T00:00:00Z'}",
      "  - {agent: '*', domain: docs, mode: auto-logged}",
    ].join("\n"),
  );
  const state = (
    agent: string,
    domain: string,
    mode: ClassState["mode"],
    events: EvidenceEvent[],
    activeTriggers: string[] = [],
  ): ClassState => {
    const entry = findClassEntry(file, agent, domain);
    return { agent, domain, mode, ...(entry ? { entry } : {}), activeTriggers, events };
  };
  const incident = (at: string): EvidenceEvent => ({
    at,
    agent: "coder",
    domain: "billing",
    kind: "incident",
    subject: "1a2b3c4d5e6f",
    detail: { by: "revert 9f8e7d6c5b4a" },
  });

  it("takes a class to supervised on an incident after its grant, and only then", () => {
    const [demotion, ...rest] = planDemotions(
      file,
      [state("coder", "billing", "full-auto", [incident("2026-12-01T00:00:00Z")])],
      NOW,
    );
    expect(rest).toEqual([]);
    expect(demotion).toMatchObject({ from: "full-auto", to: "supervised", trigger: "incident" });
    expect(demotion?.reason).toContain("1a2b3c4d5e6f (revert 9f8e7d6c5b4a)");
    expect(
      planDemotions(
        file,
        [state("coder", "billing", "full-auto", [incident("2026-10-01T00:00:00Z")])],
        NOW,
      ),
    ).toEqual([]);
    expect(
      planDemotions(
        file,
        [state("coder", "billing", "supervised", [incident("2026-12-01T00:00:00Z")])],
        NOW,
      ),
    ).toEqual([]);
  });

  it("steps down once when recent agreement drops more than windowDrop below the earning window", () => {
    // Earned in the 30 days before 2026-10-21; the last 30 days are 20 points lower.
    const events = [...outcomes(50, 49, 75, 46), ...outcomes(40, 31, 29, 1)];
    const drop = planDemotions(file, [state("coder", "api", "auto-logged", events)], NOW);
    expect(drop).toMatchObject([
      { from: "auto-logged", to: "supervised", trigger: "agreement-drop" },
    ]);
    expect(drop[0]?.reason).toMatch(/last 30 days 77\.5% .* earning window's 98\.0%/);
    expect(
      planDemotions(file, [state("coder", "api", "supervised", events, ["agreement-drop"])], NOW),
    ).toEqual([]);
    // A 5-point dip is within the rule, and 9 recent decisions are too few to judge.
    expect(
      planDemotions(
        file,
        [
          state("coder", "api", "auto-logged", [
            ...outcomes(50, 49, 75, 46),
            ...outcomes(40, 37, 29, 1),
          ]),
        ],
        NOW,
      ),
    ).toEqual([]);
    expect(
      planDemotions(
        file,
        [
          state("coder", "api", "auto-logged", [
            ...outcomes(50, 49, 75, 46),
            ...outcomes(9, 0, 29, 1),
          ]),
        ],
        NOW,
      ),
    ).toEqual([]);
  });

  it("finds the entry that governs a class: exact agent first, then *", () => {
    expect(findClassEntry(file, "fixer", "docs")?.agent).toBe("*");
    expect(findClassEntry(file, "coder", "billing")?.mode).toBe("full-auto");
    expect(findClassEntry(file, "fixer", "billing")).toBeUndefined();
  });
});
