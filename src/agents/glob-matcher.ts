import { compileGlobs } from "../core/index.js";

/** Tests canonical paths (repo-relative, `.` for the root, or absolute) against manifest globs. */
export type PathMatcher = (path: string) => boolean;

/**
 * Build a matcher for repo-relative globs. Matching respects separator
 * boundaries (`src/**` never matches `src-evil/x`), `**` also covers the repo
 * root itself, and absolute paths (outside the repo) only match globs that
 * are themselves absolute or start with `~/`.
 */
export function createPathMatcher(
  globs: readonly string[],
  home: string,
  origin = "an agent manifest's globs",
): PathMatcher {
  const relative: string[] = [];
  const absolute: string[] = [];
  for (const glob of globs) {
    if (glob.startsWith("/")) absolute.push(glob);
    else if (glob.startsWith("~/")) absolute.push(home + glob.slice(1));
    else relative.push(glob.replace(/^\.\//, ""));
  }
  const matchRelative =
    relative.length > 0 ? compileGlobs(relative, { dot: true }, origin) : () => false;
  const matchAbsolute =
    absolute.length > 0 ? compileGlobs(absolute, { dot: true }, origin) : () => false;
  const coversRoot = relative.some((glob) => glob === "**" || glob === "**/*" || glob === ".");
  return (path) => {
    if (path === ".") return coversRoot;
    if (path.startsWith("/")) return matchAbsolute(path);
    return matchRelative(path);
  };
}

/**
 * Match hosts: `example.com` exactly, `*.example.com` any subdomain (not the
 * apex, and never `evil-example.com`), `*` any host.
 */
export function createHostMatcher(hosts: readonly string[]): (host: string) => boolean {
  const exact = new Set<string>();
  const suffixes: string[] = [];
  let any = false;
  for (const raw of hosts) {
    const host = raw.toLowerCase().replace(/\.$/, "");
    if (host === "*") any = true;
    else if (host.startsWith("*.")) suffixes.push(host.slice(1));
    else exact.add(host);
  }
  return (host) => any || exact.has(host) || suffixes.some((suffix) => host.endsWith(suffix));
}
