import type { PreparedCatalog } from "./prepare-catalog.js";
import { regexVerdictKey } from "./regex-safety.js";

/**
 * The ReDoS verdicts of every regex lint found nothing wrong with, as the
 * JSON of the shipped seed file (`jig failures lint --write-verdicts`), so
 * users' first lint need not re-check the shipped catalog.
 */
export function renderSafeVerdicts(prepared: PreparedCatalog): string {
  const flagged = new Set(
    prepared.problems.map((problem) => `${problem.path}:${problem.line}:${problem.column}`),
  );
  const verdicts: Record<string, "safe"> = {};
  for (const detector of prepared.detectors) {
    for (const key of ["added", "removed", "absent", "unlessAdded"] as const) {
      const pattern = detector[key];
      const at = detector.entry.locations[key];
      if (!pattern || !at || flagged.has(`${detector.entry.file}:${at.line}:${at.column}`))
        continue;
      verdicts[regexVerdictKey(pattern.source, pattern.flags)] = "safe";
    }
  }
  const sorted = Object.fromEntries(
    Object.entries(verdicts).sort(([left], [right]) => (left < right ? -1 : 1)),
  );
  return `${JSON.stringify(sorted, null, 2)}\n`;
}
