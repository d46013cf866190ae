import { ExitCode, JigError, UsageError, ValidationError } from "../core/errors.js";
import type { Problem } from "../core/problem.js";
import { writeFileAtomic } from "../core/write-file-atomic.js";
import { hasErrors, lintSpec } from "./lint-spec.js";
import { type KnownFailureModels, knownFailureModelsFor, sortProblems } from "./lint-spec-files.js";
import { setSpecStatus } from "./render-spec.js";
import type { SpecStatus } from "./spec.js";
import type { SpecFile } from "./spec-files.js";

/** What `jig spec approve` did. Problems are sorted; warnings may come with an approval. */
export type SpecApproval =
  | { outcome: "already"; id: string; status: SpecStatus }
  | { outcome: "refused"; id: string; problems: Problem[] }
  | { outcome: "approved"; id: string; problems: Problem[] };

/**
 * Approve a spec: lint it as if approved, so open clarification markers and
 * every other error block the approval, then set `status: approved` in its
 * file, atomically, so an interrupted approve never leaves half a spec.
 *
 * @throws ValidationError when the file does not parse; UsageError for a superseded spec.
 */
export async function approveSpec(
  file: SpecFile,
  options: { knownFailureModels?: KnownFailureModels } = {},
): Promise<SpecApproval> {
  if (!file.spec || file.text === undefined) throw new ValidationError(file.problems);
  const { spec } = file;
  if (spec.status === "superseded") {
    throw new UsageError(`${spec.id} is superseded; write a new spec instead of approving it`);
  }
  if (spec.status === "approved" || spec.status === "implemented") {
    return { outcome: "already", id: spec.id, status: spec.status };
  }
  const known = await knownFailureModelsFor([spec], options.knownFailureModels);
  const problems = sortProblems(
    lintSpec({ ...spec, status: "approved" }, known ? { knownFailureModels: known } : {}),
  );
  if (hasErrors(problems)) return { outcome: "refused", id: spec.id, problems };
  try {
    await writeFileAtomic(file.absPath, setSpecStatus(file.text, "approved"));
  } catch (error) {
    throw new JigError(
      "spec/unwritable",
      `cannot write ${file.path}: ${(error as Error).message}`,
      {
        cause: error,
        exitCode: ExitCode.usage,
      },
    );
  }
  return { outcome: "approved", id: spec.id, problems };
}
