import type { LayerResult } from "../../contract/index.js";
import type { Change } from "../../core/change.js";
import { ValidationError } from "../../core/errors.js";
import { formatProblem } from "../../core/problem.js";
import type {
  BatchDetection,
  DetectorRun,
  PostChangeReader,
  PreparedCatalog,
  RegexSafetyChecker,
  SkippedFile,
} from "../../failures/index.js";
import type { GateContext, Layer, LayerPreparation, LayerPrepareInput } from "../layer.js";

/** Knobs for tests and for `jig failures check`. */
export interface FailureModelsLayerOptions {
  /** Replaces the shipped catalog folder (tests). */
  shippedDir?: string;
  /** How to read post-change files; defaults to the working tree or the git objects at head. */
  readFile?: (change: Change) => PostChangeReader;
  /** Replaces recheck (tests). */
  checker?: RegexSafetyChecker;
  /**
   * What a catalog with lint errors does. `"error"` (the default) makes it
   * this layer's error, so the rest of the gate still runs. `"throw"` ends
   * the whole check with a {@link ValidationError} listing every problem
   * (exit 2): `jig failures check`, where the catalog is the input.
   */
  brokenCatalog?: "error" | "throw";
  /** Where paths in catalog problems are shown relative to; the repo root by default. */
  cwd?: string;
}

/** What `prepare` started for one run, kept for `run`. */
interface Head {
  catalog: Promise<PreparedCatalog>;
  /** Every batch's results, or undefined when no batch came or one was given up. */
  finish(paths: readonly string[]): { run: DetectorRun; ms: number } | undefined;
}

// failures/ (zod, yaml, the catalog compiler) loads only once the layer runs,
// so a command can spawn git before paying for it.
const loadFailures = () => import("../../failures/index.js");

/**
 * The gate's `failure-models` layer: load the shipped and project catalogs,
 * lint them (a catalog with errors, such as a regex at risk of catastrophic
 * backtracking, is refused with an error status naming `file:line:col`, so
 * a bad pattern can never hang the gate), then run every detector on the
 * change. Each hit is a finding whose `ruleId` is the failure-model id.
 *
 * With `prepare`, the catalog is prepared while git starts and the
 * detectors run on each batch of files as git writes the diff (ADR 0004);
 * `run` then only merges what they found.
 *
 * @example
 * const layers = [createSpecLayer(), createFailureModelsLayer()];
 */
export function createFailureModelsLayer(options: FailureModelsLayerOptions = {}): Layer {
  const heads = new WeakMap<LayerPreparation, Head>();
  const prepareCatalog = (
    repoRoot: string,
    catalogRoot: string | undefined,
    config: GateContext["config"],
  ) =>
    loadFailures().then((failures) =>
      failures.prepareCatalog({
        repoRoot,
        ...(catalogRoot ? { catalogRoot } : {}),
        config,
        ...(options.cwd ? { cwd: options.cwd } : {}),
        ...(options.shippedDir ? { shippedDir: options.shippedDir } : {}),
        ...(options.checker ? { checker: options.checker } : {}),
      }),
    );
  return {
    name: "failure-models",
    description: "Known failure patterns are absent from the diff",
    prepare(input) {
      const catalog = prepareCatalog(input.cwd, input.governanceRoot, input.config);
      const { preparation, head } = streamDetectors(input, catalog, options.brokenCatalog);
      heads.set(preparation, head);
      return preparation;
    },
    async run(context, preparation): Promise<LayerResult> {
      const head = preparation ? heads.get(preparation) : undefined;
      const prepared = await (head?.catalog ??
        prepareCatalog(context.cwd, context.governanceRoot, context.config));
      if (!prepared.ok) return brokenCatalogResult(prepared);
      const notes: string[] = [];
      const { catalog } = prepared;
      for (const warning of prepared.problems)
        notes.push(`catalog warning: ${formatProblem(warning)}`);
      if (catalog.unknownDisabled.length > 0) {
        notes.push(`failures.disable names unknown ids: ${catalog.unknownDisabled.join(", ")}`);
      }
      const streamed = head?.finish(context.change.files.map((file) => file.path));
      const run =
        streamed?.run ??
        (await (
          await loadFailures()
        ).runPreparedDetectors(prepared, context.change, {
          repoRoot: context.cwd,
          ...(options.readFile ? { readFile: options.readFile(context.change) } : {}),
        }));
      const shipped = catalog.entries.filter((entry) => entry.origin === "shipped").length;
      notes.push(
        `${run.entriesRun} failure models run (${shipped} shipped, ${catalog.entries.length - shipped} project${catalog.disabled.length > 0 ? `, ${catalog.disabled.length} disabled` : ""}${catalog.overridden.length > 0 ? `, ${catalog.overridden.length} overridden` : ""}) on ${run.filesScanned} of ${context.change.files.length} changed files`,
      );
      if (streamed)
        notes.push(
          `detectors ran on each batch of files as git wrote the diff: ${Math.round(streamed.ms)} ms`,
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

/**
 * The head start: run the detectors on each batch of files `readChange`
 * hands over. With a broken catalog and `brokenCatalog: "throw"`, `ready`
 * and every batch reject with the problems; otherwise the batches give up
 * quietly and `run` reports the catalog (or a detector failure) itself.
 */
function streamDetectors(
  input: LayerPrepareInput,
  catalog: Promise<PreparedCatalog>,
  brokenCatalog: FailureModelsLayerOptions["brokenCatalog"],
): { preparation: LayerPreparation; head: Head } {
  const strict = brokenCatalog === "throw";
  const usable = catalog.then((prepared) => {
    if (prepared.ok) return prepared;
    if (strict) throw new ValidationError(lintErrors(prepared));
    return undefined;
  });
  // Awaited by run, ready or a batch; until then a failure must not count as unhandled.
  usable.catch(() => {});
  let batches: BatchDetection | undefined;
  let spent = 0;
  const preparation: LayerPreparation = {
    spentMs: () => spent,
    async onFiles(files) {
      const { range } = input;
      if (!range) return;
      const { detectInBatches } = await loadFailures();
      batches ??= detectInBatches({
        catalog: () => usable,
        range,
        repoRoot: input.cwd,
        giveUpOnError: !strict,
      });
      await batches.onFiles(files);
    },
  };
  if (strict) {
    preparation.ready = usable.then(() => undefined);
    preparation.ready.catch(() => {});
  }
  const finish: Head["finish"] = (paths) => {
    const streamed = batches?.finish(paths);
    if (streamed) spent = streamed.ms;
    return streamed;
  };
  return { preparation, head: { catalog, finish } };
}

function lintErrors(prepared: PreparedCatalog) {
  return prepared.problems.filter((problem) => problem.severity !== "warning");
}

function brokenCatalogResult(prepared: PreparedCatalog): LayerResult {
  const errors = lintErrors(prepared);
  const first = errors[0];
  return {
    status: "error",
    findings: [],
    notes: errors.slice(0, 20).map(formatProblem),
    error: `the failure-model catalog has ${errors.length} lint error${errors.length === 1 ? "" : "s"}${first ? `, first: ${formatProblem(first)}` : ""}; run 'jig failures lint'`,
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
