import { mkdir, readFile, writeFile } from "node:fs/promises";
import { isAbsolute, join, relative } from "node:path";
import type { JigConfig } from "../config/index.js";
import { appendEntries } from "./append-entries.js";
import { loadAstEngine } from "./ast-engine.js";
import { loadCatalog } from "./load-catalog.js";
import { createRecheckChecker, type RegexSafetyChecker } from "./regex-safety.js";
import { type CandidateEntry, type CandidateVerdict, vetCandidate } from "./vet-candidate.js";

/**
 * Vet candidates against the current catalog and write the accepted ones to
 * `<failures.dir>/<domain>.yaml`, appending to what is there. Shared by
 * `failures add` and `failures mine`; nothing rejected is ever written.
 */
export async function vetAndWrite(
  candidates: ReadonlyArray<CandidateEntry>,
  options: {
    root: string;
    config: JigConfig;
    cwd: string;
    checker?: RegexSafetyChecker;
    requireDetector?: boolean;
    dryRun?: boolean;
  },
): Promise<{ verdicts: CandidateVerdict[]; written: string[] }> {
  const catalog = await loadCatalog({
    repoRoot: options.root,
    config: options.config,
    cwd: options.cwd,
  });
  // Disabled entries still own their ids: reusing one would be a duplicate.
  const existingIds = new Set([...catalog.entries.map((entry) => entry.id), ...catalog.disabled]);
  const checker = options.checker ?? createRecheckChecker();
  const verdicts: CandidateVerdict[] = [];
  for (const candidate of candidates) {
    const verdict = await vetCandidate(candidate, {
      existingIds,
      checker,
      loadAstEngine,
      ...(options.requireDetector ? { requireDetector: true } : {}),
    });
    verdicts.push(verdict);
    if (verdict.accepted) existingIds.add(candidate.id);
  }
  const written = new Set<string>();
  if (options.dryRun) return { verdicts, written: [] };
  const dir = isAbsolute(options.config.failures.dir)
    ? options.config.failures.dir
    : join(options.root, options.config.failures.dir);
  const byDomain = new Map<string, CandidateEntry[]>();
  for (const verdict of verdicts) {
    if (!verdict.accepted) continue;
    const list = byDomain.get(verdict.candidate.domain) ?? [];
    list.push(verdict.candidate);
    byDomain.set(verdict.candidate.domain, list);
  }
  for (const [domain, entries] of byDomain) {
    const path = join(dir, `${domain}.yaml`);
    let existing: string | undefined;
    try {
      existing = await readFile(path, "utf8");
    } catch {
      existing = undefined;
    }
    await mkdir(dir, { recursive: true });
    await writeFile(
      path,
      appendEntries(
        existing,
        domain,
        entries.map(({ domain: _domain, ...model }) => model),
        path,
      ),
    );
    written.add(relative(options.cwd, path) || path);
  }
  return { verdicts, written: [...written] };
}
