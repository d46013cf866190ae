import type { CanonicalCall } from "./canonicalize-call.js";
import { createHostMatcher, createPathMatcher, type PathMatcher } from "./glob-matcher.js";
import type { AgentManifest } from "./manifest-schema.js";
import { hasArgvPrefix } from "./parse-command.js";

interface AgentScope {
  read: PathMatcher;
  write: PathMatcher;
  commands: string[][];
  network: (host: string) => boolean;
  escalate: Array<{ index: number; files?: PathMatcher; commands?: string[][] }>;
}

/** A Cedar entity as the engine passes it. */
export interface CedarEntity {
  uid: { type: string; id: string };
  attrs: Record<string, never>;
  parents: Array<{ type: string; id: string }>;
}

/**
 * Precompiled glob and prefix matchers of every manifest. Cedar has no
 * globs, so the engine asks this index which sets (`FileSet::"coder/write"`,
 * `CommandSet::"coder/commands"`...) a resource belongs to, and hands Cedar
 * the resource entity with those parents.
 */
export interface ScopeIndex {
  has(agent: string): boolean;
  /** The resource entity of `call`, with its set memberships for `agents`. */
  resourceEntity(call: CanonicalCall, agents: readonly string[]): CedarEntity;
  /** Whether `path` (repo-relative) is in `agent`'s write scope. */
  canWrite(agent: string, path: string): boolean;
  /** Whether one of `agent`'s write globs itself starts with `prefix` (not just `**`). */
  canWriteExplicitly(agent: string, prefix: string): boolean;
}

export function createScopeIndex(
  manifests: readonly AgentManifest[],
  options: { home: string; specExempt: readonly string[] },
): ScopeIndex {
  const scopes = new Map<string, AgentScope>();
  const writeGlobs = new Map<string, readonly string[]>();
  for (const manifest of manifests) {
    const { files, commands, network } = manifest.permissions;
    writeGlobs.set(manifest.name, files.write);
    scopes.set(manifest.name, {
      read: createPathMatcher(files.read, options.home, `${manifest.name}'s files.read`),
      write: createPathMatcher(files.write, options.home, `${manifest.name}'s files.write`),
      commands,
      network: createHostMatcher(network),
      escalate: manifest.escalate.map((trigger, index) => ({
        index,
        ...(trigger.files
          ? {
              files: createPathMatcher(
                trigger.files,
                options.home,
                `${manifest.name}'s escalate[${index}].files`,
              ),
            }
          : {}),
        ...(trigger.commands ? { commands: trigger.commands } : {}),
      })),
    });
  }
  const specExempt = createPathMatcher(options.specExempt, options.home, "specs.exempt");

  function resourceEntity(call: CanonicalCall, agents: readonly string[]): CedarEntity {
    const parents: Array<{ type: string; id: string }> = [];
    const { type, id } = call.resource;
    if (type === "Path") {
      const path = id;
      if (specExempt(path)) parents.push({ type: "FileSet", id: "_spec-exempt" });
      for (const agent of agents) {
        const scope = scopes.get(agent);
        if (!scope) continue;
        if (scope.read(path)) parents.push({ type: "FileSet", id: `${agent}/read` });
        if (scope.write(path)) parents.push({ type: "FileSet", id: `${agent}/write` });
        for (const trigger of scope.escalate) {
          if (trigger.files?.(path))
            parents.push({ type: "FileSet", id: `${agent}/escalate/${trigger.index}` });
        }
      }
    } else if (type === "Command" && call.argv) {
      const argv = call.argv;
      for (const agent of agents) {
        const scope = scopes.get(agent);
        if (!scope) continue;
        if (scope.commands.some((prefix) => commandMatches(argv, prefix, call.wrapper))) {
          parents.push({ type: "CommandSet", id: `${agent}/commands` });
        }
        for (const trigger of scope.escalate) {
          // Escalation matches the bare prefix, wrapper or not: a wrapped
          // `terraform destroy` is still a destroy.
          if (trigger.commands?.some((prefix) => containsPrefix(argv, prefix))) {
            parents.push({ type: "CommandSet", id: `${agent}/escalate/${trigger.index}` });
          }
        }
      }
    } else if (type === "Host") {
      for (const agent of agents) {
        if (scopes.get(agent)?.network(id))
          parents.push({ type: "HostSet", id: `${agent}/network` });
      }
    }
    return { uid: { type, id }, attrs: {}, parents };
  }

  return {
    has: (agent) => scopes.has(agent),
    resourceEntity,
    canWrite: (agent, path) => scopes.get(agent)?.write(path) ?? false,
    canWriteExplicitly: (agent, prefix) =>
      (writeGlobs.get(agent) ?? []).some((glob) => glob.startsWith(prefix)),
  };
}

/**
 * A wrapper command (env, xargs, find -exec...) matches only a prefix that
 * names the wrapper itself, including find's exec flag; plain commands
 * match on whole-argument prefixes.
 */
function commandMatches(
  argv: readonly string[],
  prefix: readonly string[],
  wrapper: string | undefined,
): boolean {
  if (!hasArgvPrefix(argv, prefix)) {
    if (wrapper !== "find -exec") return false;
  }
  if (wrapper === "find -exec") {
    return (
      prefix[0] === "find" &&
      prefix.some((part) => ["-exec", "-execdir", "-ok", "-okdir", "-delete"].includes(part)) &&
      argv[0] === "find" &&
      prefix.slice(1).every((part) => argv.includes(part))
    );
  }
  return true;
}

/** Whether `prefix` occurs in `argv` as consecutive whole arguments, anywhere. */
function containsPrefix(argv: readonly string[], prefix: readonly string[]): boolean {
  for (let start = 0; start + prefix.length <= argv.length; start++) {
    if (prefix.every((part, index) => argv[start + index] === part)) return true;
  }
  return false;
}
