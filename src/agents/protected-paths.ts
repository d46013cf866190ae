import { type Dirent, existsSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import picomatch from "picomatch";
import { compileGlobs } from "../core/index.js";
// Deep import on purpose: governance/index.ts also loads commit attribution,
// which the hook's per-call path does not need.
import {
  createGovernanceMatcher,
  createHoldoutMatcher,
  type GovernanceConfig,
  governanceInputs,
  repoRelativeDir,
} from "../governance/governance-inputs.js";
import { type PathBase, tryRealpath } from "./canonicalize-path.js";

/** Where the protected files live: the governance settings of the policy snapshot. */
export interface ProtectionSettings {
  agentsDir: string;
  specsDir: string;
  evalsDir: string;
  failuresDir: string;
  governancePaths: readonly string[];
  storePath: string;
}

/** A canonical path: repo-relative when inside the repository, absolute otherwise. */
export interface ResolvedPath {
  inside: boolean;
  path: string;
}

/** Why no agent may write a path, for the deny reason. */
export interface WriteProtection {
  /** The glob that protects it, e.g. `agents/**`. */
  glob: string;
  /** "a governance input (agent manifests and Cedar policies)". */
  what: string;
}

/**
 * The paths the built-in protection guards, with the questions the guard
 * asks of a path: may an agent write it, is it a holdout suite, does a
 * folder hold either. Built once per policy snapshot.
 */
export interface ProtectedPaths {
  /** The configured evals folder, for messages. */
  evalsDir: string;
  /** Every repo-relative glob no agent may write: governance inputs, then jig's, git's and Claude Code's state. */
  globs: readonly string[];
  writeProtection(path: ResolvedPath, base: PathBase): WriteProtection | undefined;
  isHoldout(path: ResolvedPath, base: PathBase): boolean;
  /** A folder holding a protected path (the repo root, `docs` for docs/CODEOWNERS...): the glob it holds. */
  holdsProtected(path: ResolvedPath, base: PathBase): string | undefined;
  /** Whether the folder holds the holdout suites, and they exist. */
  holdsHoldout(path: ResolvedPath, base: PathBase): boolean;
  /** The absolute holdout folder (inside or outside the repository). */
  holdoutDir(repoRoot: string): string | undefined;
  /**
   * Every file under the holdout folder, relative to `from` (a folder
   * holding it), or undefined when there are too many to list.
   */
  holdoutFiles(from: ResolvedPath, base: PathBase): string[] | undefined;
}

/**
 * A `.git` entry at any depth: a planted `src/pkg/.git` makes git (and a
 * root finder) take `src/pkg` for a repository, with the planted config's
 * hooks and fsmonitor. Kept out of `globs`: every folder could hold one, and
 * `globs` also names the folders a command may not write as a whole.
 */
const NESTED_GIT: WriteProtection = {
  glob: "**/.git/**",
  what: "a git repository's own data (a .git entry at any depth would start a repository of its own)",
};
const isNestedGit = picomatch(NESTED_GIT.glob, { dot: true, nocase: true });

/** jig's and git's own state: no governance input, but no agent may write it either. */
function stateInputs(storePath: string): WriteProtection[] {
  const inputs: WriteProtection[] = [
    {
      glob: ".jig/**",
      what: "part of jig's own state (the run store, approvals, the audit log and the policy cache)",
    },
    { glob: ".git/**", what: "part of git's own data (hooks, config and history)" },
    // settings.local.json and the rest can add hooks or set disableAllHooks,
    // which would switch the guard off.
    {
      glob: ".claude/**",
      what: "part of Claude Code's project settings, which install (and could disable) the guard",
    },
    // Project MCP servers start with the agent's next session, outside the gateway.
    {
      glob: ".mcp.json",
      what: "Claude Code's project MCP server list, which starts servers outside the guard",
    },
  ];
  const store = repoRelativeDir(storePath);
  if (store && !store.toLowerCase().startsWith(".jig/")) {
    inputs.push({ glob: `${store}*`, what: "jig's run store (store.path)" });
  }
  return inputs;
}

const MAX_HOLDOUT_FILES = 2000;

/**
 * The protected paths of one configuration.
 *
 * @example
 * const paths = createProtectedPaths(settings);
 * paths.writeProtection({ inside: true, path: "agents/coder.yaml" }, root)?.glob // "agents/**"
 */
export function createProtectedPaths(settings: ProtectionSettings): ProtectedPaths {
  const config: GovernanceConfig = {
    agents: { dir: settings.agentsDir },
    failures: { dir: settings.failuresDir },
    evals: { dir: settings.evalsDir },
    specs: { dir: settings.specsDir },
    governance: { paths: settings.governancePaths },
  };
  const governance = createGovernanceMatcher(config);
  const holdout = createHoldoutMatcher(config);
  const state = stateInputs(settings.storePath).map((input) => ({
    input,
    test: compileGlobs(input.glob, { dot: true, nocase: true }, "jig.config.yaml store.path"),
  }));
  // For "which folders hold a protected path": each glob's literal folder,
  // and whether anything below it could match (a glob past the folder).
  const roots = [...governanceInputs(config), ...state.map((entry) => entry.input)].map((input) => {
    const scan = picomatch.scan(input.glob);
    return {
      glob: input.glob,
      base: (scan.isGlob ? scan.base : input.glob).toLowerCase(),
      deep: scan.isGlob && scan.glob !== "**",
    };
  });
  const holdoutPrefix = repoRelativeDir(settings.evalsDir);
  const outsideEvals = new Map<string, string | undefined>();
  /** The real evals folder when the config puts it outside the repository. */
  const outsideDir = (repoRoot: string): string | undefined => {
    if (holdoutPrefix !== undefined) return undefined;
    if (!outsideEvals.has(repoRoot)) {
      outsideEvals.set(repoRoot, tryRealpath(join(repoRoot, settings.evalsDir)));
    }
    return outsideEvals.get(repoRoot);
  };
  const within = (path: string, dir: string): boolean =>
    path === dir || path.startsWith(dir === "/" ? "/" : `${dir}/`);
  const holdoutDir = (repoRoot: string): string | undefined =>
    holdoutPrefix === undefined ? outsideDir(repoRoot) : join(repoRoot, holdoutPrefix);

  return {
    evalsDir: settings.evalsDir,
    globs: roots.map((root) => root.glob),
    holdoutDir,
    writeProtection(path, base) {
      if (!path.inside) {
        const dir = outsideDir(base.repoRoot);
        if (dir !== undefined && within(path.path, dir)) {
          return { glob: settings.evalsDir, what: "in the holdout eval suites (evals.dir)" };
        }
        // The user's own Claude Code settings can switch hooks off as well.
        return within(path.path, join(base.home, ".claude"))
          ? {
              glob: "~/.claude/**",
              what: "part of Claude Code's user settings, which could disable the guard",
            }
          : undefined;
      }
      const input = governance(path.path);
      if (input) return { glob: input.glob, what: `a governance input (${input.label})` };
      const own = state.find((entry) => entry.test(path.path))?.input;
      if (own) return own;
      return isNestedGit(path.path) ? NESTED_GIT : undefined;
    },
    isHoldout(path, base) {
      if (path.inside) return holdout(path.path);
      const dir = outsideDir(base.repoRoot);
      return dir !== undefined && within(path.path, dir);
    },
    holdsProtected(path, base) {
      if (!path.inside) {
        if (within(base.repoRoot, path.path)) return "jig.config.yaml";
        return within(join(base.home, ".claude"), path.path)
          ? "~/.claude/settings.json"
          : undefined;
      }
      if (path.path === ".") return roots[0]?.glob;
      const lower = path.path.toLowerCase();
      return roots.find(
        (root) =>
          root.base.startsWith(`${lower}/`) ||
          (root.deep && (root.base === "" || within(lower, root.base))),
      )?.glob;
    },
    holdsHoldout(path, base) {
      const dir = holdoutDir(base.repoRoot);
      if (dir === undefined || !existsSync(dir)) return false;
      if (!path.inside) return within(base.repoRoot, path.path) || within(dir, path.path);
      if (holdoutPrefix === undefined) return false;
      const lower = holdoutPrefix.toLowerCase();
      return path.path === "." || lower.startsWith(`${path.path.toLowerCase()}/`);
    },
    holdoutFiles(from, base) {
      const dir = holdoutDir(base.repoRoot);
      if (dir === undefined) return [];
      const start = from.inside ? join(base.repoRoot, from.path) : from.path;
      const files: string[] = [];
      const pending = [dir];
      let seen = 0;
      while (pending.length > 0) {
        const current = pending.pop() as string;
        let entries: Dirent[];
        try {
          entries = readdirSync(current, { withFileTypes: true });
        } catch {
          continue;
        }
        seen += entries.length;
        if (seen > MAX_HOLDOUT_FILES) return undefined;
        for (const entry of entries) {
          const path = join(current, entry.name);
          if (entry.isDirectory()) pending.push(path);
          else files.push(relative(start, path).split("\\").join("/"));
        }
      }
      return files;
    },
  };
}
