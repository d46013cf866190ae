/**
 * A change under review: the files, hunks and commits between two points.
 * Produced by `git/`, consumed by every layer. Pure data, no git handles.
 */
export interface Change {
  /** Commit the change starts from (full sha). */
  base: string;
  /** Commit the change ends at (full sha). With `workingTree`, uncommitted edits on top of it. */
  head: string;
  /** What the user asked for, e.g. `origin/main` or `HEAD~3`. */
  baseRef: string;
  headRef: string;
  /** True when uncommitted (staged and unstaged) changes are included. */
  workingTree: boolean;
  files: ChangedFile[];
  commits: Commit[];
}

export type FileStatus = "added" | "modified" | "deleted" | "renamed";

export interface ChangedFile {
  /** Repo-relative POSIX path after the change (before it, for deletions). */
  path: string;
  /** Path before the change, when renamed. */
  oldPath?: string;
  status: FileStatus;
  binary: boolean;
  additions: number;
  deletions: number;
  hunks: Hunk[];
}

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** The `@@ ... @@ heading` text after the range, often the enclosing function. */
  header: string;
  lines: DiffLine[];
}

export type DiffLine =
  | { kind: "add"; newLine: number; text: string }
  | { kind: "del"; oldLine: number; text: string }
  | { kind: "context"; oldLine: number; newLine: number; text: string };

export interface Commit {
  sha: string;
  subject: string;
  body: string;
  /** `Name <email>`. */
  author: string;
  /** `Name <email>`; absent where the source knows only the author (a unified diff). */
  committer?: string;
  /** Git trailers (`Spec: SPEC-0007`, `Agent: coder`), keys as written, in order. */
  trailers: Array<{ key: string; value: string }>;
}

/** Total added and deleted lines of a change. */
export function changeStats(change: Change): {
  files: number;
  additions: number;
  deletions: number;
} {
  let additions = 0;
  let deletions = 0;
  for (const file of change.files) {
    additions += file.additions;
    deletions += file.deletions;
  }
  return { files: change.files.length, additions, deletions };
}
