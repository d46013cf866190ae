import {
  type Dirent,
  lstatSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  type Stats,
} from "node:fs";
import { join } from "node:path";
import type { OverlayChange } from "./overlay-change.js";

/**
 * Parse the listing the sandbox writes after the command ends: for each
 * folder of the upper layer, `D <folder>\0` then the names the merged view
 * holds there, NUL-separated. Overlayfs records deletions as whiteouts and
 * replaced folders as "opaque" (an xattr Node cannot read), so comparing the
 * merged view with the real tree is the one reading that covers both.
 */
export function parseMergedListing(text: string): Map<string, Set<string>> {
  const listing = new Map<string, Set<string>>();
  let current: Set<string> | undefined;
  for (const entry of text.split("\0")) {
    if (entry === "") continue;
    if (entry.startsWith("D ")) {
      current = new Set();
      listing.set(normalize(entry.slice(2)), current);
    } else current?.add(entry);
  }
  return listing;
}

const normalize = (dir: string): string => (dir === "." ? "" : dir.replace(/^\.\//, ""));
const child = (dir: string, name: string): string => (dir === "" ? name : `${dir}/${name}`);

function tryLstat(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Every change in the overlay's upper layer against the real tree (the
 * lower layer): files written, symlinks made, and files and folders deleted
 * or replaced by another type. Unchanged copies (a file opened for writing
 * and left alone) are skipped.
 */
export function collectOverlayChanges(
  upperDir: string,
  repoRoot: string,
  merged: ReadonlyMap<string, ReadonlySet<string>>,
): OverlayChange[] {
  const changes: OverlayChange[] = [];
  const deleteTree = (path: string) => {
    const stats = tryLstat(join(repoRoot, path));
    if (!stats) return;
    if (!stats.isDirectory()) {
      changes.push({ kind: "delete", path });
      return;
    }
    let entries: string[] = [];
    try {
      entries = readdirSync(join(repoRoot, path));
    } catch {
      // unreadable: nothing we could delete either
    }
    for (const name of entries) deleteTree(child(path, name));
    changes.push({ kind: "rmdir", path });
  };
  const walk = (dir: string) => {
    const names = merged.get(dir);
    const lower = tryLstat(join(repoRoot, dir));
    if (names && lower?.isDirectory()) {
      let lowerNames: string[] = [];
      try {
        lowerNames = readdirSync(join(repoRoot, dir));
      } catch {
        // unreadable lower folder: no deletions to report
      }
      for (const name of lowerNames) if (!names.has(name)) deleteTree(child(dir, name));
    }
    let entries: Dirent[];
    try {
      entries = readdirSync(join(upperDir, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = child(dir, entry.name);
      const upperPath = join(upperDir, path);
      const before = tryLstat(join(repoRoot, path));
      if (entry.isCharacterDevice() && lstatSync(upperPath).rdev === 0) continue; // a whiteout
      if (entry.isDirectory()) {
        if (before && !before.isDirectory()) changes.push({ kind: "delete", path });
        walk(path);
      } else {
        if (before?.isDirectory()) deleteTree(path);
        if (entry.isFile()) {
          if (before?.isFile() && sameContent(upperPath, join(repoRoot, path), before)) continue;
          changes.push({
            kind: "write",
            path,
            source: upperPath,
            mode: lstatSync(upperPath).mode & 0o777,
          });
        } else if (entry.isSymbolicLink()) {
          const target = readlinkSync(upperPath);
          if (before?.isSymbolicLink() && readlinkSync(join(repoRoot, path)) === target) continue;
          changes.push({ kind: "symlink", path, target });
        } else changes.push({ kind: "special", path });
      }
    }
  };
  walk("");
  return changes;
}

function sameContent(upperPath: string, lowerPath: string, lower: Stats): boolean {
  if (lstatSync(upperPath).size !== lower.size) return false;
  try {
    return readFileSync(upperPath).equals(readFileSync(lowerPath));
  } catch {
    return false;
  }
}
