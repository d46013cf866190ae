import { coverCommits, type LevelCoverage } from "./level-coverage.js";
import type { LevelCommit, LevelEvidence } from "./level-evidence.js";
import { ANY_DOMAIN } from "./match-domains.js";

/** The Dark Factory levels `jig level` can prove, 0 (nothing) to 5 (spec in, software out). */
export const LEVELS = [0, 1, 2, 3, 4, 5] as const;
export type Level = (typeof LEVELS)[number];

/** The deterministic layers L2 asks the gate to require: spec, plus one of these. */
export const SCOPE_LAYERS = ["failure-models", "scope"] as const;

/** One condition of the rubric, judged on evidence. */
export interface LevelClaim {
  /** Stable id, e.g. `l2.gate-on-push`. */
  id: string;
  level: Exclude<Level, 0>;
  /** The condition, in words. */
  claim: string;
  holds: boolean;
  /** What proved it, or what was looked at and found missing: config keys, files, runs, commits. */
  evidence: string[];
  /** When it does not hold: the command or config change that makes it hold. */
  step?: string;
}

export interface DomainLevel {
  domain: string;
  level: Level;
  /** Agent commits touching the domain in the history read. */
  agentCommits: number;
  agents: string[];
  /** Every claim of levels 1–5, in order. */
  claims: LevelClaim[];
  /** The steps to the next level: the failing claims' steps at level + 1. */
  next: string[];
}

export interface LevelReport {
  schema: "jig.level/v1";
  generatedAt: string;
  /** The overall level: the minimum over domains with agent changes. */
  level: Level;
  /** How the overall level was chosen, in words. */
  basis: string;
  history: { ref: string; since: string; limit: number; commits: number; agentCommits: number };
  domains: DomainLevel[];
  /** Steps for the domains holding the overall level down, each once. */
  nextSteps: Array<{ step: string; level: Level; domains: string[] }>;
}

const DAY_MS = 86_400_000;
/** L4: the window in which people may have reviewed only needs-human changes. */
export const REVIEW_WINDOW_DAYS = 30;
/** L5: how long without an incident. */
export const INCIDENT_WINDOW_DAYS = 90;

/**
 * Judge the repository on the level rubric (docs/autonomy.md). Pure: every
 * input is in `evidence`. Levels are cumulative: a domain is at the highest
 * level whose claims, and all lower levels' claims, hold.
 */
export function assessLevel(evidence: LevelEvidence): LevelReport {
  const { commits } = evidence.history;
  const coverage = coverCommits(commits, evidence.store.runs);
  const position = new Map(commits.map((commit, i) => [commit.sha, i]));
  const shared = sharedClaims(evidence);
  const domains = [...evidence.config.domains.filter((d) => d !== ANY_DOMAIN), ANY_DOMAIN].map(
    (domain) => assessDomain(domain, evidence, { ...coverage, position }, shared),
  );
  const active = domains.filter((domain) => domain.agentCommits > 0);
  const level = active.length === 0 ? 0 : (Math.min(...active.map((d) => d.level)) as Level);
  const basis =
    active.length === 0
      ? `no agent commits on ${evidence.history.ref} in the history read, so no domain is past L0`
      : `the lowest level among the domains agents committed to (${active.map((d) => d.domain).join(", ")}); domains without agent commits are left out`;
  const holdingDown = active.length === 0 ? domains.filter((d) => d.domain === ANY_DOMAIN) : active;
  const steps = new Map<string, string[]>();
  for (const domain of holdingDown.filter((d) => d.level === level)) {
    for (const step of domain.next) steps.set(step, [...(steps.get(step) ?? []), domain.domain]);
  }
  return {
    schema: "jig.level/v1",
    generatedAt: evidence.now.toISOString(),
    level,
    basis,
    history: {
      ref: evidence.history.ref,
      // When the commit limit cut the history short, it starts at the oldest commit read.
      since:
        commits.length >= evidence.history.limit
          ? (commits.at(-1)?.at ?? daysBefore(evidence.now, evidence.history.days))
          : daysBefore(evidence.now, evidence.history.days),
      limit: evidence.history.limit,
      commits: commits.length,
      agentCommits: commits.filter((c) => c.agent !== undefined).length,
    },
    domains,
    nextSteps:
      level === 5
        ? []
        : [...steps].map(([step, names]) => ({
            step,
            level: (level + 1) as Level,
            domains: names,
          })),
  };
}

