import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Change, ChangedFile } from "../../core/change.js";
import { UsageError, ValidationError } from "../../core/errors.js";
import { meetsSeverity } from "../../core/severity.js";
import {
  createHunkReader,
  type DetectorRun,
  mergeDetectorRuns,
  runPreparedDetectors,
} from "../../failures/index.js";
// Direct imports, not gate/index.js: the index loads every layer's module
// (agents, evals, review), and this command runs only one layer.
import { createReport } from "../../gate/create-report.js";
import { createFailureModelsLayer } from "../../gate/layers/failure-models-layer.js";
import type { Report } from "../../gate/report.js";
import { runGate } from "../../gate/run-gate.js";
import { parseUnifiedDiff, readChange, resolveRange } from "../../git/index.js";
import type { CliContext } from "../cli-context.js";
import { loadPrepared, openWorkspace } from "./failures-workspace.js";

export interface FailuresCheckFlags {
  base?: string;
  head?: string;
  diff?: string;
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
  const workspace = await openWorkspace(context, { allowOutsideRepo: flags.diff !== undefined });
  if (flags.diff !== undefined && (flags.base !== undefined || flags.head !== undefined)) {
    throw new UsageError("--diff cannot be combined with --base or --head");
  }
  // The catalog loads on this thread while git produces the diff in its own process.
  const preparing = loadPrepared(context, workspace);
  // Awaited below; this only keeps an early error elsewhere from leaving it unhandled.
  preparing.catch(() => {});
  const ensurePrepared = async () => {
    const prepared = await preparing;
    if (!prepared.ok)
      throw new ValidationError(
        prepared.problems.filter((problem) => problem.severity !== "warning"),
      );
    return prepared;
  };

  let change: Change;
  let description: string;
  let fromDiff = false;
  let detections: Promise<DetectorRun> | undefined;
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
    fromDiff = true;
  } else {
    const range = await resolveRange({
      cwd: workspace.root,
      root: workspace.root,
      ...(flags.base !== undefined ? { base: flags.base } : {}),
      ...(flags.head !== undefined ? { head: flags.head } : {}),
      ...(workspace.config.defaultBranch ? { defaultBranch: workspace.config.defaultBranch } : {}),
    });
    // Detectors run on each batch of files as git writes the diff, so their
    // work overlaps git's instead of following it. Only this layer reads the
    // hunks, so they are dropped batch by batch instead of kept to the end.
    const runs: DetectorRun[] = [];
    const onFiles = async (files: ChangedFile[]) => {
      const { base, head, baseRef, headRef, workingTree } = range;
      const partial: Change = { base, head, baseRef, headRef, workingTree, files, commits: [] };
      const ready = await ensurePrepared();
      runs.push(
        await runPreparedDetectors(ready, partial, { repoRoot: workspace.root, yieldEvery: 8 }),
      );
    };
    [change] = await Promise.all([
      readChange(range, workspace.root, { onFiles, keepHunks: false }),
      ensurePrepared(),
    ]);
    const paths = change.files.map((file) => file.path);
    detections = Promise.resolve(mergeDetectorRuns(runs, paths));
    description = range.description;
  }
  const prepared = await ensurePrepared();
  const config = { ...workspace.config, gate: { ...workspace.config.gate, require: [], skip: [] } };
  const layer = createFailureModelsLayer({
    prepared: Promise.resolve(prepared),
    ...(detections ? { detections } : {}),
    ...(fromDiff ? { readFile: createHunkReader } : {}),
  });
  const gate = await runGate(
    {
      cwd: workspace.root,
      change,
      config,
      spec: { others: [], problems: [] },
      now: context.now,
      options: {},
    },
    [layer],
  );
  return createReport({
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
