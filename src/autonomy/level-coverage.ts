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
 * from its base, within the history read. Pure.
 *
 * Generation numbers keep it near linear in the range rather than the
 * history: a commit whose generation is above the base's cannot be one of
 * its ancestors, so the walk from the head needs the base's ancestry only for
 * the few commits of a side branch at or below it (none in a linear history).
 */
export function coverCommits(
  commits: readonly LevelCommit[],
  runs: readonly LevelRun[],
): LevelCoverage {
  const index = new Map<string, number>();
  commits.forEach((commit, i) => {
    index.set(commit.sha, i);
  });
  const generation = generations(commits, index);
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
      covered = range(commits, index, generation, run.base, run.head);
      ranges.set(key, covered);
    }
    for (const sha of covered) {
      runOf.set(sha, run);
      adoptedAt = Math.max(adoptedAt, index.get(sha) ?? -1);
    }
  }
  return { runOf, adoptedAt };
}

/** 1 + the highest generation of a parent in the history (parents outside it count 0). */
function generations(
  commits: readonly LevelCommit[],
  index: ReadonlyMap<string, number>,
): Int32Array {
  const generation = new Int32Array(commits.length);
  // Newest first, so parents (older) come later: fill from the end.
  for (let i = commits.length - 1; i >= 0; i--) {
    let highest = 0;
    for (const parent of commits[i]?.parents ?? []) {
      const at = index.get(parent);
      if (at !== undefined && at > i) highest = Math.max(highest, generation[at] ?? 0);
    }
    generation[i] = highest + 1;
  }
  return generation;
}

function range(
  commits: readonly LevelCommit[],
  index: ReadonlyMap<string, number>,
  generation: Int32Array,
  base: string,
  head: string,
): string[] {
  const baseAt = index.get(base);
  const baseGeneration = baseAt === undefined ? -1 : (generation[baseAt] ?? -1);
  let baseAncestry: Set<string> | undefined;
  const seen = new Set<string>();
  const pending = [head];
  while (pending.length > 0) {
    const sha = pending.pop() as string;
    if (seen.has(sha) || sha === base) continue;
    const at = index.get(sha);
    if (at === undefined) continue;
    if ((generation[at] ?? 0) <= baseGeneration) {
      baseAncestry ??= ancestry(commits, index, base);
      if (baseAncestry.has(sha)) continue;
    }
    seen.add(sha);
    for (const parent of commits[at]?.parents ?? []) pending.push(parent);
  }
  return [...seen];
}

function ancestry(
  commits: readonly LevelCommit[],
  index: ReadonlyMap<string, number>,
  from: string,
): Set<string> {
  const seen = new Set<string>();
  const pending = [from];
  while (pending.length > 0) {
    const sha = pending.pop() as string;
    if (seen.has(sha)) continue;
    const at = index.get(sha);
    if (at === undefined) continue;
    seen.add(sha);
    for (const parent of commits[at]?.parents ?? []) pending.push(parent);
  }
  return seen;
}