/** Claims about the repository as a whole, judged once and shown in every domain. */
/** Coverage, plus each commit's index in the newest-first history. */
type Covered = LevelCoverage & { position: ReadonlyMap<string, number> };

interface SharedClaims {
  gateOnPush: LevelClaim;
  layers: LevelClaim;
  specAndGuard: LevelClaim;
  reviewerModel: { holds: boolean; evidence: string[]; step?: string };
  scope: LevelClaim;
  evals: LevelClaim;
  criteria: LevelClaim;
}

function sharedClaims(evidence: LevelEvidence): SharedClaims {
  const { config } = evidence;
  // Steps name the agent when the history shows just one; otherwise a placeholder.
  const seen = [...new Set(evidence.history.commits.flatMap((c) => (c.agent ? [c.agent] : [])))];
  const agent =
    seen.length === 1 && /^[\w.-]+$/.test(seen[0] ?? "") ? (seen[0] as string) : "<name>";
  const cfg = (key: string, value: unknown) =>
    `${config.source}: ${key} = ${JSON.stringify(value)}`;
  const required = (layer: string) =>
    config.require.includes(layer) && !config.skip.includes(layer);

  const gateSources = [
    ...(evidence.prePushHook ? [`pre-push hook runs jig: ${evidence.prePushHook}`] : []),
    ...evidence.ciWorkflows.map((file) => `CI workflow runs jig check: ${file}`),
  ];
  const gateOnPush = claim(2, "gate-on-push", "the gate runs in CI or before every push", {
    holds: gateSources.length > 0,
    evidence:
      gateSources.length > 0
        ? gateSources
        : ["no pre-push hook installed by jig, no .github/workflows file running jig check"],
    step: "jig hooks install (and run `npx jig check` in a .github/workflows job)",
  });

  const scopeLayer = SCOPE_LAYERS.find((layer) => required(layer));
  const skipped = ["spec", ...SCOPE_LAYERS].filter((layer) => config.skip.includes(layer));
  const layers = claim(
    2,
    "deterministic-layers",
    "deterministic layers are required: spec, and failure-models or scope, none skipped",
    {
      holds: required("spec") && scopeLayer !== undefined,
      evidence: [
        cfg("gate.require", config.require),
        ...(config.skip.length > 0 ? [cfg("gate.skip", config.skip)] : []),
      ],
      step:
        skipped.length > 0
          ? `remove ${skipped.join(", ")} from gate.skip in jig.config.yaml`
          : "set gate.require: [spec, failure-models, scope] in jig.config.yaml",
    },
  );

  const specAndGuard = claim(
    3,
    "specs-before-code",
    "specs before code are enforced: the spec layer is required and the guard is installed for agents",
    {
      holds: required("spec") && evidence.claudeHook !== undefined,
      evidence: [
        cfg("gate.require", config.require),
        evidence.claudeHook
          ? `${evidence.claudeHook} runs jig guard claude-hook`
          : "no .claude/settings.json running jig guard claude-hook",
      ],
      step: evidence.claudeHook
        ? "add spec to gate.require in jig.config.yaml"
        : `jig agents install claude --agent ${agent}`,
    },
  );

  const differs =
    config.reviewer !== undefined && config.coder !== undefined && config.reviewer !== config.coder;
  const reviewerModel = {
    holds: differs,
    evidence: [
      cfg("models.reviewer", config.reviewer ?? null),
      cfg("models.coder", config.coder ?? null),
    ],
    ...(differs
      ? {}
      : {
          step:
            config.reviewer === undefined
              ? "set models.reviewer in jig.config.yaml to a model other than the coder's"
              : config.coder === undefined
                ? "set models.coder in jig.config.yaml, so the reviewer is shown to be a different model"
                : "set models.reviewer in jig.config.yaml to a different model than models.coder",
        }),
  };

  const scope = claim(3, "agent-scope", "the scope of agents is enforced: agent manifests exist", {
    holds: evidence.manifests.length > 0,
    evidence:
      evidence.manifests.length > 0
        ? [`agent manifests: ${evidence.manifests.join(", ")}`]
        : ["no agent manifest (agents/<name>.yaml)"],
    step: `write agents/${agent}.yaml for each coding agent (jig policy lint checks them)`,
  });

  const evals = claim(4, "sealed-evals", "sealed holdout evals gate the domain", {
    holds: required("evals") && evidence.seal !== undefined,
    evidence: [
      cfg("gate.require", config.require),
      evidence.seal ? `eval seal: ${evidence.seal}` : "no eval seal (.jig-seal.json in evals.dir)",
    ],
    step: required("evals")
      ? "seal the eval suites: jig eval seal"
      : "add evals to gate.require in jig.config.yaml, and seal the suites: jig eval seal",
  });

  const criteria = claim(4, "criteria-evidence", "acceptance criteria need evidence", {
    holds: config.criteria === "evidence",
    evidence: [cfg("gate.criteria", config.criteria)],
    step: "set gate.criteria: evidence in jig.config.yaml",
  });

  return { gateOnPush, layers, specAndGuard, reviewerModel, scope, evals, criteria };
}

