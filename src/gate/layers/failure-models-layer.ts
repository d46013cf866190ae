import type { LayerResult } from "../../contract/index.js";
import type { Change } from "../../core/change.js";
import { formatProblem } from "../../core/problem.js";
import {
  type DetectorRun,
  type PostChangeReader,
  type PreparedCatalog,
  prepareCatalog,
  type RegexSafetyChecker,
  runPreparedDetectors,
  type SkippedFile,
} from "../../failures/index.js";
import type { Layer } from "../layer.js";

/** Knobs for tests and for `jig failures check --diff`, which has no repository to read from. */
export interface FailureModelsLayerOptions {
  /** Replaces the shipped catalog folder (tests). */
  shippedDir?: string;
  /** How to read post-change files; defaults to the working tree or `git show <head>`. */
  readFile?: (change: Change) => PostChangeReader;
  /** Replaces recheck (tests). */
  checker?: RegexSafetyChecker;
  /**
   * A catalog already being prepared, so a caller can load it while git is
   * still producing the diff instead of after.
   */
  prepared?: Promise<PreparedCatalog>;
  /**
   * Detector results computed by the caller while git was still producing
   * the diff (`jig failures check`), used instead of running them again.
   */
  detections?: Promise<DetectorRun>;
  /** How long those detectors ran, for the notes: the layer's own time no longer shows it. */
  detectionMs?: number;
}

/**
 * The gate's `failure-models` layer: load the shipped and project catalogs,
 * lint them (a catalog with errors, such as a regex at risk of catastrophic
 * backtracking, is refused with an error status naming `file:line:col`, so
 * a bad pattern can never hang the gate), then run every detector on the
 * change. Each hit is a finding whose `ruleId` is the failure-model id.
 *
 * @example
 * const layers = [createSpecLayer(), createFailureModelsLayer()];
 */
export function createFailureModelsLayer(options: FailureModelsLayerOptions = {}): Layer {
  return {
    name: "failure-models",
    description: "Known failure patterns are absent from the diff",
    async run(context): Promise<LayerResult> {
      const prepared = await (options.prepared ??
        prepareCatalog({
          repoRoot: context.cwd,
          config: context.config,
          ...(options.shippedDir ? { shippedDir: options.shippedDir } : {}),
          ...(options.checker ? { checker: options.checker } : {}),
        }));
      const notes: string[] = [];
      const { catalog } = prepared;
      if (!prepared.ok) {
        const errors = prepared.problems.filter((problem) => problem.severity !== "warning");
        const first = errors[0];
        return {
          status: "error",
          findings: [],
          notes: errors.slice(0, 20).map(formatProblem),
          error: `the failure-model catalog has ${errors.length} lint error${errors.length === 1 ? "" : "s"}${first ? `, first: ${formatProblem(first)}` : ""}; run 'jig failures lint'`,
        };
      }
      for (const warning of prepared.problems)
        notes.push(`catalog warning: ${formatProblem(warning)}`);
      if (catalog.unknownDisabled.length > 0) {
        notes.push(`failures.disable names unknown ids: ${catalog.unknownDisabled.join(", ")}`);
      }
      const run = await (options.detections ??
        runPreparedDetectors(prepared, context.change, {
          repoRoot: context.cwd,
          ...(options.readFile ? { readFile: options.readFile(context.change) } : {}),
        }));
      const shipped = catalog.entries.filter((entry) => entry.origin === "shipped").length;
      notes.push(
        `${run.entriesRun} failure models run (${shipped} shipped, ${catalog.entries.length - shipped} project${catalog.disabled.length > 0 ? `, ${catalog.disabled.length} disabled` : ""}${catalog.overridden.length > 0 ? `, ${catalog.overridden.length} overridden` : ""}) on ${run.filesScanned} of ${context.change.files.length} changed files`,
      );
      if (options.detections && options.detectionMs !== undefined)
        notes.push(
          `detectors ran on each batch of files as git wrote the diff: ${Math.round(options.detectionMs)} ms`,
        );
      if (run.skipped.length > 0) notes.push(describeSkipped(run.skipped));
      if (run.unreadable.length > 0) {
        notes.push(
          `post-change content unavailable for ${run.unreadable.length} file${run.unreadable.length === 1 ? "" : "s"}: absent and ast detectors did not run on ${run.unreadable.slice(0, 5).join(", ")}${run.unreadable.length > 5 ? ", ..." : ""}`,
        );
      }
      return {
        status: run.findings.length > 0 ? "failed" : "passed",
        findings: run.findings,
        notes,
      };
    },
  };
}

function describeSkipped(skipped: SkippedFile[]): string {
  const binary = skipped.filter((file) => file.reason === "binary").map((file) => file.path);
  const large = skipped.filter((file) => file.reason === "too-large").map((file) => file.path);
  const parts: string[] = [];
  const list = (paths: string[]) =>
    `${paths.slice(0, 5).join(", ")}${paths.length > 5 ? `, +${paths.length - 5} more` : ""}`;
  if (binary.length > 0) parts.push(`${binary.length} binary (${list(binary)})`);
  if (large.length > 0) parts.push(`${large.length} over 1 MB (${list(large)})`);
  return `skipped ${parts.join(" and ")}`;
}
