import { UsageError } from "../core/index.js";
import type { EvalRunRecord, EvalStore } from "./eval-store.js";

/** A stored run by full id or unique prefix; an unknown or ambiguous id is a usage error. */
export function findEvalRun(store: EvalStore, id: string): EvalRunRecord {
  const exact = store.getRun(id);
  if (exact) return exact;
  const matches = store.findRuns(id);
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length === 0) {
    throw new UsageError(`no eval run '${id}'; see 'jig eval list' for stored runs`, {
      code: "eval/unknown-run",
    });
  }
  throw new UsageError(
    `eval run id '${id}' is ambiguous (${matches.length} runs: ${matches
      .slice(0, 3)
      .map((run) => run.id)
      .join(", ")}…); give more characters`,
    { code: "eval/ambiguous-run" },
  );
}
