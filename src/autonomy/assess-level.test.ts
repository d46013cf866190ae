import { describe, expect, it } from "vitest";
import { assessLevel, type LevelReport } from "./assess-level.js";
import type { AutonomyMode } from "./autonomy-mode.js";
import { coverCommits } from "./level-coverage.js";
import type { LevelCommit, LevelEvidence, LevelRun } from "./level-evidence.js";

const NOW = new Date("2026-12-01T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

function commit(
  sha: string,
  parents: string[],
  days: number,
  paths: string[],
  agent?: string,
): LevelCommit {
  const domains = [
    ...new Set(
      paths.map((p) =>
        p.startsWith("src/billing/") ? "billing" : p.startsWith("docs/") ? "docs" : "*",
      ),
    ),
  ].sort();
  return {
    sha,
    at: daysAgo(days),
    parents,
    paths,
    domains,
    ...(agent ? { agent, agentEvidence: `Agent: ${agent}` } : {}),
  };
}

/** History, newest first: two agent commits to billing on top of two people's commits. */
const HISTORY: LevelCommit[] = [
  commit("c3", ["c2"], 2, ["src/billing/a.ts"], "coder"),
  commit("c2", ["c1"], 5, ["src/billing/b.ts"], "coder"),
  commit("c1", ["c0"], 10, ["docs/readme.md"]),
  commit("c0", [], 60, ["README.md"]),
];

const RUN: LevelRun = {
  id: "r1",
  startedAt: daysAgo(2),
  base: "c1",
  head: "c3",
  outcome: "pass",
  reviewRan: true,
};

/** Evidence on which every claim of every level holds for billing. */
function l5(mode: AutonomyMode = "full-auto"): LevelEvidence {
  return {
    now: NOW,
    history: { ref: "main", days: 90, limit: 500, commits: HISTORY },
    config: {
      source: "jig.config.yaml",
      domains: ["billing", "docs"],
      require: ["spec", "failure-models", "evals"],
      skip: [],
      criteria: "evidence",
      reviewer: "openai:gpt-5",
      coder: "anthropic:claude-sonnet-4-5",
    },
    prePushHook: ".git/hooks/pre-push",
    ciWorkflows: [],
    claudeHook: ".claude/settings.json",
    manifests: ["agents/coder.yaml"],
    seal: "evals/.jig-seal.json",
    store: { path: ".jig/jig.db", runs: [RUN] },
    autonomy: {
      source: "autonomy.yaml on main",
      resolve: () => ({ mode, source: "autonomy.yaml classes[0]" }),
    },
    incidents: [],
  };
}

function billing(report: LevelReport) {
  const domain = report.domains.find((d) => d.domain === "billing");
  if (!domain) throw new Error("no billing domain");
  return domain;
}

function failing(report: LevelReport): string[] {
  return billing(report)
    .claims.filter((c) => !c.holds)
    .map((c) => c.id);
}

describe("assessLevel", () => {
  it("reaches L5 when every claim holds, citing what proved each", () => {
    const report = assessLevel(l5());
    expect(report.level).toBe(5);
    expect(billing(report).level).toBe(5);
    expect(failing(report)).toEqual([]);
    expect(report.nextSteps).toEqual([]);
    const cited = billing(report).claims.flatMap((c) => c.evidence);
    expect(cited).toContain("c3: Agent: coder");
    expect(cited).toContain("pre-push hook runs jig: .git/hooks/pre-push");
    expect(cited).toContain('jig.config.yaml: gate.criteria = "evidence"');
    expect(cited.some((e) => e.includes("covered by 1 run(s) in .jig/jig.db"))).toBe(true);
  });

  // Each switch turns one condition off; the level falls to just below it,
  // whatever holds above (levels are cumulative).
  const switches: Array<[string, number, string, (e: LevelEvidence) => LevelEvidence]> = [
    [
      "no agent commits",
      0,
      "l1.agents-commit",
      (e) => ({
        ...e,
        history: { ...e.history, commits: HISTORY.map(({ agent, agentEvidence, ...c }) => c) },
      }),
    ],
    ["no pre-push hook nor CI job", 1, "l2.gate-on-push", ({ prePushHook, ...e }) => e],
    [
      "no recorded run",
      1,
      "l2.runs-cover-agent-changes",
      (e) => ({ ...e, store: { ...e.store, runs: [] } }),
    ],
    [
      "an agent commit after adoption left ungated",
      1,
      "l2.runs-cover-agent-changes",
      (e) => ({ ...e, store: { ...e.store, runs: [{ ...RUN, head: "c2" }] } }),
    ],
    [
      "only spec required",
      1,
      "l2.deterministic-layers",
      (e) => ({ ...e, config: { ...e.config, require: ["spec", "evals"] } }),
    ],
    [
      "failure-models skipped",
      1,
      "l2.deterministic-layers",
      (e) => ({ ...e, config: { ...e.config, skip: ["failure-models"] } }),
    ],
    ["no guard hook for agents", 2, "l3.specs-before-code", ({ claudeHook, ...e }) => e],
    [
      "reviewer on the coder's model",
      2,
      "l3.different-reviewer",
      (e) => ({ ...e, config: { ...e.config, reviewer: "anthropic:claude-sonnet-4-5" } }),
    ],
    [
      "no coder model to compare with",
      2,
      "l3.different-reviewer",
      (e) => {
        const { coder, ...config } = e.config;
        return { ...e, config };
      },
    ],
    [
      "the review layer never ran",
      2,
      "l3.different-reviewer",
      (e) => ({ ...e, store: { ...e.store, runs: [{ ...RUN, reviewRan: false }] } }),
    ],
    ["no agent manifest", 2, "l3.agent-scope", (e) => ({ ...e, manifests: [] })],
    [
      "evals not required",
      3,
      "l4.sealed-evals",
      (e) => ({ ...e, config: { ...e.config, require: ["spec", "failure-models"] } }),
    ],
    ["evals not sealed", 3, "l4.sealed-evals", ({ seal, ...e }) => e],
    [
      "criteria need no evidence",
      3,
      "l4.criteria-evidence",
      (e) => ({ ...e, config: { ...e.config, criteria: "any" } }),
    ],
    [
      "a person fixed a passed agent change",
      3,
      "l4.people-review-only-needs-human",
      (e) => ({
        ...e,
        history: {
          ...e.history,
          commits: [commit("c4", ["c3"], 1, ["src/billing/a.ts"]), ...HISTORY],
        },
      }),
    ],
    ["autonomy not adopted", 4, "l5.full-auto", ({ autonomy, ...e }) => e],
    ["the domain only auto-logged", 4, "l5.full-auto", () => l5("auto-logged")],
    [
      "an incident 10 days ago",
      4,
      "l5.no-incident",
      (e) => ({ ...e, incidents: [{ at: daysAgo(10), domain: "billing", subject: "c2" }] }),
    ],
  ];

  it.each(switches)("%s → L%i (%s fails)", (_name, level, id, change) => {
    const report = assessLevel(change(l5()));
    expect(billing(report).level).toBe(level);
    expect(report.level).toBe(level);
    expect(failing(report)).toContain(id);
    const claim = billing(report).claims.find((c) => c.id === id);
    expect(claim?.step).toBeTruthy();
    // The failing claim of the next level is what the next steps say to do.
    if (claim?.level === level + 1)
      expect(report.nextSteps.map((s) => s.step)).toContain(claim.step);
  });

  it("is cumulative: a failing L2 claim caps the domain at L1 though every L3–L5 claim holds", () => {
    const report = assessLevel({ ...l5(), store: { path: ".jig/jig.db", runs: [] } });
    expect(failing(report)).toEqual(["l2.runs-cover-agent-changes", "l3.different-reviewer"]);
    expect(billing(report).level).toBe(1);
  });

  it("still holds with a CI workflow instead of a hook, scope instead of failure-models, and old or other-domain incidents", () => {
    const { prePushHook, ...e } = l5();
    const report = assessLevel({
      ...e,
      ciWorkflows: [".github/workflows/jig.yml"],
      config: { ...e.config, require: ["spec", "scope", "evals"] },
      incidents: [
        { at: daysAgo(100), domain: "billing" },
        { at: daysAgo(3), domain: "docs" },
      ],
    });
    expect(report.level).toBe(5);
  });

  it("accepts a person's commit on top of a needs-human agent change", () => {
    const e = l5();
    const report = assessLevel({
      ...e,
      history: {
        ...e.history,
        commits: [commit("c4", ["c3"], 1, ["src/billing/a.ts"]), ...HISTORY],
      },
      store: { ...e.store, runs: [{ ...RUN, outcome: "needs-human" }] },
    });
    expect(billing(report).level).toBe(5);
  });

  it("needs agent changes in the last 30 days for L4", () => {
    const e = l5();
    const old = HISTORY.map((c) => ({ ...c, at: daysAgo(40) }));
    const report = assessLevel({ ...e, history: { ...e.history, commits: old } });
    expect(billing(report).level).toBe(3);
  });

  it("takes the overall level as the minimum over domains with agent commits and names the laggard", () => {
    const e = l5();
    const docsByAgent = commit("d1", ["c3"], 1, ["docs/guide.md"], "writer");
    const report = assessLevel({
      ...e,
      history: { ...e.history, commits: [docsByAgent, ...HISTORY] },
    });
    const docs = report.domains.find((d) => d.domain === "docs");
    expect(docs?.level).toBe(1);
    expect(billing(report).level).toBe(5);
    expect(report.level).toBe(1);
    expect(report.basis).toContain("billing, docs");
    expect(report.nextSteps).toEqual([
      {
        step: expect.stringContaining("run jig check on every agent change"),
        level: 2,
        domains: ["docs"],
      },
    ]);
    // A domain without agent commits stays out of the minimum.
    expect(report.domains.find((d) => d.domain === "*")?.agentCommits).toBe(0);
  });

  it("names the one agent the history shows in the steps, and a placeholder for several", () => {
    const { claudeHook, ...e } = l5();
    expect(assessLevel(e).nextSteps.map((s) => s.step)).toEqual([
      "jig agents install claude --agent coder",
    ]);
    const two = [commit("w1", ["c3"], 1, ["README.md"], "writer"), ...HISTORY];
    const report = assessLevel({ ...e, history: { ...e.history, commits: two } });
    expect(billing(report).next).toEqual(["jig agents install claude --agent <name>"]);
  });

  it("is L0 with a first step when no agent ever committed", () => {
    const e = l5();
    const report = assessLevel({
      ...e,
      history: { ...e.history, commits: HISTORY.map(({ agent, agentEvidence, ...c }) => c) },
    });
    expect(report.level).toBe(0);
    expect(report.basis).toContain("no agent commits");
    expect(report.nextSteps[0]?.step).toContain("Agent: <name>");
  });
});

describe("coverCommits", () => {
  it("covers base..head only, through merges, and keeps the latest run per commit", () => {
    // m merges side branch s1 into main at a2; base a1 excludes a1 and older.
    const commits: LevelCommit[] = [
      commit("m", ["a2", "s1"], 1, []),
      commit("s1", ["a1"], 2, ["x"]),
      commit("a2", ["a1"], 3, ["y"]),
      commit("a1", ["a0"], 4, ["z"]),
      commit("a0", [], 5, ["z"]),
    ];
    const early: LevelRun = {
      id: "r1",
      startedAt: daysAgo(3),
      base: "a1",
      head: "a2",
      reviewRan: false,
    };
    const late: LevelRun = {
      id: "r2",
      startedAt: daysAgo(1),
      base: "a1",
      head: "m",
      reviewRan: false,
    };
    const outside: LevelRun = {
      id: "r3",
      startedAt: daysAgo(1),
      base: "a0",
      head: "elsewhere",
      reviewRan: false,
    };
    const coverage = coverCommits(commits, [late, early, outside]);
    expect([...coverage.runOf.keys()].sort()).toEqual(["a2", "m", "s1"]);
    expect(coverage.runOf.get("a2")?.id).toBe("r2");
    expect(coverage.adoptedAt).toBe(2);
    // From a base on main, the side branch's commit is in range, its parent is not.
    const fromA2: LevelRun = { ...late, id: "r4", base: "a2" };
    expect([...coverCommits(commits, [fromA2]).runOf.keys()].sort()).toEqual(["m", "s1"]);
  });
});
