import type { EvidenceEvent } from "./autonomy-store.js";

const DAY_MS = 86_400_000;

/** A line range touched in one file, inclusive, 1-based. */
export type LineRange = readonly [start: number, end: number];

/** One commit as sync reads it from `git log -p -U0`. */
export interface HistoryCommit {
  sha: string;
  /** Committer time, ISO. */
  at: string;
  author: string;
  committer: string;
  subject: string;
  body: string;
  trailers: ReadonlyArray<{ key: string; value: string }>;
  paths: readonly string[];
  /** Per path: lines the commit removed or changed (old side) and wrote (new side). */
  lines: ReadonlyMap<string, { old: LineRange[]; new: LineRange[] }>;
}

/** The latest finished gate run of a commit. */
export interface JudgedRun {
  runId: string;
  head: string;
  at: string;
  outcome: "pass" | "fail" | "needs-human";
}

export interface JudgeInput {
  /** The default branch, oldest first. */
  branch: readonly HistoryCommit[];
  /** Judged commits that are not on the branch (amended, rebased, dropped), when still readable. */
  offBranch: readonly HistoryCommit[];
  runs: readonly JudgedRun[];
  /** `git patch-id --stable` of off-branch heads and their same-subject branch commits. */
  patchIds: ReadonlyMap<string, string>;
  /** The agent a commit is attributed to (Agent: trailer, known identities), if any. */
  attribute(commit: HistoryCommit): string | undefined;
  domainsOf(paths: readonly string[]): string[];
  outcomeDays: number;
  now: Date;
}

/**
 * Outcomes and incidents learned from git, as evidence events. Pure.
 *
 * For each commit a gate run judged (PASS or FAIL; a needs-human verdict
 * made no claim to check):
 * - it reached the branch, and no person changed the same lines within
 *   `outcomeDays`: PASS agrees, FAIL disagrees (people shipped what jig
 *   failed). Recorded only once `outcomeDays` have passed, since the store
 *   keeps the first outcome of a commit and a fix may still come.
 * - a person's commit touched the same lines within `outcomeDays`: PASS
 *   disagrees (jig passed what needed fixing), FAIL agrees.
 * - it never reached the branch, but a commit with its subject and another
 *   patch did (a person amended it): PASS disagrees, FAIL agrees. With the
 *   same patch (a rebase or squash) it counts as reached unchanged.
 *
 * A `This reverts commit X` body or an `Incident: X` trailer makes an
 * incident in X's domains, for X's agent.
 */
