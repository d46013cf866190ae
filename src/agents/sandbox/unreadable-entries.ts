import { readdirSync } from "node:fs";
import picomatch from "picomatch";

/**
 * The repository's top-level entries no read (or write) glob can reach,
 * which the sandbox hides: `.jig` (the run store, the audit log, the guard's
 * socket) always, and e.g. `evals` for an agent reading only `src/**`.
 * A glob starting with a wildcard (`**\/*.ts`) reaches everything, so it
 * hides nothing but `.jig`: the sandbox hides folders, not single files.
 */
export function unreadableEntries(repoRoot: string, globs: readonly string[]): string[] {
  const bases = globs
    .filter((glob) => !glob.startsWith("/") && !glob.startsWith("~"))
    .map((glob) => {
      const clean = glob.replace(/^\.\//, "");
      const scan = picomatch.scan(clean);
      return scan.isGlob ? scan.base : clean;
    });
  if (bases.some((base) => base === "" || base === ".")) {
    return readdirSync(repoRoot).filter((name) => name === ".jig");
  }
  const reachable = new Set(bases.map((base) => base.split("/")[0]));
  return readdirSync(repoRoot)
    .filter((name) => name === ".jig" || !reachable.has(name))
    .sort();
}