function assessDomain(
  domain: string,
  evidence: LevelEvidence,
  coverage: Covered,
  shared: SharedClaims,
): DomainLevel {
  const { commits } = evidence.history;
  const mine = (commit: LevelCommit) => commit.domains.includes(domain);
  const agentCommits = commits.filter((c) => c.agent !== undefined && mine(c));
  const agents = [...new Set(agentCommits.map((c) => c.agent as string))].sort();
  const ref = evidence.history.ref;

  const claims: LevelClaim[] = [];
  claims.push(
    claim(1, "agents-commit", "agents commit code", {
      holds: agentCommits.length > 0,
      evidence:
        agentCommits.length > 0
          ? [
              `${agentCommits.length} agent commit(s) on ${ref} touching ${domain}, by ${agents.join(", ")}`,
              ...agentCommits.slice(0, 3).map((c) => `${short(c.sha)}: ${c.agentEvidence}`),
            ]
          : [
              `no commit on ${ref} touching ${domain} carries an agent trailer or identity (last ${evidence.history.days} days, at most ${evidence.history.limit} commits)`,
            ],
      step: "have agents commit with an `Agent: <name>` trailer, or list their identities in governance.agentIdentities",
    }),
    claim(1, "people-review", "people review every change", {
      holds: true,
      evidence: [
        "until L5 no change merges by itself: the gate's merge field is human unless every touched domain is full-auto",
      ],
    }),
  );

  // L2: the gate ran on every agent change since it was adopted.
  claims.push(shared.gateOnPush);
  const sinceAdoption = agentCommits.filter(
    (c) => coverage.adoptedAt >= 0 && (coverage.position.get(c.sha) ?? -1) <= coverage.adoptedAt,
  );
  const uncovered = sinceAdoption.filter((c) => !coverage.runOf.has(c.sha));
  const runsSeen = new Set(sinceAdoption.map((c) => coverage.runOf.get(c.sha)?.id).filter(Boolean));
  claims.push(
    claim(2, "runs-cover-agent-changes", "recorded gate runs cover every agent change", {
      holds: sinceAdoption.length > 0 && uncovered.length === 0,
      evidence:
        coverage.adoptedAt < 0
          ? [
              `no run in ${evidence.store.path} covers a commit on ${ref} (${evidence.store.runs.length} runs recorded)`,
            ]
          : sinceAdoption.length === 0
            ? [
                `no agent commit touching ${domain} since the gate was first run (at ${short(commits[coverage.adoptedAt]?.sha ?? "")})`,
              ]
            : [
                `${sinceAdoption.length - uncovered.length} of ${sinceAdoption.length} agent commit(s) touching ${domain} since the gate was first run are covered by ${runsSeen.size} run(s) in ${evidence.store.path}`,
                ...(uncovered.length > 0
                  ? [
                      `not gated: ${uncovered
                        .slice(0, 5)
                        .map((c) => short(c.sha))
                        .join(", ")}${uncovered.length > 5 ? ", …" : ""}`,
                    ]
                  : []),
              ],
      step:
        coverage.adoptedAt < 0
          ? "run jig check on each agent change (jig hooks install runs it on every push)"
          : `run jig check on every agent change before it merges (${uncovered.length} not gated)`,
    }),
    shared.layers,
  );

  // L3.
  const coveringRuns = [
    ...new Set(agentCommits.map((c) => coverage.runOf.get(c.sha)).filter((r) => r !== undefined)),
  ];
  const reviewed = coveringRuns.filter((run) => run.reviewRan);
  claims.push(
    shared.specAndGuard,
    claim(3, "different-reviewer", "a reviewer on a different model runs", {
      holds: shared.reviewerModel.holds && reviewed.length > 0,
      evidence: [
        ...shared.reviewerModel.evidence,
        `${reviewed.length} of ${coveringRuns.length} run(s) covering agent commits to ${domain} ran the review layer`,
      ],
      step:
        shared.reviewerModel.step ??
        "run jig check with the reviewer's API key set, so the review layer runs (jig runs show latest shows it)",
    }),
    shared.scope,
  );

  // L4.
  claims.push(shared.evals, shared.criteria, reviewedOnlyNeedsHuman(domain, evidence, coverage));

  // L5.
  claims.push(fullAuto(domain, agents, evidence), noIncident(domain, evidence));

  let level: Level = 0;
  for (const next of [1, 2, 3, 4, 5] as const) {
    if (!claims.filter((c) => c.level === next).every((c) => c.holds)) break;
    level = next;
  }
  const next =
    level === 5
      ? []
      : claims
          .filter((c) => c.level === level + 1 && !c.holds && c.step !== undefined)
          .map((c) => c.step as string);
  return { domain, level, agentCommits: agentCommits.length, agents, claims, next };
}