export function judgeOutcomes(input: JudgeInput): EvidenceEvent[] {
  const events: EvidenceEvent[] = [];
  const index = new Map<string, number>();
  input.branch.forEach((commit, i) => {
    index.set(commit.sha, i);
  });
  const bySubject = new Map<string, HistoryCommit[]>();
  for (const commit of input.branch) {
    const list = bySubject.get(commit.subject) ?? [];
    list.push(commit);
    bySubject.set(commit.subject, list);
  }
  const offBranch = new Map(input.offBranch.map((commit) => [commit.sha, commit]));
  const latest = new Map<string, JudgedRun>();
  for (const run of input.runs) {
    const prior = latest.get(run.head);
    if (!prior || run.at > prior.at) latest.set(run.head, run);
  }
  const windowMs = input.outcomeDays * DAY_MS;
  const settled = (commit: HistoryCommit) =>
    input.now.getTime() - Date.parse(commit.at) >= windowMs;

  const push = (
    commit: HistoryCommit,
    run: JudgedRun,
    agent: string,
    outcome: "agree" | "disagree",
    reason: string,
  ) => {
    for (const domain of input.domainsOf(commit.paths)) {
      events.push({
        at: commit.at,
        agent,
        domain,
        kind: "outcome",
        outcome,
        subject: commit.sha,
        detail: { verdict: run.outcome, run: run.runId, reason },
      });
    }
  };

  for (const run of latest.values()) {
    if (run.outcome === "needs-human") continue;
    const position = index.get(run.head);
    if (position !== undefined) {
      const commit = input.branch[position] as HistoryCommit;
      const agent = input.attribute(commit);
      if (agent === undefined) continue;
      const fix = findFix(input, position, windowMs);
      if (fix) {
        push(
          commit,
          run,
          agent,
          run.outcome === "pass" ? "disagree" : "agree",
          `${fix.sha.slice(0, 12)} by a person changed the same lines within ${input.outcomeDays} days`,
        );
      } else if (settled(commit)) {
        push(
          commit,
          run,
          agent,
          run.outcome === "pass" ? "agree" : "disagree",
          `reached the branch unchanged for ${input.outcomeDays} days`,
        );
      }
      continue;
    }
    const head = offBranch.get(run.head);
    if (!head) continue;
    const agent = input.attribute(head);
    if (agent === undefined) continue;
    const landed = (bySubject.get(head.subject) ?? []).find((commit) => commit.at >= head.at);
    if (!landed || latest.has(landed.sha)) continue;
    const samePatch =
      input.patchIds.get(head.sha) !== undefined &&
      input.patchIds.get(head.sha) === input.patchIds.get(landed.sha);
    if (samePatch) {
      if (settled(landed))
        push(
          head,
          run,
          agent,
          run.outcome === "pass" ? "agree" : "disagree",
          `landed unchanged as ${landed.sha.slice(0, 12)}`,
        );
      continue;
    }
    push(
      head,
      run,
      agent,
      run.outcome === "pass" ? "disagree" : "agree",
      `amended before landing as ${landed.sha.slice(0, 12)}`,
    );
  }

  events.push(...findIncidents(input, offBranch));
  return events;
}

/** The first commit by a person within the window that rewrote lines the commit wrote. */
function findFix(input: JudgeInput, position: number, windowMs: number): HistoryCommit | undefined {
  const commit = input.branch[position] as HistoryCommit;
  const end = Date.parse(commit.at) + windowMs;
  for (let i = position + 1; i < input.branch.length; i += 1) {
    const later = input.branch[i] as HistoryCommit;
    if (Date.parse(later.at) > end) break;
    if (input.attribute(later) !== undefined) continue;
    for (const [path, ranges] of later.lines) {
      const wrote = commit.lines.get(path);
      if (wrote && overlaps(wrote.new, ranges.old)) return later;
    }
  }
  return undefined;
}

function overlaps(a: readonly LineRange[], b: readonly LineRange[]): boolean {
  return a.some(([s1, e1]) => b.some(([s2, e2]) => s1 <= e2 && s2 <= e1));
}

const REVERT = /This reverts commit ([0-9a-f]{7,40})/g;

function findIncidents(
  input: JudgeInput,
  offBranch: ReadonlyMap<string, HistoryCommit>,
): EvidenceEvent[] {
  const all = [...input.branch, ...offBranch.values()];
  const resolve = (ref: string) => all.find((commit) => commit.sha.startsWith(ref.toLowerCase()));
  const events: EvidenceEvent[] = [];
  for (const commit of input.branch) {
    const named: Array<{ ref: string; how: "revert" | "trailer" }> = [];
    for (const match of commit.body.matchAll(REVERT))
      named.push({ ref: match[1] ?? "", how: "revert" });
    for (const trailer of commit.trailers) {
      if (trailer.key.toLowerCase() !== "incident") continue;
      const ref = /^[0-9a-f]{7,40}/i.exec(trailer.value.trim())?.[0];
      if (ref) named.push({ ref, how: "trailer" });
    }
    for (const { ref, how } of named) {
      const target = resolve(ref);
      if (!target) continue;
      const agent = input.attribute(target);
      if (agent === undefined) continue;
      for (const domain of input.domainsOf(target.paths)) {
        events.push({
          at: commit.at,
          agent,
          domain,
          kind: "incident",
          subject: target.sha,
          detail: { by: `${how} ${commit.sha.slice(0, 12)}`, how },
        });
      }
    }
  }
  return events;
}
