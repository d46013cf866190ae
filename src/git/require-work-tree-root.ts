import { UsageError } from "../core/errors.js";
import { findWorkTreeRoot } from "./find-work-tree-root.js";

/**
 * The work tree holding `cwd` (see findWorkTreeRoot), where being outside a
 * repository is the user's error (exit 2).
 */
export function requireWorkTreeRoot(cwd: string): string {
  const root = findWorkTreeRoot(cwd);
  if (root === undefined) {
    throw new UsageError(`${cwd} is not inside a git repository; run jig from your project`);
  }
  return root;
}
