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

/** How far back `--resume latest` looks for an unfinished run. */
const RESUME_LOOKBACK = 200;

/**
 * The run `--resume` names: `latest` is the newest run that never finished
 * (killed or interrupted), as `jig runs show latest` names the newest check;
 * anything else is an id or prefix.
 */
export function findResumableRun(store: EvalStore, reference: string): EvalRunRecord {
  if (reference !== "latest") return findEvalRun(store, reference);
  const unfinished = store.listRuns(RESUME_LOOKBACK).find((run) => run.status !== "finished");
  if (!unfinished) {
    throw new UsageError(
      "--resume latest: no unfinished eval run to resume; 'jig eval list' shows the stored runs",
      { code: "eval/nothing-to-resume" },
    );
  }
  return unfinished;
}
