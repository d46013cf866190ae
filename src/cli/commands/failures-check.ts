import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { JigConfig } from "../../config/index.js";
import type { Report } from "../../contract/index.js";
import type { Change, ChangedFile } from "../../core/change.js";
import { GitError, UsageError, ValidationError } from "../../core/errors.js";
import { meetsSeverity } from "../../core/severity.js";
import type { BatchDetection, PreparedCatalog } from "../../failures/index.js";
import { findRepoRoot, parseUnifiedDiff, readChange, resolveRange } from "../../git/index.js";
import type { CliContext } from "../cli-context.js";

export interface FailuresCheckFlags {
  base?: string;
  head?: string;
  diff?: string;
}

/**
 * What the check needs once git is running: the config and the catalog
 * (zod and yaml among them) and one gate layer. Loading them takes about as
 * long as git takes to start writing a large diff, so they load while it
 * does. Direct imports, not gate/index.js: the index loads every layer's
 * module (agents, evals, review), and this command runs only one layer.
 */
async function loadModules() {
  const [config, failures, report, layer, gate] = await Promise.all([
    import("../../config/index.js"),
    import("../../failures/index.js"),
    import("../../gate/create-report.js"),
    import("../../gate/layers/failure-models-layer.js"),
    import("../../gate/run-gate.js"),
  ]);
  return {
    loadConfig: config.loadConfig,
    prepareCatalog: failures.prepareCatalog,
    detectInBatches: failures.detectInBatches,
    createHunkReader: failures.createHunkReader,
    createReport: report.createReport,
    createFailureModelsLayer: layer.createFailureModelsLayer,
    runGate: gate.runGate,
  };
}

type Modules = Awaited<ReturnType<typeof loadModules>>;

/** The loaded modules, the config, and the catalog prepared for it. */
interface Ready {
  modules: Modules;
  config: JigConfig;
  prepared: PreparedCatalog;
}

/**
 * `jig failures check`: the failure-models layer alone, on a git range or a
 * unified diff (`--diff FILE` or `--diff -` for stdin). Returns a full
 * `jig.report/v1` so every reporter renders it, with a verdict from
 * `gate.failOn` and no required layers.
 */
export async function runFailuresCheck(
  context: CliContext,
  flags: FailuresCheckFlags,
): Promise<Report> {
  const startedAt = context.now();
  if (flags.diff !== undefined && (flags.base !== undefined || flags.head !== undefined)) {
    throw new UsageError("--diff cannot be combined with --base or --head");
  }
  const root = await repoRoot(context, flags.diff !== undefined);
  // Loads the modules, the config and then the catalog; awaited where needed.
  const prepare = async (): Promise<Ready> => {
    const modules = await loadModules();
    const { config } = await modules.loadConfig(root, { cwd: context.cwd });
    const prepared = await modules.prepareCatalog({ repoRoot: root, config, cwd: context.cwd });
    if (!prepared.ok)
      throw new ValidationError(
        prepared.problems.filter((problem) => problem.severity !== "warning"),
      );
    return { modules, config, prepared };
  };

  let change: Change;
  let description: string;
  let ready: Ready;
  let detections: ReturnType<BatchDetection["finish"]>;
  if (flags.diff !== undefined) {
    const text = await readDiff(context, flags.diff);
    const files = parseUnifiedDiff(text);
    if (files.length === 0 && text.trim() !== "") {
      throw new UsageError(
        `${flags.diff === "-" ? "stdin" : flags.diff} is not a unified diff (no file headers found)`,
      );
    }
    change = {
      base: "diff",
      head: "diff",
      baseRef: "diff",
      headRef: "diff",
      workingTree: false,
      files,
      commits: [],
    };
    description = `unified diff from ${flags.diff === "-" ? "stdin" : flags.diff}`;
    ready = await prepare();
  } else {
    // Without --base the range depends on the configured default branch, so
    // the config comes first; with it, git starts before any module loads.
    let preparing: Promise<Ready> | undefined;
    if (flags.base === undefined) preparing = prepare();
    const defaultBranch = preparing ? (await preparing).config.defaultBranch : undefined;
    const range = await resolveRange({
      cwd: root,
      root,
      ...(flags.base !== undefined ? { base: flags.base } : {}),
      ...(flags.head !== undefined ? { head: flags.head } : {}),
      ...(defaultBranch ? { defaultBranch } : {}),
    });
    // Detectors run on each batch of files as git writes the diff, so their
    // work overlaps git's instead of following it. Only this layer reads the
    // hunks, so they are dropped batch by batch instead of kept to the end.
    const whenReady = () => {
      preparing ??= prepare();
      return preparing;
    };
    let batches: BatchDetection | undefined;
    const onFiles = async (files: ChangedFile[]) => {
      const { modules } = await whenReady();
      batches ??= modules.detectInBatches({
        catalog: async () => (await whenReady()).prepared,
        range,
        repoRoot: root,
      });
      await batches.onFiles(files);
    };
    // readChange spawns git before it first awaits; the modules load after.
    const reading = readChange(range, root, { onFiles, keepHunks: false });
    const loading = whenReady();
    // Awaited together below; this only keeps one failing first from leaving the other unhandled.
    loading.catch(() => {});
    reading.catch(() => {});
    [change, ready] = await Promise.all([reading, loading]);
    const paths = change.files.map((file) => file.path);
    // No batch at all: an empty change, which the layer checks in no time itself.
    detections = batches?.finish(paths);
    description = range.description;
  }

  const { modules, prepared } = ready;
  const config = { ...ready.config, gate: { ...ready.config.gate, require: [], skip: [] } };
  const layer = modules.createFailureModelsLayer({
    prepared: Promise.resolve(prepared),
    ...(detections
      ? { detections: Promise.resolve(detections.run), detectionMs: detections.ms }
      : {}),
    ...(flags.diff !== undefined ? { readFile: modules.createHunkReader } : {}),
  });
  const gate = await modules.runGate(
    {
      cwd: root,
      change,
      config,
      spec: { others: [], problems: [] },
      now: context.now,
      options: {},
    },
    [layer],
  );
  return modules.createReport({
    runId: `failures-${startedAt.getTime().toString(36)}`,
    startedAt,
    finishedAt: context.now(),
    jigVersion: context.version,
    range: {
      base: change.base,
      head: change.head,
      baseRef: change.baseRef,
      headRef: change.headRef,
      workingTree: change.workingTree,
      description,
    },
    change,
    config,
    citation: { others: [], problems: [] },
    gate,
  });
}

/**
 * The repository root. Outside a git repository (e.g. `--diff` in a CI job
 * on an exported patch) the current directory stands in for it.
 */
async function repoRoot(context: CliContext, allowOutsideRepo: boolean): Promise<string> {
  try {
    return await findRepoRoot(context.cwd);
  } catch (error) {
    if (!allowOutsideRepo || !(error instanceof GitError)) throw error;
    return context.cwd;
  }
}

/** Exit code of a failures check: 1 when a finding meets `gate.failOn` or the layer errored, else 0. */
export function failuresExitCode(report: Report): number {
  if (report.layers.some((layer) => layer.status === "error")) return 1;
  return report.findings.some((finding) => meetsSeverity(finding.severity, report.policy.failOn))
    ? 1
    : 0;
}

async function readDiff(context: CliContext, source: string): Promise<string> {
  if (source === "-") {
    const chunks: Buffer[] = [];
    for await (const chunk of context.stdin)
      chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
    return Buffer.concat(chunks).toString("utf8");
  }
  try {
    return await readFile(resolve(context.cwd, source), "utf8");
  } catch (error) {
    throw new UsageError(`cannot read diff ${source}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
