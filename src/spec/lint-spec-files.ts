import { stat } from "node:fs/promises";
import type { Problem } from "../core/problem.js";
import { citedFailureModels, lintSpec, lintSpecCollection } from "./lint-spec.js";
import type { Spec } from "./spec.js";
import { listSpecFiles, loadSpecs, readSpecFile, type SpecFile } from "./spec-files.js";

/** The ids of the failure-model catalog, for lint to flag cited ids that do not exist. */
export type KnownFailureModels = () => Promise<ReadonlySet<string>>;

/**
 * `jig spec lint`: every problem in `files` (parse errors, the spec rules,
 * and the rules across specs such as duplicate ids, judged against every
 * spec in the folder), sorted by file and line. The failure-model catalog
 * is loaded only when a linted spec cites a failure model.
 */
export async function lintSpecFiles(options: {
  repoRoot: string;
  specsDir: string;
  files: readonly SpecFile[];
  knownFailureModels?: KnownFailureModels;
}): Promise<Problem[]> {
  const { files } = options;
  const all = await loadSpecs(options.repoRoot, options.specsDir);
  const linted = new Set(files.map((file) => file.path));
  const parsed = files.flatMap((file) => (file.spec ? [file.spec] : []));
  const known = await knownFailureModelsFor(parsed, options.knownFailureModels);
  const lintOptions = known ? { knownFailureModels: known } : {};
  return sortProblems([
    ...files.flatMap((file) => file.problems),
    ...parsed.flatMap((spec) => lintSpec(spec, lintOptions)),
    ...lintSpecCollection(uniqueSpecs([...all.specs, ...parsed])).filter((problem) =>
      linted.has(problem.path),
    ),
  ]);
}

/**
 * The spec files `jig spec lint` checks: every spec in the specs folder when
 * no path is given; else each file named, and the spec files of each folder.
 */
export async function readLintTargets(
  repoRoot: string,
  specsDir: string,
  absolutePaths: readonly string[],
): Promise<SpecFile[]> {
  if (absolutePaths.length === 0) return (await loadSpecs(repoRoot, specsDir)).files;
  const files: SpecFile[] = [];
  for (const absolute of absolutePaths) {
    const isDirectory = await stat(absolute).then(
      (info) => info.isDirectory(),
      () => false,
    );
    const targets = isDirectory ? await listSpecFiles(repoRoot, absolute) : [absolute];
    for (const target of targets) files.push(await readSpecFile(target, repoRoot));
  }
  return files;
}

/** The catalog's ids, loaded only when one of `specs` cites a failure model. */
export async function knownFailureModelsFor(
  specs: ReadonlyArray<Spec>,
  load: KnownFailureModels | undefined,
): Promise<ReadonlySet<string> | undefined> {
  if (!load) return undefined;
  const cites = specs.some(
    (spec) =>
      spec.failureModels.length > 0 ||
      citedFailureModels(spec.risks.map((risk) => risk.text).join("\n")).length > 0,
  );
  return cites ? load() : undefined;
}

/** Problems ordered by file, line, column and code, so output is stable. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      a.path.localeCompare(b.path) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.code.localeCompare(b.code),
  );
}

function uniqueSpecs<T extends { path: string }>(specs: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const spec of specs) seen.set(spec.path, spec);
  return [...seen.values()];
}
