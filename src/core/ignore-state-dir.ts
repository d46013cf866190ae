import { existsSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";

/**
 * Make jig's state folder (`.jig/`) ignore itself: a `.gitignore` of `*`
 * inside it, whatever the project's own `.gitignore` says. Without it, a
 * repository that never ran `jig init` would see `.jig/jig.db` and its cache
 * as changed files on the next check. Folders not named `.jig` (a custom
 * `store.path`) are left alone. A failure only costs the ignore.
 */
export function ignoreStateDir(dir: string): void {
  if (basename(dir) !== ".jig") return;
  const path = join(dir, ".gitignore");
  if (existsSync(path)) return;
  try {
    writeFileSync(path, "# jig's own state: never part of a change\n*\n", { flag: "wx" });
  } catch {
    // A read-only checkout, or another process wrote it first.
  }
}
