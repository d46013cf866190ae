import type { Change, ChangedFile } from "../core/index.js";
import { mergeDetectorRuns } from "./merge-detector-runs.js";
import { type PreparedCatalog, runPreparedDetectors } from "./prepare-catalog.js";
import type { DetectorRun } from "./run-detectors.js";

/** Feeds {@link readChange}'s `onFiles` batches to the detectors; see {@link detectInBatches}. */
export interface BatchDetection {
  onFiles(files: ChangedFile[]): Promise<void>;
  /**
   * Every batch's results merged in `paths` order, and how long the detectors
   * ran; undefined when a batch was given up.
   */
  finish(paths: readonly string[]): { run: DetectorRun; ms: number } | undefined;
}

/**
 * Run the detectors on each batch of files `readChange` hands over while git
 * is still writing the diff (`jig check`, `jig failures check`), reading
 * post-change files from the repository.
 *
 * `catalog` is awaited per batch. When it resolves to undefined, or when
 * `giveUpOnError` is set and a batch throws, the remaining batches are
 * skipped and `finish` returns undefined, so the caller can leave the work
 * (and the error report) to the failure-models layer. Otherwise an error
 * rejects `onFiles`, which makes `readChange` reject.
 */
export function detectInBatches(options: {
  catalog: () => Promise<PreparedCatalog | undefined>;
  range: Pick<Change, "base" | "head" | "baseRef" | "headRef" | "workingTree">;
  repoRoot: string;
  giveUpOnError?: boolean;
}): BatchDetection {
  const runs: DetectorRun[] = [];
  let complete = true;
  let ms = 0;
  return {
    async onFiles(files) {
      if (!complete) return;
      try {
        const catalog = await options.catalog();
        if (!catalog) {
          complete = false;
          return;
        }
        const { base, head, baseRef, headRef, workingTree } = options.range;
        const batch: Change = { base, head, baseRef, headRef, workingTree, files, commits: [] };
        const started = performance.now();
        runs.push(
          await runPreparedDetectors(catalog, batch, {
            repoRoot: options.repoRoot,
            yieldEvery: 8,
          }),
        );
        ms += performance.now() - started;
      } catch (error) {
        if (!options.giveUpOnError) throw error;
        complete = false;
      }
    },
    finish(paths) {
      return complete ? { run: mergeDetectorRuns(runs, paths), ms } : undefined;
    },
  };
}
