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
  if (raw === "~" || raw.startsWith("~/")) raw = base.home + raw.slice(1);
  else if (raw.startsWith("~")) {
    return { ok: false, code: "path/tilde-user", reason: "'~user' paths are not allowed" };
  }
  // The kernel opens the bytes it is given, so the links are walked on the
  // raw name: normalising first hid an NFD-named link (`src/cafe\u0301`)
  // from the walk. The result is compared, and reported, in NFC.
  const lexical = options.lexical !== false;
  let primary: Reading;
  if (options.lexical === undefined && raw.includes("..")) {
    // Claude Code's file tools resolve '..' by name; a program given the same
    // string lets the kernel resolve it after the symlink before it. When the
    // two differ the path means two things, and the guard can judge only one.
    // A walk that met no link reads the same both ways, so it is the only one.
    primary = resolveReading(raw, base, false);
    if (primary.ok && primary.links > 0) {
      const named = resolveReading(raw, base, true);
      if (!named.ok || named.real !== primary.real) {
        return {
          ok: false,
          code: "path/dotdot-after-link",
          reason: `${raw} climbs out of a symbolic link with '..', so it names two places; name the target directly`,
        };
      }
    }
  } else {
    primary = resolveReading(raw, base, lexical);
  }
  if (!primary.ok) return unresolvable(raw, primary.error);
  // Extra readings only where they can differ, to keep the common path fast.
  if (NON_ASCII.test(raw)) {
    const composed = resolveReading(raw.normalize("NFC"), base, lexical);
    if (!composed.ok || toNFC(composed.real) !== toNFC(primary.real)) {
      return {
        ok: false,
        code: "path/unicode-ambiguous",
        reason: `${raw} leads to a different place than its NFC spelling; rename the link or name the target directly`,
      };
    }
  }
  return classify(toNFC(primary.real), toNFC(base.repoRoot));
}

/** NFC, skipping ICU for the ASCII paths nearly every call has (it costs on the hot path). */
function toNFC(path: string): string {
  return NON_ASCII.test(path) ? path.normalize("NFC") : path;
}

/** Any byte outside ASCII: the only paths whose NFC form can differ from the raw one. */
const NON_ASCII = /[^\u0000-\u007f]/;

/** One reading: where it lands, and how many links the walk followed. */
type Reading = { ok: true; real: string; links: number } | { ok: false; error: Error };

/**
 * One reading of `path`: `..` resolved by name first (`lexical`, as Node's
 * path.resolve does), or left for the walk to apply after the link before
 * it (as the kernel does for a path handed to a program).
 */
function resolveReading(path: string, base: PathBase, lexical: boolean): Reading {
  const slashed = sep === "/" ? path : path.split(sep).join("/");
  const joined = isAbsolute(slashed) ? slashed : `${base.cwd}/${slashed}`;
  try {
    return { ok: true, ...resolveLinks(lexical ? resolve(joined) : joined, base.repoRoot) };
  } catch (error) {
    return { ok: false, error: error as Error };
  }
}

function unresolvable(raw: string, error: Error): CanonicalPath {
  return {
    ok: false,
    code: "path/unresolvable",
    reason: `cannot resolve ${raw}: ${error.message}`,
  };
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
function resolveLinks(absolute: string, realPrefix: string): { real: string; links: number } {
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
    const target = linkTarget(candidate);
    const targetParts = target.split("/").filter((piece) => piece.length > 0);
    if (target.startsWith("/")) resolved = "/";
    pending = [...targetParts, ...pending];
  }
  return { real: resolved, links: hops };
}

/**
 * A link's target as a string. A target that is not valid UTF-8 cannot be
 * walked faithfully (Node would substitute U+FFFD), so it is refused.
 */
function linkTarget(link: string): string {
  const bytes = readlinkSync(link, { encoding: "buffer" });
  const text = bytes.toString("utf8");
  if (!Buffer.from(text, "utf8").equals(bytes)) {
    throw new Error(`the symbolic link ${link} has a target that is not valid UTF-8`);
  }
  return text;
}

/** realpath that tolerates a missing path; used for roots given by users. */
export function tryRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}
