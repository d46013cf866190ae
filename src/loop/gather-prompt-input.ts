import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { JigConfig } from "../config/config-schema.js";
import type { Report } from "../contract/index.js";
import { loadCatalog } from "../failures/index.js";
import { readSpecFile, type Spec } from "../spec/index.js";
import type { CitedFailureModel } from "./render-loop-prompt.js";

/** The spec the report cites, loaded, or undefined when it cites none or it cannot be read. */
export async function citedSpec(report: Report, repoRoot: string): Promise<Spec | undefined> {
  if (!report.spec) return undefined;
  try {
    return (await readSpecFile(join(repoRoot, report.spec.path), repoRoot)).spec;
  } catch {
    return undefined;
  }
}

/** The catalog entries the report's findings cite (`FM-` rule ids), for the coder's prompt. */
export async function citedFailureModels(
  report: Report,
  repoRoot: string,
  config: JigConfig,
): Promise<CitedFailureModel[]> {
  const cited = new Set(
    report.findings.map((finding) => finding.ruleId).filter((id) => id.startsWith("FM-")),
  );
  if (cited.size === 0) return [];
  try {
    const catalog = await loadCatalog({ repoRoot, config });
    return catalog.entries
      .filter((entry) => cited.has(entry.id))
      .map(({ id, title, trigger, symptoms, fix }) => ({ id, title, trigger, symptoms, fix }));
  } catch {
    return [];
  }
}

/** The project's instruction files (`review.instructions`), each cut at 16 KiB: the coder's boundaries. */
export async function readBoundaries(
  repoRoot: string,
  names: readonly string[],
): Promise<Array<{ path: string; text: string }>> {
  const found: Array<{ path: string; text: string }> = [];
  for (const name of names) {
    try {
      found.push({
        path: name,
        text: (await readFile(join(repoRoot, name), "utf8")).slice(0, 16_384),
      });
    } catch {
      // Not every project has instruction files.
    }
  }
  return found;
}
