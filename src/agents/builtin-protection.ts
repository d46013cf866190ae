import { existsSync, readFileSync, statSync } from "node:fs";
import { join, posix, resolve } from "node:path";
import picomatch from "picomatch";
import { type CanonicalCall, type CedarValue, KNOWN_TOOLS } from "./canonicalize-call.js";
import { canonicalizePath, type PathBase } from "./canonicalize-path.js";
import { commandReach } from "./command-reach.js";
import { expandShellGlob, hasGlob } from "./expand-shell-glob.js";
import { personOnlyDecision } from "./person-only-commands.js";
import {
  createProtectedPaths,
  type ProtectedPaths,
  type ProtectionSettings,
  type ResolvedPath,
} from "./protected-paths.js";

/** The policy id of a deny because the call would change a governance input. */
export const GOVERNANCE_POLICY = "jig.builtin.governance";
/** The policy id of a deny because the call would read the holdout eval suites. */
export const HOLDOUT_POLICY = "jig.builtin.holdout";
/** The policy id of a deny because a path names two places (see canonicalizePath). */
export const AMBIGUOUS_PATH_POLICY = "jig.builtin.ambiguous-path";

/** A built-in deny; the same shape as the engine's decisions, never an `ask`. */
export interface ProtectionDecision {
  decision: "deny";
  reason: string;
  policies: string[];
}

/** What the protection needs from the guard at decision time. */
export interface ProtectionContext {
  base: PathBase;
  /** Agents whose messages the caller acts on; asked only when the call reads a holdout. */
  onBehalfOf: () => readonly string[];
}

/**
 * Protections that hold whatever the manifests say, decided before Cedar:
 * no agent writes a governance input (or jig's and git's own state), and no
 * agent reads the holdout eval suites unless its manifest says
 * `holdout: read`. A deny here is final: no human approval lifts it, since
 * a person changes these files themselves, not through an agent.
 */
export interface BuiltinProtection {
  check(call: CanonicalCall, context: ProtectionContext): ProtectionDecision | undefined;
  /** Whether `agent`'s manifest opts in to reading the holdout suites. */
  readsHoldout(agent: string): boolean;
  readonly paths: ProtectedPaths;
}

export type { ProtectionSettings } from "./protected-paths.js";

/**
 * Build the protection for one policy snapshot: the settings say where
 * governance lives, the manifests which agents may read the holdouts.
 *
 * @example
 * const protection = createBuiltinProtection(settings, manifests);
 * protection.check(writeAgentsCall, { base, onBehalfOf: () => [] })?.policies // ["jig.builtin.governance"]
 */
