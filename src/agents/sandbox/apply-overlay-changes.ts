import {
  chmodSync,
  copyFileSync,
  lstatSync,
  mkdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  symlinkSync,
  unlinkSync,
} from "node:fs";
import { dirname, join } from "node:path";
import type { OverlayChange } from "./overlay-change.js";

/**
 * Apply judged changes to the real tree: deletions first (deepest first),
 * then files and symlinks. Each write lands through a temporary name and a
 * rename, and only under real folders: a parent that is a symlink (or any
 * non-folder) in the real tree refuses the change, so a write can never be
 * steered out of the repository. Returns the changes that could not be applied.
 */
export function applyOverlayChanges(
  repoRoot: string,
  changes: readonly OverlayChange[],
): OverlayChange[] {
  const failed: OverlayChange[] = [];
  const removals = changes.filter((change) => change.kind === "delete" || change.kind === "rmdir");
  for (const change of removals) {
    const path = join(repoRoot, change.path);
    try {
      if (!parentsAreFolders(repoRoot, change.path)) throw new Error("parent is not a folder");
      if (change.kind === "delete") unlinkSync(path);
      else rmdirSync(path);
    } catch {
      // A folder that still holds kept (discarded-deletion) files stays.
      if (change.kind === "delete") failed.push(change);
    }
  }
  for (const change of changes) {
    if (change.kind !== "write" && change.kind !== "symlink") continue;
    const path = join(repoRoot, change.path);
    const temporary = `${path}.jig-${process.pid}.tmp`;
    try {
      ensureFolders(repoRoot, dirname(change.path));
      if (change.kind === "write") {
        copyFileSync(change.source, temporary);
        chmodSync(temporary, change.mode);
      } else symlinkSync(change.target, temporary);
      const existing = tryLstat(path);
      // Only an emptied folder gives way: whatever was kept inside it stays.
      if (existing?.isDirectory()) rmdirSync(path);
      renameSync(temporary, path);
    } catch {
      rmSync(temporary, { force: true });
      failed.push(change);
    }
  }
  return failed;
}

function tryLstat(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function parentsAreFolders(repoRoot: string, path: string): boolean {
  const parts = path.split("/").slice(0, -1);
  let current = repoRoot;
  for (const part of parts) {
    current = join(current, part);
    if (!tryLstat(current)?.isDirectory()) return false;
  }
  return true;
}

/** Create `dir` (repo-relative) folder by folder, refusing to pass through anything but a real folder. */
function ensureFolders(repoRoot: string, dir: string): void {
  if (dir === "." || dir === "") return;
  let current = repoRoot;
  for (const part of dir.split("/")) {
    current = join(current, part);
    const stats = tryLstat(current);
    if (!stats) mkdirSync(current);
    else if (!stats.isDirectory()) throw new Error(`${current} is not a folder`);
  }
}