/**
 * L4's last claim: in the last 30 days, every merged agent change the gate
 * did not send to a person (verdict other than needs-human, or no run) had
 * no human commit on top of it touching the same files.
 */
function reviewedOnlyNeedsHuman(
  domain: string,
  evidence: LevelEvidence,
  coverage: Covered,
): LevelClaim {
  const { commits } = evidence.history;
  const since = daysBefore(evidence.now, REVIEW_WINDOW_DAYS);
  const recent = commits.filter((c) => c.at >= since && c.parents.length <= 1);
  const agentChanges = recent.filter((c) => c.agent !== undefined && c.domains.includes(domain));
  const toHuman = agentChanges.filter((c) => coverage.runOf.get(c.sha)?.outcome === "needs-human");
  const humanTouches = new Map<string, number[]>();
  commits.forEach((commit, i) => {
    if (commit.agent !== undefined || commit.parents.length > 1 || commit.at < since) return;
    for (const path of commit.paths) humanTouches.set(path, [...(humanTouches.get(path) ?? []), i]);
  });
  const fixedByPeople: Array<{ agent: LevelCommit; human: LevelCommit }> = [];
  for (const change of agentChanges) {
    if (coverage.runOf.get(change.sha)?.outcome === "needs-human") continue;
    const at = coverage.position.get(change.sha) ?? -1;
    const on = change.paths
      .flatMap((path) => humanTouches.get(path) ?? [])
      .filter((i) => i < at)
      .sort((a, b) => b - a)[0];
    if (on !== undefined) fixedByPeople.push({ agent: change, human: commits[on] as LevelCommit });
  }
  return claim(
    4,
    "people-review-only-needs-human",
    `in the last ${REVIEW_WINDOW_DAYS} days people reviewed only needs-human changes: other merged agent changes had no human commit on top`,
    {
      holds: agentChanges.length > 0 && fixedByPeople.length === 0,
      evidence:
        agentChanges.length === 0
          ? [
              `no agent change touching ${domain} merged into ${evidence.history.ref} in the last ${REVIEW_WINDOW_DAYS} days`,
            ]
          : [
              `${agentChanges.length} agent change(s) touching ${domain} in the last ${REVIEW_WINDOW_DAYS} days; ${toHuman.length} sent to a person (needs-human runs)`,
              fixedByPeople.length === 0
                ? "no other agent change has a human commit on top touching its files"
                : `human commit on top: ${fixedByPeople
                    .slice(0, 3)
                    .map((f) => `${short(f.human.sha)} on ${short(f.agent.sha)}`)
                    .join(", ")}${fixedByPeople.length > 3 ? ", …" : ""}`,
            ],
      step:
        agentChanges.length === 0
          ? `let agents change ${domain} through the gate for ${REVIEW_WINDOW_DAYS} days`
          : "make the gate catch what people fix afterwards: record the fixes as failure models (jig failures add) or acceptance criteria, so such changes fail or need a human",
    },
  );
}

