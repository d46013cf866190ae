import type { Change, ChangedFile } from "../core/change.js";
import { GitError, UsageError } from "../core/errors.js";
import type { LayerPreparation } from "../gate/layer.js";
import { findRepoRoot, parseUnifiedDiff, type ResolvedRange, readChange } from "../git/index.js";

/**
 * The root a check works from. Outside a git repository (a unified diff in a
 * CI job on an exported patch) the current directory stands in for it.
 */
export async function findCheckRoot(cwd: string, repositoryOptional: boolean): Promise<string> {
  try {
    return await findRepoRoot(cwd);
  } catch (error) {
    if (!repositoryOptional || !(error instanceof GitError)) throw error;
    return cwd;
  }
}

/**
 * Read the change in `range` from git, offering each batch of parsed files
 * to every layer that prepared for them while git is still writing the diff
 * (ADR 0004). Batches wait for `preparations`, so the layers may still be
 * loading when git starts. A batch a layer rejects ends the check.
 */
export function streamChange(input: {
  range: ResolvedRange;
  root: string;
  keepHunks: boolean;
  /** The layers' head starts; called per batch, so they may start loading once git runs. */
  preparations: () => Promise<readonly LayerPreparation[]>;
}): Promise<Change> {
  const onFiles = async (files: ChangedFile[]) => {
    for (const preparation of await input.preparations()) await preparation.onFiles?.(files);
  };
  return readChange(input.range, input.root, { onFiles, keepHunks: input.keepHunks });
}

/** The change a unified diff describes. Pure. @throws UsageError when the text is not a diff. */
export function changeFromDiff(text: string, label: string): Change {
  const files = parseUnifiedDiff(text);
  if (files.length === 0 && text.trim() !== "") {
    throw new UsageError(`${label} is not a unified diff (no file headers found)`);
  }
  return {
    base: "diff",
    head: "diff",
    baseRef: "diff",
    headRef: "diff",
    workingTree: false,
    files,
    commits: [],
  };
}
