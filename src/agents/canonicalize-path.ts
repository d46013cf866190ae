import { lstatSync, readlinkSync, realpathSync } from "node:fs";
import { isAbsolute, posix, resolve, sep } from "node:path";

/** A path after canonicalisation: inside the repo (repo-relative POSIX) or outside it (absolute). */
export type CanonicalPath =
  | { ok: true; inside: true; path: string }
  | { ok: true; inside: false; path: string }
  | { ok: false; code: string; reason: string };

/** Where relative paths and `~` resolve from. */
export interface PathBase {
  /** Absolute repo root, already realpath'd (see `realRepoRoot`). */
  repoRoot: string;
  /** Directory relative paths start from; usually the repo root or the agent's cwd. */
  cwd: string;
  /** Home directory, for `~`. */
  home: string;
}

const MAX_SYMLINKS = 40;

/** The repo root with symlinks resolved, so comparisons see what the kernel sees. */
export function realRepoRoot(root: string): string {
  return realpathSync(root);
}

/**
 * Resolve `raw` the way the kernel will when the agent opens it: `~`, `..`,
 * absolute paths and every symlink, including dangling ones and links in
 * not-yet-existing paths (walked segment by segment with lstat). The result
 * is repo-relative when it lands inside the repo, absolute otherwise.
 *
 * @example
 * canonicalizePath("src/../infra/main.tf", base) // { ok: true, inside: true, path: "infra/main.tf" }
 */
export function canonicalizePath(
  raw: string,
  base: PathBase,
  options: { lexical?: boolean } = {},
): CanonicalPath {
  if (typeof raw !== "string" || raw.length === 0) {
    return { ok: false, code: "path/empty", reason: "the path is empty" };
  }
  if (raw.includes("\0"))
    return { ok: false, code: "path/nul", reason: "the path contains a NUL byte" };
  if (raw.length > 4096)
    return { ok: false, code: "path/too-long", reason: "the path is too long" };
  let expanded = raw.normalize("NFC");
  if (expanded === "~" || expanded.startsWith("~/")) expanded = base.home + expanded.slice(1);
  else if (expanded.startsWith("~")) {
    return { ok: false, code: "path/tilde-user", reason: "'~user' paths are not allowed" };
  }
  if (sep !== "/") expanded = expanded.split(sep).join("/");
  // Node's file APIs (and so Claude Code's file tools) resolve '..' by name
  // first; the kernel, for a shell command, resolves it after following the
  // symlink before it. `lexical: false` asks for the kernel's reading.
  const joined = isAbsolute(expanded) ? expanded : `${base.cwd}/${expanded}`;
  const absolute = options.lexical === false ? joined : resolve(joined);
  let real: string;
  try {
    real = resolveLinks(absolute, base.repoRoot);
  } catch (error) {
    return {
      ok: false,
      code: "path/unresolvable",
      reason: `cannot resolve ${raw}: ${(error as Error).message}`,
    };
  }
  return classify(real, base.repoRoot);
}

function classify(real: string, repoRoot: string): CanonicalPath {
  if (real === repoRoot) return { ok: true, inside: true, path: "." };
  const prefix = repoRoot.endsWith("/") ? repoRoot : `${repoRoot}/`;
  if (real.startsWith(prefix)) return { ok: true, inside: true, path: real.slice(prefix.length) };
  return { ok: true, inside: false, path: real };
}

/**
 * Follow every symlink along `absolute`, tolerating a missing tail. The walk
 * starts below `realPrefix` (a folder with no symlinks on its path, the repo
 * root) when `absolute` lies under it: most paths do, and each lstat costs.
 */
function resolveLinks(absolute: string, realPrefix: string): string {
  const underPrefix = absolute.startsWith(`${realPrefix}/`);
  let pending = (underPrefix ? absolute.slice(realPrefix.length) : absolute)
    .split("/")
    .filter((part) => part.length > 0);
  let resolved = underPrefix ? realPrefix : "/";
  let hops = 0;
  while (pending.length > 0) {
    const part = pending.shift() as string;
    if (part === ".") continue;
    if (part === "..") {
      resolved = posix.dirname(resolved);
      continue;
    }
    const candidate = resolved === "/" ? `/${part}` : `${resolved}/${part}`;
    let isLink = false;
    try {
      // No exception for a missing entry: building one costs more than the lstat.
      const stat = lstatSync(candidate, { throwIfNoEntry: false });
      if (stat === undefined) {
        // Missing: keep walking, since a later '..' may climb back into an
        // existing directory whose entries can still be symlinks.
        resolved = candidate;
        continue;
      }
      isLink = stat.isSymbolicLink();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOTDIR") throw error;
      resolved = candidate;
      continue;
    }
    if (!isLink) {
      resolved = candidate;
      continue;
    }
    hops++;
    if (hops > MAX_SYMLINKS) throw new Error("too many levels of symbolic links");
    const target = readlinkSync(candidate);
    const targetParts = target.split("/").filter((piece) => piece.length > 0);
    if (target.startsWith("/")) resolved = "/";
    pending = [...targetParts, ...pending];
  }
  return resolved;
}

/** realpath that tolerates a missing path; used for roots given by users. */
export function tryRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}
