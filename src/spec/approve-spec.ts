import { ExitCode, JigError, UsageError, ValidationError } from "../core/errors.js";
import type { Problem } from "../core/problem.js";
import { writeFileAtomic } from "../core/write-file-atomic.js";
import { hasErrors, lintSpec } from "./lint-spec.js";
import { type KnownFailureModels, knownFailureModelsFor, sortProblems } from "./lint-spec-files.js";
import { setSpecApproval } from "./set-spec-approval.js";
import type { SpecApprovalRecord, SpecStatus } from "./spec.js";
import { specContentHash } from "./spec-content-hash.js";
import type { SpecFile } from "./spec-files.js";

/** What `jig spec approve` did. Problems are sorted; warnings may come with an approval. */
export type SpecApproval =
  | { outcome: "already"; id: string; status: SpecStatus; approval: SpecApprovalRecord }
  | { outcome: "refused"; id: string; problems: Problem[] }
  | { outcome: "approved"; id: string; problems: Problem[]; approval: SpecApprovalRecord };

/** Options of {@link approveSpec}. */
export interface ApproveSpecOptions {
  /** Who approves, `Name <email>`: the git identity of the person running the command. */
  approver: string;
  now: () => Date;
  knownFailureModels?: KnownFailureModels;
}

/**
 * Approve a spec: lint it as if approved, so open clarification markers and
 * every other error block the approval, then set `status: approved` and
 * record who approved it, when, and the hash of its content (see
 * specContentHash), atomically, so an interrupted approve never leaves half
 * a spec. An approved spec whose record is missing or no longer matches its
 * content is approved again; an implemented one keeps its status.
 *
 * @throws ValidationError when the file does not parse; UsageError for a superseded spec.
 * @example
 * await approveSpec(file, { approver: "Dana Demo <dana@example.com>", now: () => new Date() });
 */
export async function approveSpec(
  file: SpecFile,
  options: ApproveSpecOptions,
): Promise<SpecApproval> {
  if (!file.spec || file.text === undefined) throw new ValidationError(file.problems);
  const { spec, text } = file;
  if (spec.status === "superseded") {
    throw new UsageError(`${spec.id} is superseded; write a new spec instead of approving it`);
  }
  const contentHash = spec.contentHash ?? specContentHash(text);
  if (
    (spec.status === "approved" || spec.status === "implemented") &&
    spec.approval?.hash === contentHash
  ) {
    return { outcome: "already", id: spec.id, status: spec.status, approval: spec.approval };
  }
  const status = spec.status === "implemented" ? "implemented" : "approved";
  const approved = setSpecApproval(text, {
    by: options.approver,
    at: options.now().toISOString(),
    status,
  });
  const known = await knownFailureModelsFor([spec], options.knownFailureModels);
  // Lint what is about to be written, approval record included.
  const problems = sortProblems(
    lintSpec(
      { ...spec, status, approval: approved.approval, contentHash: approved.approval.hash },
      known ? { knownFailureModels: known } : {},
    ),
  );
  if (hasErrors(problems)) return { outcome: "refused", id: spec.id, problems };
  try {
    await writeFileAtomic(file.absPath, approved.text);
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
  return { outcome: "approved", id: spec.id, problems, approval: approved.approval };
}