export function createBuiltinProtection(
  settings: ProtectionSettings,
  manifests: ReadonlyArray<{ name: string; holdout?: string | undefined }>,
): BuiltinProtection {
  const paths = createProtectedPaths(settings);
  const readers = new Set(
    manifests.filter((manifest) => manifest.holdout === "read").map((manifest) => manifest.name),
  );
  const denyHoldout = (
    call: CanonicalCall,
    context: ProtectionContext,
    what: string,
  ): ProtectionDecision | undefined => {
    const suites = `the holdout eval suites (${paths.evalsDir})`;
    if (!readers.has(call.agent)) {
      return holdoutDeny(
        `${what}, which would show ${suites}; only an agent whose manifest says 'holdout: read' may read them`,
      );
    }
    const sender = context.onBehalfOf().find((agent) => !readers.has(agent));
    return sender === undefined
      ? undefined
      : holdoutDeny(
          `${what} acting on a message from ${sender}, which may not read ${suites} itself`,
        );
  };

  function check(call: CanonicalCall, context: ProtectionContext): ProtectionDecision | undefined {
    switch (call.action) {
      case "write": {
        if (!call.path) return undefined;
        const protection = paths.writeProtection(call.path, context.base);
        return protection && governanceDeny(`${call.path.path} is ${protection.what}`);
      }
      case "read":
        return checkRead(call, context);
      case "exec":
        return checkCommand(call, context);
      case "call":
        return checkToolArguments(call, context);
      default:
        return undefined;
    }
  }

  function checkRead(
    call: CanonicalCall,
    context: ProtectionContext,
  ): ProtectionDecision | undefined {
    const { base } = context;
    const { repoRoot } = base;
    const path = call.path;
    if (!path) return undefined;
    if (paths.isHoldout(path, base)) {
      return denyHoldout(call, context, `${call.tool} reads ${path.path}`);
    }
    const search = call.search;
    if (search?.tool === "Glob") {
      // The pattern's literal folder: Glob evals/*.yaml lists the suites.
      const literal = picomatch.scan(search.pattern).base;
      const start = path.inside ? join(repoRoot, path.path) : path.path;
      const target = literal ? canonicalizePath(join(start, literal), base) : undefined;
      if (target?.ok && paths.isHoldout(target, base)) {
        return denyHoldout(call, context, `Glob ${search.pattern} lists ${target.path}`);
      }
    }
    if (search?.tool === "Grep" && search.output === "content" && paths.holdsHoldout(path, base)) {
      // Names and counts (the default output) show no suite's text; content does,
      // unless glob or type leave every suite file out.
      const files = paths.holdoutFiles(path, base);
      if (files === undefined || files.some((file) => grepMayRead(file, search))) {
        return denyHoldout(
          call,
          context,
          `Grep with output_mode content over ${path.path} (add a glob or type that leaves them out, or search a folder without them)`,
        );
      }
    }
    return undefined;
  }

  function checkCommand(
    call: CanonicalCall,
    context: ProtectionContext,
  ): ProtectionDecision | undefined {
    const argv = call.argv ?? [];
    const { base } = context;
    const reach = commandReach(argv, call.wrapper);
    const shown = `'${truncate(argv.join(" "))}'`;
    const decision = personOnlyDecision(argv);
    if (decision) return governanceDeny(`${shown} is ${decision}, a person's decision`);
    const candidates = reach.appliesPatches
      ? [...reach.candidates, ...patchTargets(reach.candidates, base)]
      : reach.candidates;
    if (reach.mayWrite && createsRepository(argv, call.wrapper)) {
      return governanceDeny(
        `${shown} creates a git repository, and a .git entry at any depth is ${NESTED_GIT_WHAT}`,
      );
    }
    const { named, ambiguous } = resolveCandidates(candidates, base);
    if (ambiguous !== undefined) return ambiguousDeny(`${shown}: ${ambiguous}`);
    const cwd = { path: { inside: true, path: "." }, exists: () => true, whole: true };
    if (reach.readsCwdByDefault && !named.some((entry) => entry.exists())) named.push(cwd);
    if (reach.writesCwd) named.push(cwd);
    for (const entry of named) {
      const { path } = entry;
      if (paths.isHoldout(path, base)) {
        const denied = denyHoldout(call, context, `${shown} names ${path.path}`);
        if (denied) return denied;
      }
      if (reach.mayWrite) {
        const protection = paths.writeProtection(path, base);
        if (protection) {
          return governanceDeny(`${shown} names ${path.path}, which is ${protection.what}`);
        }
        const held =
          reach.writesFolders || entry.whole ? paths.holdsProtected(path, base) : undefined;
        if (held !== undefined) {
          return governanceDeny(
            `${shown} may write inside ${path.path}, a folder holding governance inputs such as ${held}`,
            "Name the files or folders you mean instead.",
          );
        }
      }
      if ((reach.readsFolders || entry.whole) && paths.holdsHoldout(path, base)) {
        const denied = denyHoldout(
          call,
          context,
          `${shown} reads ${path.path} as a whole (name a folder without them)`,
        );
        if (denied) return denied;
      }
    }
    return undefined;
  }

  function checkToolArguments(
    call: CanonicalCall,
    context: ProtectionContext,
  ): ProtectionDecision | undefined {
    // Claude Code's own call-only tools (Task, TodoWrite...) carry prose, and
    // what a Task's subagent then does passes the guard itself.
    if (KNOWN_TOOL_NAMES.has(call.tool)) return undefined;
    const { base } = context;
    const readOnly = READ_ONLY_TOOL.test(call.tool.replace(/^mcp__.*?__/, ""));
    for (const value of stringsOf(call.input)) {
      const raw = value.startsWith("file://") ? safeDecode(value.slice(7)) : value;
      if (raw === undefined) continue;
      const path = canonicalizePath(raw, base);
      if (!path.ok) {
        if (!readOnly && path.code === UNICODE_AMBIGUOUS) {
          return ambiguousDeny(`${call.tool}: ${path.reason}`);
        }
        continue;
      }
      if (!readOnly) {
        const protection = paths.writeProtection(path, base);
        if (protection) {
          return governanceDeny(`${call.tool} names ${path.path}, which is ${protection.what}`);
        }
        const held = paths.holdsProtected(path, base);
        if (held !== undefined) {
          return governanceDeny(
            `${call.tool} names ${path.path}, a folder holding governance inputs such as ${held}`,
          );
        }
      }
      if (paths.isHoldout(path, base)) {
        const denied = denyHoldout(call, context, `${call.tool} names ${path.path}`);
        if (denied) return denied;
      }
    }
    return undefined;
  }

  return { check, readsHoldout: (agent) => readers.has(agent), paths };
}