function fullAuto(domain: string, agents: readonly string[], evidence: LevelEvidence): LevelClaim {
  const text = "the domain is full-auto in autonomy.yaml, demotions applied";
  if (!evidence.autonomy)
    return claim(5, "full-auto", text, {
      holds: false,
      evidence: [
        "no autonomy.yaml on the default branch: autonomy is not adopted, every merge is human",
      ],
      step: "adopt autonomy: jig autonomy propose --write, and have a person commit autonomy.yaml",
    });
  const modes = agents.map((agent) => ({ agent, ...evidence.autonomy?.resolve(agent, domain) }));
  const short = modes.filter((m) => m.mode !== "full-auto");
  return claim(5, "full-auto", text, {
    holds: agents.length > 0 && short.length === 0,
    evidence:
      modes.length === 0
        ? [`no agent commits to ${domain}`]
        : modes.map((m) => `${m.agent} in ${domain}: ${m.mode} (${m.source})`),
    step: `earn full-auto for ${domain}: jig autonomy status shows the next condition; a person commits what jig autonomy propose prints`,
  });
}

function noIncident(domain: string, evidence: LevelEvidence): LevelClaim {
  const since = daysBefore(evidence.now, INCIDENT_WINDOW_DAYS);
  const incidents = evidence.incidents.filter((i) => i.domain === domain && i.at >= since);
  const last = incidents.at(-1);
  return claim(
    5,
    "no-incident",
    `no incident in ${domain} in the last ${INCIDENT_WINDOW_DAYS} days`,
    {
      holds: incidents.length === 0,
      evidence:
        incidents.length === 0
          ? [
              `no incident recorded for ${domain} in ${evidence.store.path} since ${since.slice(0, 10)}`,
            ]
          : [
              `${incidents.length} incident(s) in ${domain} since ${since.slice(0, 10)}, the last ${last?.at.slice(0, 10)}${last?.subject ? ` (${last.subject})` : ""}`,
            ],
      ...(last
        ? {
            step: `go ${INCIDENT_WINDOW_DAYS} days without an incident in ${domain} (until ${daysAfter(last.at, INCIDENT_WINDOW_DAYS).slice(0, 10)})`,
          }
        : {}),
    },
  );
}

function claim(
  level: Exclude<Level, 0>,
  id: string,
  text: string,
  judged: { holds: boolean; evidence: string[]; step?: string },
): LevelClaim {
  return {
    id: `l${level}.${id}`,
    level,
    claim: text,
    holds: judged.holds,
    evidence: judged.evidence,
    ...(judged.holds || judged.step === undefined ? {} : { step: judged.step }),
  };
}

function short(sha: string): string {
  return sha.slice(0, 7);
}

function daysBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}

function daysAfter(iso: string, days: number): string {
  return new Date(new Date(iso).getTime() + days * DAY_MS).toISOString();
}
