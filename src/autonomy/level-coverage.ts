import type { LevelCommit, LevelRun } from "./level-evidence.js";

/** Which commits recorded gate runs covered, and the latest run covering each. */
export interface LevelCoverage {
  /** sha → the latest run (by start) whose range held the commit. */
  runOf: Map<string, LevelRun>;
  /**
   * Index (in the newest-first history) of the oldest covered commit: where
   * the gate was adopted. -1 when no run covers any commit of the history.
   */
  adoptedAt: number;
}

/**
 * A run covers the commits of `base..head`: reachable from its head and not
 * from its base, within the history read. Pure; linear in the history per
 * distinct range, so a store of thousands of runs stays in milliseconds.
 */
export function coverCommits(
  commits: readonly LevelCommit[],
  runs: readonly LevelRun[],
): LevelCoverage {
  const index = new Map<string, number>();
  commits.forEach((commit, i) => {
    index.set(commit.sha, i);
  });
  const runOf = new Map<string, LevelRun>();
  const ordered = runs
    .filter((run) => index.has(run.head))
    .sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0));
  const ranges = new Map<string, string[]>();
  let adoptedAt = -1;
  for (const run of ordered) {
    const key = `${run.base}..${run.head}`;
    let covered = ranges.get(key);
    if (!covered) {
      const excluded = reach(commits, index, run.base, new Set());
      covered = [...reach(commits, index, run.head, excluded)];
      ranges.set(key, covered);
    }
    for (const sha of covered) {
      runOf.set(sha, run);
      adoptedAt = Math.max(adoptedAt, index.get(sha) ?? -1);
    }
  }
  return { runOf, adoptedAt };
}

function reach(
  commits: readonly LevelCommit[],
  index: ReadonlyMap<string, number>,
  from: string,
  stop: ReadonlySet<string>,
): Set<string> {
  const seen = new Set<string>();
  const pending = [from];
  while (pending.length > 0) {
    const sha = pending.pop() as string;
    if (seen.has(sha) || stop.has(sha)) continue;
    const at = index.get(sha);
    if (at === undefined) continue;
    seen.add(sha);
    for (const parent of commits[at]?.parents ?? []) pending.push(parent);
  }
  return seen;
}
