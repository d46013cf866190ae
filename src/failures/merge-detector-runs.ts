import type { DetectorRun } from "./run-detectors.js";

/**
 * Join the runs of the same detectors over disjoint batches of files (the
 * streaming path of `jig failures check`). Findings are put in the order of
 * `paths`, the change's own file order, so the report is the same as one run
 * over the whole change. Pure.
 */
export function mergeDetectorRuns(
  runs: readonly DetectorRun[],
  paths: readonly string[],
): DetectorRun {
  const rank = new Map(paths.map((path, index) => [path, index]));
  const order = (path: string | undefined) =>
    path === undefined ? -1 : (rank.get(path) ?? paths.length);
  // Stable sort: findings of one file keep the order the detectors gave them.
  const findings = runs
    .flatMap((run) => run.findings)
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => order(a.finding.file) - order(b.finding.file) || a.index - b.index)
    .map(({ finding }) => finding);
  return {
    findings,
    skipped: runs.flatMap((run) => run.skipped),
    filesScanned: runs.reduce((sum, run) => sum + run.filesScanned, 0),
    entriesRun: runs.reduce((most, run) => Math.max(most, run.entriesRun), 0),
    unreadable: runs.flatMap((run) => run.unreadable),
  };
}
