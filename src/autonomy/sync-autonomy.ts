import type { JigDatabase } from "../store/index.js";
import type { AutonomyFile } from "./autonomy-schema.js";
import {
  type AutonomyStore,
  activeDemotions,
  classBasis,
  type Demotion,
  type EvidenceEvent,
} from "./autonomy-store.js";
import { type HistoryCommit, type JudgedRun, judgeOutcomes } from "./judge-outcomes.js";
import { type DomainMatcher, touchedDomains } from "./match-domains.js";
import { createModeTable } from "./mode-table.js";
import { type ClassState, findClassEntry, planDemotions } from "./plan-demotions.js";
import { readBranchHistory, readCommits, readPatchIds } from "./read-history.js";

const DAY_MS = 86_400_000;

/** What one `jig autonomy sync` learned and did. */
export interface SyncResult {
  branch: string;
  commits: number;
  judged: number;
  /** Events new to the store (a second sync over the same history records none). */
  recorded: number;
  outcomes: number;
  incidents: number;
  /** Demotions written to the store; the CLI appends each to the audit log. */
  demotions: Demotion[];
}

export interface SyncOptions {
  root: string;
  db: JigDatabase;
  store: AutonomyStore;
  /** undefined when the repository has no autonomy.yaml: evidence is kept, nothing is demoted. */
  autonomy: AutonomyFile | undefined;
  outcomeDays: number;
  branch: string;
  match: DomainMatcher;
  /** `attributeCommit` from governance/, passed in (autonomy/ sits beside it, not above). */
  attribute(commit: Pick<HistoryCommit, "author" | "committer" | "trailers">): string | undefined;
  now: Date;
}

/**
 * Learn outcomes and incidents from the default branch, record them, and
 * apply the demotions they call for. Git and the store are read here; the
 * judgement (judgeOutcomes) and the rules (planDemotions) are pure.
 */
export async function syncAutonomy(options: SyncOptions): Promise<SyncResult> {
  const runs = readJudgedRuns(options.db);
  const earliest = runs.reduce<string | undefined>(
    (min, run) => (min === undefined || run.at < min ? run.at : min),
    undefined,
  );
  const since =
    earliest === undefined
      ? undefined
      : new Date(Date.parse(earliest) - Math.max(options.outcomeDays, 30) * DAY_MS).toISOString();
  const branch = await readBranchHistory(options.root, options.branch, since);
  const onBranch = new Set(branch.map((commit) => commit.sha));
  const offBranch = await readCommits(
    options.root,
    [...new Set(runs.map((run) => run.head))].filter((sha) => !onBranch.has(sha)),
  );
  const subjects = new Set(offBranch.map((commit) => commit.subject));
  const patchIds = await readPatchIds(options.root, [
    ...offBranch.map((commit) => commit.sha),
    ...branch.filter((commit) => subjects.has(commit.subject)).map((commit) => commit.sha),
  ]);
  const events = judgeOutcomes({
    branch,
    offBranch,
    runs,
    patchIds,
    attribute: options.attribute,
    domainsOf: (paths) => touchedDomains(options.match, paths),
    outcomeDays: options.outcomeDays,
    now: options.now,
  });
  const recorded = options.store.record(events);
  const demotions = options.autonomy
    ? applyDemotions(options.store, options.autonomy, options.now)
    : [];
  return {
    branch: options.branch,
    commits: branch.length,
    judged: runs.length,
    recorded,
    outcomes: events.filter((event) => event.kind === "outcome").length,
    incidents: events.filter((event) => event.kind === "incident").length,
    demotions,
  };
}

/**
 * Plan and write the demotions the store's evidence calls for, for the given
 * classes (all classes with evidence when omitted). Returns those written.
 */
export function applyDemotions(
  store: AutonomyStore,
  file: AutonomyFile,
  now: Date,
  only?: ReadonlyArray<{ agent: string; domain: string }>,
): Demotion[] {
  const states = classStates(store, file, only);
  const demotions = planDemotions(file, states, now);
  for (const demotion of demotions) store.demote(demotion);
  return demotions;
}

/** Every class with evidence (or the ones named), with its mode in force and its events. */
export function classStates(
  store: AutonomyStore,
  file: AutonomyFile | undefined,
  only?: ReadonlyArray<{ agent: string; domain: string }>,
): ClassState[] {
  const grouped = new Map<string, EvidenceEvent[]>();
  const wanted = only ? new Set(only.map((c) => `${c.agent}\u0000${c.domain}`)) : undefined;
  for (const event of store.events()) {
    const key = `${event.agent}\u0000${event.domain}`;
    if (wanted && !wanted.has(key)) continue;
    const list = grouped.get(key) ?? [];
    list.push(event);
    grouped.set(key, list);
  }
  for (const key of wanted ?? []) if (!grouped.has(key)) grouped.set(key, []);
  const entryFor = (agent: string, domain: string) => findClassEntry(file, agent, domain);
  const recorded = store.demotions();
  const table = createModeTable(file, activeDemotions(recorded, entryFor));
  return [...grouped].map(([key, events]) => {
    const [agent, domain] = key.split("\u0000") as [string, string];
    const entry = entryFor(agent, domain);
    const basis = classBasis(entry, agent, domain);
    return {
      agent,
      domain,
      mode: table.resolve(agent, [domain]).mode,
      ...(entry ? { entry } : {}),
      activeTriggers: recorded
        .filter((d) => d.agent === agent && d.domain === domain && d.basis === basis)
        .map((d) => d.trigger),
      events,
    };
  });
}

/** The latest finished PASS/FAIL/needs-human run per commit, from the run store. */
export function readJudgedRuns(db: JigDatabase): JudgedRun[] {
  const rows = db
    .prepare(
      `SELECT id, head, started_at, outcome FROM runs
       WHERE status = 'finished' AND outcome IS NOT NULL
         AND (report_json IS NULL OR report_json NOT LIKE '%"workingTree":true%')`,
    )
    .all() as Array<{
    id: string;
    head: string;
    started_at: string;
    outcome: JudgedRun["outcome"];
  }>;
  return rows.map((row) => ({
    runId: row.id,
    head: row.head,
    at: row.started_at,
    outcome: row.outcome,
  }));
}
