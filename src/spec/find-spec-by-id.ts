import { UsageError } from "../core/errors.js";
import { normalizeSpecId } from "./render-spec.js";
import { findSpecPath, readSpecFile, type SpecFile } from "./spec-files.js";

/** A spec id as typed (`SPEC-0007`, `spec-7`, `7`), normalized; anything else is a usage error. */
export function requireSpecId(input: string): string {
  const id = normalizeSpecId(input);
  if (!id) throw new UsageError(`"${input}" is not a spec id; write it like SPEC-0007`);
  return id;
}

/** Read the spec `input` names from the specs folder; an unknown id is a usage error. */
export async function findSpecById(
  repoRoot: string,
  specsDir: string,
  input: string,
): Promise<SpecFile> {
  const id = requireSpecId(input);
  const absPath = await findSpecPath(repoRoot, specsDir, id);
  if (!absPath) {
    throw new UsageError(`no spec ${id} in ${specsDir}/; run 'jig spec list' to see the ids`);
  }
  return readSpecFile(absPath, repoRoot);
}
