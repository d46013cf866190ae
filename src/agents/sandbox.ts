import { existsSync, realpathSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
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
  /** The whole environment the command gets (see `sandboxEnvironment`); HOME is created on the fresh /tmp. */
  environment: Readonly<Record<string, string>>;
  cwd: string;
  argv: readonly string[];
}

/** The fd bubblewrap reads the seccomp program from (see `unixSocketFilter`). */
export const SECCOMP_FD = 3;
/** The fd bubblewrap reports `child-pid` and `exit-code` on, which tells a sandbox that never started from a command that failed. */
export const STATUS_FD = 4;

/** Files outside the repository hidden from every sandbox: as root their owner bits would let the command read them. */
export const HIDDEN_SYSTEM_FILES = ["/etc/shadow", "/etc/gshadow", "/etc/shadow-", "/etc/gshadow-"];

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
 * bubblewrap arguments for running `argv` as the agent: a new user namespace
 * with every capability dropped and no further namespaces (whoever starts
 * it, root included), the whole system read-only, only the agent's write
 * roots writable, protected paths re-bound read-only on top (an absent one
 * under a writable root gets a read-only placeholder, so it cannot be
 * created), fresh /tmp, /dev and /proc, only the given environment, and no
 * network unless the manifest allows hosts; then, without network, the
 * seccomp program on fd 3 refuses unix sockets. Pure, so the policy is
 * testable without bwrap.
 */
export function bubblewrapArgs(plan: SandboxPlan): string[] {
  const args = ["--die-with-parent", "--new-session", "--unshare-all", "--unshare-user"];
  args.push("--cap-drop", "ALL", "--disable-userns");
  if (plan.network) args.push("--share-net");
  else args.push("--seccomp", String(SECCOMP_FD));
  args.push("--json-status-fd", String(STATUS_FD));
  args.push("--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp");
  const home = plan.environment.HOME;
  if (home !== undefined) args.push("--dir", home);
  // Re-bind the repo after the fresh /tmp, which would otherwise hide a repo
  // living under /tmp and silently absorb writes into a throwaway tmpfs.
  args.push("--ro-bind", plan.repoRoot, plan.repoRoot);
  const roots = writableRoots(plan.repoRoot, plan.writeGlobs);
  for (const root of roots) args.push("--bind", root, root);
  for (const placeholder of protectedPlaceholders(plan, roots)) {
    const path = join(plan.repoRoot, placeholder.path);
    if (placeholder.kind === "bind") args.push("--ro-bind", path, path);
    else if (placeholder.kind === "file") args.push("--ro-bind", "/dev/null", path);
    else args.push("--tmpfs", path, "--remount-ro", path);
  }
  // Last, so nothing bound above can uncover them again.
  for (const path of plan.hiddenPaths) {
    if (!existsSync(path)) continue;
    if (statSync(path).isDirectory()) args.push("--tmpfs", path, "--remount-ro", path);
    else args.push("--ro-bind", "/dev/null", path);
  }
  args.push("--clearenv");
  for (const [name, value] of Object.entries(plan.environment)) args.push("--setenv", name, value);
  args.push("--chdir", plan.cwd, "--", ...plan.argv);
  return args;
}

/** How a protected path is kept read-only: re-bound when it exists, a read-only placeholder where it could be created. */
export interface ProtectedPlaceholder {
  path: string;
  kind: "bind" | "file" | "folder";
}

/**
 * Each protected path's read-only mount: the path itself when it exists;
 * when it does not and a writable root would let the command create it, an
 * empty read-only folder (or /dev/null for a file name such as `.mcp.json`
 * or `jig.config.yaml`). Absent paths no writable root covers need nothing:
 * their parent is read-only already.
 */
export function protectedPlaceholders(
  plan: Pick<SandboxPlan, "repoRoot" | "protectedPaths">,
  writable: readonly string[],
): ProtectedPlaceholder[] {
  const out: ProtectedPlaceholder[] = [];
  // A path under another protected path is covered by that one's mount.
  const covered = (path: string) =>
    plan.protectedPaths.some((other) => other !== path && path.startsWith(`${other}/`));
  for (const relativePath of plan.protectedPaths) {
    if (covered(relativePath)) continue;
    const path = join(plan.repoRoot, relativePath);
    if (existsSync(path)) {
      out.push({ path: relativePath, kind: "bind" });
      continue;
    }
    if (!writable.some((root) => path.startsWith(`${root}/`))) continue;
    // bwrap creates the mount point (and missing parents) in the overlay,
    // which the end-of-run check drops as placeholders.
    const looksLikeFile = /^.+\.[A-Za-z0-9]+$/.test(basename(relativePath));
    out.push({ path: relativePath, kind: looksLikeFile ? "file" : "folder" });
  }
  return out;
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