function governanceDeny(what: string, hint?: string): ProtectionDecision {
  return {
    decision: "deny",
    reason: `built-in protection: ${what}; only a person may change it, outside the agent${hint ? `. ${hint}` : ""}`,
    policies: [GOVERNANCE_POLICY],
  };
}

function ambiguousDeny(what: string): ProtectionDecision {
  return {
    decision: "deny",
    reason: `built-in protection: ${what}`,
    policies: [AMBIGUOUS_PATH_POLICY],
  };
}

/** canonicalizePath's code for a path whose raw and NFC spellings lead to different places. */
const UNICODE_AMBIGUOUS = "path/unicode-ambiguous";

function holdoutDeny(what: string): ProtectionDecision {
  return {
    decision: "deny",
    reason: `built-in protection: ${what}`,
    policies: [HOLDOUT_POLICY],
  };
}

/** One path a command names, resolved. `whole`: reached as a folder (a glob too wide to expand). */
interface NamedPath {
  path: ResolvedPath;
  /** Asked only when it matters: each stat costs on every Bash call. */
  exists: () => boolean;
  whole: boolean;
}

/**
 * Resolve each candidate as the kernel would (symlinks, `..`, `~`), after
 * expanding globs on disk. A relative path that climbs out with `..` is also
 * read as if it started from a subfolder: the agent's shell may have `cd`'d
 * into one, and the guard does not know where.
 */
function resolveCandidates(
  candidates: readonly string[],
  base: PathBase,
): { named: NamedPath[]; ambiguous?: string } {
  const named: NamedPath[] = [];
  let ambiguous: string | undefined;
  const add = (raw: string, whole: boolean): void => {
    // Both readings of '..': by name (as Node resolves) and after a symlink
    // (as the kernel does for `sed -i x src/link/../jig.config.yaml`).
    const readings = raw.includes("..") ? [true, false] : [true];
    for (const lexical of readings) {
      const path = canonicalizePath(raw, base, { lexical });
      if (!path.ok) {
        // Judged on one spelling, the command could write through the other.
        if (path.code === UNICODE_AMBIGUOUS) ambiguous ??= path.reason;
        continue;
      }
      const absolute = path.inside ? join(base.repoRoot, path.path) : path.path;
      named.push({ path, exists: () => existsSync(absolute), whole });
    }
  };
  const addExpanded = (candidate: string): void => {
    add(candidate, false);
    if (!hasGlob(candidate)) return;
    const expansion = expandShellGlob(candidate, base);
    for (const match of expansion.paths) add(match, false);
    if (expansion.truncated) add(expansion.truncated, true);
  };
  for (const candidate of candidates) {
    addExpanded(candidate);
    if (!candidate.startsWith("/") && !candidate.startsWith("~")) {
      const normalized = posix.normalize(candidate);
      const tail = normalized.replace(/^(\.\.\/)+/, "");
      if (tail !== normalized && tail !== "" && !tail.startsWith("..")) {
        addExpanded(join(base.repoRoot, tail));
      }
    }
  }
  return ambiguous === undefined ? { named } : { named, ambiguous };
}

const KNOWN_TOOL_NAMES: ReadonlySet<string> = new Set(KNOWN_TOOLS);

const NESTED_GIT_WHAT = "protected (it would start a repository with its own hooks and config)";

/** git's global options that take the next argument as their value. */
const GIT_VALUE_OPTIONS = new Set(["-C", "-c", "--git-dir", "--work-tree", "--namespace"]);

/**
 * Whether the command runs `git init`, `git clone`, `git worktree add` or
 * `git submodule add|update`: each writes a `.git` entry that no path in
 * the command names, so the path checks never see it. With a wrapper
 * (`env git init`), every argument may start the program.
 */
function createsRepository(argv: readonly string[], wrapper: string | undefined): boolean {
  const starts = wrapper === undefined ? [0] : argv.map((_, index) => index);
  return starts.some((start) => {
    if (posix.basename(argv[start] ?? "") !== "git") return false;
    let index = start + 1;
    while (index < argv.length && (argv[index] as string).startsWith("-")) {
      index += GIT_VALUE_OPTIONS.has(argv[index] as string) ? 2 : 1;
    }
    const [command, sub] = [argv[index], argv[index + 1]];
    if (command === "init" || command === "clone") return true;
    if (command === "worktree") return sub === "add";
    return command === "submodule" && (sub === "add" || sub === "update");
  });
}

