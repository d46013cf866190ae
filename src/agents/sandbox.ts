import { existsSync, realpathSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import picomatch from "picomatch";
import { expandShellGlob } from "./expand-shell-glob.js";

export interface SandboxPlan {
  repoRoot: string;
  /** The agent's files.write globs. */
  writeGlobs: readonly string[];
  /** Repo-relative paths kept read-only even inside a writable glob (.git, evals, .jig, agents, config). */
  protectedPaths: readonly string[];
  /** Absolute paths the command must not see at all (the holdout suites): an empty, read-only folder in their place. */
  hiddenPaths: readonly string[];
  /** Whether the manifest allows any host (bubblewrap cannot filter per host). */
  network: boolean;
  cwd: string;
  argv: readonly string[];
}

/**
 * The directory each write glob can write to, as bubblewrap binds
 * directories, not globs: the glob's longest literal directory prefix.
 * Globs whose directory does not exist yet are skipped (nothing to bind).
 * Exact file globs bind that file only.
 */
export function writableRoots(repoRoot: string, globs: readonly string[]): string[] {
  const roots = new Set<string>();
  for (const glob of globs) {
    if (glob.startsWith("/") || glob.startsWith("~")) continue;
    const parts = glob.replace(/^\.\//, "").split("/");
    const literal: string[] = [];
    for (const part of parts) {
      if (/[*?[\]{}!]/.test(part)) break;
      literal.push(part);
    }
    const path = join(repoRoot, ...literal);
    if (!existsSync(path)) continue;
    const real = realpathSync(path);
    // A symlinked folder pointing out of the repo must not become writable.
    if (real !== repoRoot && !real.startsWith(`${repoRoot}/`)) continue;
    if (literal.length < parts.length && !statSync(real).isDirectory()) continue;
    roots.add(real);
  }
  return [...roots].sort();
}

/**
 * bubblewrap arguments for running `argv` as the agent: the whole system
 * read-only, only the agent's write roots writable, protected paths re-bound
 * read-only on top, fresh /tmp, /dev and /proc, and no network unless the
 * manifest allows hosts. Pure, so the policy is testable without bwrap.
 */
export function bubblewrapArgs(plan: SandboxPlan): string[] {
  const args = ["--die-with-parent", "--new-session", "--unshare-all"];
  if (plan.network) args.push("--share-net");
  args.push("--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp");
  // Re-bind the repo after the fresh /tmp, which would otherwise hide a repo
  // living under /tmp and silently absorb writes into a throwaway tmpfs.
  args.push("--ro-bind", plan.repoRoot, plan.repoRoot);
  for (const root of writableRoots(plan.repoRoot, plan.writeGlobs)) args.push("--bind", root, root);
  for (const protectedPath of plan.protectedPaths) {
    const path = join(plan.repoRoot, protectedPath);
    if (existsSync(path)) args.push("--ro-bind", path, path);
  }
  // Last, so nothing bound above can uncover them again.
  for (const path of plan.hiddenPaths) {
    if (!existsSync(path)) continue;
    if (statSync(path).isDirectory()) args.push("--tmpfs", path, "--remount-ro", path);
    else args.push("--ro-bind", "/dev/null", path);
  }
  args.push("--chdir", plan.cwd, "--", ...plan.argv);
  return args;
}

/**
 * The repo-relative paths to keep read-only for protected globs, as
 * bubblewrap binds paths, not globs: each glob's literal folder or file
 * (`.github/workflows/*.yml` keeps all of `.github/workflows`), or for a
 * glob starting with a wildcard (`**\/CODEOWNERS`) the paths it matches now.
 * A file such a glob would match that does not exist yet is not covered:
 * bubblewrap cannot mount over a path that is not there.
 */
export function protectedRoots(repoRoot: string, globs: readonly string[]): string[] {
  const roots = new Set<string>();
  for (const glob of globs) {
    const scan = picomatch.scan(glob);
    if (!scan.isGlob) roots.add(glob);
    else if (scan.base !== "") roots.add(scan.base);
    else {
      const expansion = expandShellGlob(glob, { cwd: repoRoot, home: repoRoot });
      for (const path of expansion.paths) roots.add(relative(repoRoot, path));
    }
  }
  return [...roots].filter((root) => root !== "" && !root.startsWith("..")).sort();
}
