/**
 * The git adapter: turns a range of a repository into a `Change`. Every git
 * call goes through `runGit`; the diff and log parsers are pure.
 */
export { currentBranch, detectDefaultBranch } from "./detect-default-branch.js";
export { findRepoRoot } from "./find-repo-root.js";
export { findWorkTreeRoot } from "./find-work-tree-root.js";
export { listCommitFiles } from "./list-commit-files.js";
export {
  type GitObject,
  type ObjectReader,
  openObjectReader,
  parseTree,
  type TreeEntry,
} from "./open-object-reader.js";
export { GIT_LOG_FORMAT, parseGitLog, parseTrailerLines } from "./parse-git-log.js";
export { parseUnifiedDiff } from "./parse-unified-diff.js";
export {
  addedFileFromText,
  type ReadChangeOptions,
  readChange,
  UNTRACKED_MAX_BYTES,
} from "./read-change.js";
export { readGitIdentity } from "./read-git-identity.js";
export { readHeadBranch } from "./read-head-branch.js";
export { requireWorkTreeRoot } from "./require-work-tree-root.js";
export {
  EMPTY_TREE_SHA,
  type ResolvedRange,
  type ResolveRangeOptions,
  resolveRange,
  verifyCommit,
} from "./resolve-range.js";
export {
  type GitResult,
  NOT_A_REPOSITORY_MESSAGE,
  type RunGitOptions,
  runGit,
  runGitResult,
  tryGit,
} from "./run-git.js";