const MAX_PATCH_BYTES = 1 << 20;

/**
 * The files a patch would change, read from the patch files a command names
 * (`diff --git a/x b/x`, `--- a/x`, `+++ b/x`, `rename to x`), each with and
 * without its first folder, since `-p1` strips it. Anything unreadable or
 * large names nothing: the sandbox is the boundary for what it does.
 */
function patchTargets(candidates: readonly string[], base: PathBase): string[] {
  const targets: string[] = [];
  for (const candidate of candidates) {
    let text: string;
    try {
      const path = resolve(base.cwd, candidate);
      if (!statSync(path).isFile() || statSync(path).size > MAX_PATCH_BYTES) continue;
      text = readFileSync(path, "utf8");
    } catch {
      continue;
    }
    for (const match of text.matchAll(
      /^(?:diff --git (\S+) (\S+)|(?:---|\+\+\+) (\S+)|rename (?:from|to) (.+)|copy to (.+))$/gm,
    )) {
      for (const named of match.slice(1)) {
        if (named === undefined || named === "/dev/null") continue;
        targets.push(named, named.replace(/^[^/]+\//, ""));
      }
    }
  }
  return targets;
}

/** MCP tool names (after `mcp__server__`) that only read. */
const READ_ONLY_TOOL =
  /^(read|get|list|search|find|view|show|stat|describe|query|fetch|download|directory_tree|tree|head|tail|cat|grep|glob|ls)([_-]|$)/i;

const MAX_STRINGS = 256;

/** Every string in a tool input that could be a path (no newlines, not huge), breadth first. */
function stringsOf(input: Record<string, CedarValue>): string[] {
  const out: string[] = [];
  const pending: unknown[] = [input];
  while (pending.length > 0 && out.length < MAX_STRINGS) {
    const value = pending.shift();
    if (typeof value === "string") {
      if (value.length > 0 && value.length <= 4096 && !/[\n\r]/.test(value)) out.push(value);
    } else if (Array.isArray(value)) {
      pending.push(...value);
    } else if (typeof value === "object" && value !== null) {
      pending.push(...Object.values(value));
    }
  }
  return out;
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function truncate(text: string): string {
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/** ripgrep's types for the languages an agent searches most; an unknown type could match anything. */
const RG_TYPES: Record<string, readonly string[]> = {
  js: ["*.js", "*.jsx", "*.mjs", "*.cjs", "*.vue"],
  ts: ["*.ts", "*.tsx", "*.cts", "*.mts"],
  py: ["*.py", "*.pyi"],
  rust: ["*.rs"],
  go: ["*.go"],
  java: ["*.java", "*.jsp", "*.properties"],
  kotlin: ["*.kt", "*.kts"],
  c: ["*.c", "*.h", "*.H"],
  cpp: ["*.cpp", "*.cc", "*.cxx", "*.hpp", "*.hh", "*.hxx", "*.h", "*.inl"],
  ruby: ["*.rb", "*.gemspec", "Gemfile", "Rakefile"],
  php: ["*.php", "*.phtml"],
  swift: ["*.swift"],
  css: ["*.css", "*.scss", "*.sass", "*.less"],
  html: ["*.html", "*.htm", "*.xhtml"],
  sh: ["*.sh", "*.bash", "*.zsh", ".bashrc", ".zshrc"],
  sql: ["*.sql"],
  toml: ["*.toml"],
  md: ["*.md", "*.markdown", "*.mdx", "*.mkd", "*.mdown"],
  markdown: ["*.md", "*.markdown", "*.mdx", "*.mkd", "*.mdown"],
};

/**
 * Whether Grep's filters let it read `file` (relative to the searched
 * folder): a `glob` without `/` matches the file name at any depth, as in
 * ripgrep; a leading `!` excludes.
 */
function grepMayRead(file: string, search: NonNullable<CanonicalCall["search"]>): boolean {
  if (search.glob) {
    const negated = search.glob.startsWith("!");
    const glob = negated ? search.glob.slice(1) : search.glob;
    let matches: boolean;
    try {
      matches = picomatch(glob, { dot: true, nocase: true, basename: !glob.includes("/") })(file);
    } catch {
      // A glob picomatch refuses (too long, malformed) cannot prove the file
      // is left out, so the search may read it: the caller denies.
      return true;
    }
    if (matches === negated) return false;
  }
  if (search.type) {
    const globs = RG_TYPES[search.type.toLowerCase()];
    if (globs && !picomatch([...globs], { dot: true, nocase: true, basename: true })(file)) {
      return false;
    }
  }
  return true;
}
