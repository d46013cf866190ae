import { posix } from "node:path";
import { compileGlobs } from "../../core/index.js";
import { createPathMatcher } from "../glob-matcher.js";
import type { DiscardedChange, OverlayChange } from "./overlay-change.js";

/**
 * Paths no sandboxed command may change whatever the manifest and the
 * configuration say: git's data (any `.git`, so a nested repository with
 * `core.fsmonitor` cannot be planted), jig's state, Claude Code's project
 * settings and the project's MCP server list.
 */
export const ALWAYS_PROTECTED = [".git", ".jig", ".claude", ".mcp.json"] as const;

export interface ChangeRules {
  /** The manifest's files.write globs. */
  writeGlobs: readonly string[];
  /** Globs no agent may write (governance inputs, state). */
  protectedGlobs: readonly string[];
  /** The manifest's escalate.files globs: a human decides, so never from inside the sandbox. */
  escalateGlobs: readonly string[];
  /** Placeholders the sandbox itself created as mount points: dropped without a report. */
  placeholders: ReadonlySet<string>;
}

export interface ChangeVerdict {
  apply: OverlayChange[];
  discard: DiscardedChange[];
  /** Placeholders and other changes dropped without a report. */
  dropped: OverlayChange[];
}

const hasGitSegment = (path: string): boolean =>
  path.split("/").some((segment) => segment.toLowerCase() === ".git");

/**
 * Sort the sandbox's changes into those to apply to the real tree and those
 * to discard, with the reason. Pure: the rules decide, the caller applies.
 *
 * @example
 * judgeChanges([{ kind: "delete", path: ".git/config" }], rules).discard[0]?.code // "nested-git"
 */
export function judgeChanges(changes: readonly OverlayChange[], rules: ChangeRules): ChangeVerdict {
  const writable = createPathMatcher(rules.writeGlobs, "/nonexistent-home");
  const protectedGlobs = [
    ...rules.protectedGlobs,
    ...ALWAYS_PROTECTED.flatMap((path) => [path, `${path}/**`]),
  ];
  const isProtected = compileGlobs(
    protectedGlobs,
    { dot: true, nocase: true },
    "the protected paths (jig.config.yaml governance.paths)",
  );
  const escalates =
    rules.escalateGlobs.length > 0
      ? compileGlobs(rules.escalateGlobs, { dot: true }, "the manifest's escalate files")
      : () => false;
  const verdict: ChangeVerdict = { apply: [], discard: [], dropped: [] };
  const discard = (change: OverlayChange, code: DiscardedChange["code"], message: string) =>
    verdict.discard.push({ change, code, message });
  for (const change of changes) {
    const { path } = change;
    if (rules.placeholders.has(path) && change.kind !== "delete") {
      verdict.dropped.push(change);
      continue;
    }
    if (hasGitSegment(path))
      discard(change, "nested-git", "a .git entry (git data, or a planted nested repository)");
    else if (isProtected(path))
      discard(change, "protected", "a protected path (governance input or tool state)");
    else if (change.kind === "special")
      discard(change, "special", "not a regular file, folder or symlink");
    else if (change.kind === "rmdir") {
      // An emptied folder goes once its files may go; nothing else to judge.
      verdict.apply.push(change);
    } else if (escalates(path))
      discard(change, "escalate", "listed in escalate.files: a human decides");
    else if (!writable(path)) discard(change, "out-of-scope", "outside files.write");
    else if (change.kind === "symlink" && !symlinkStaysInScope(path, change.target, isProtected)) {
      discard(
        change,
        "symlink",
        `a symlink to ${change.target}, outside the repository or into a protected path`,
      );
    } else verdict.apply.push(change);
  }
  return verdict;
}

/** A symlink is applied only when it resolves, lexically, inside the repository and not into a protected path. */
function symlinkStaysInScope(
  path: string,
  target: string,
  isProtected: (path: string) => boolean,
): boolean {
  if (target.startsWith("/")) return false;
  const resolved = posix.normalize(posix.join(posix.dirname(path), target));
  if (resolved === ".." || resolved.startsWith("../")) return false;
  return !hasGitSegment(resolved) && !isProtected(resolved);
}
