import { join } from "node:path";
import { tryRealpath } from "../canonicalize-path.js";
import type { GuardDecision } from "../guard.js";
import { ALWAYS_PROTECTED, type ChangeRules } from "../sandbox/judge-changes.js";
import { sandboxEnvironment } from "../sandbox/sandbox-environment.js";
import { unreadableEntries } from "../sandbox/unreadable-entries.js";
import {
  bubblewrapArgs,
  HIDDEN_SYSTEM_FILES,
  protectedPlaceholders,
  protectedRoots,
  writableRoots,
} from "../sandbox.js";
import { shellQuote } from "../shell-quote.js";
import type { GuardEnvironment } from "./open-guard-environment.js";

/** What `jig run` does with a command: refuse it, or run bubblewrap with these arguments and judge its changes with these rules. */
export type SandboxedRun =
  | { kind: "refused"; decision: GuardDecision }
  | { kind: "run"; args: string[]; rules: ChangeRules; network: boolean; repoRoot: string };

/**
 * Authorize `argv` as the agent's Bash call, then plan its bubblewrap
 * sandbox: only the agent's write scope is writable, and every write lands
 * in an overlay judged when the run ends (see `runInSandbox`); every
 * governance input, .git, .jig, .claude and .mcp.json stay read-only even
 * inside it, and even when absent; entries files.read does not reach, .jig
 * and the holdout suites (unless `holdout: read`) are hidden; only an
 * allow-listed environment crosses. The git history still holds committed
 * suites, which is why a separate evals repository
 * (`evals.dir: ../acme-evals`) is the stronger setup.
 */
export function planSandboxedRun(
  environment: Pick<GuardEnvironment, "guard" | "engine" | "manifests" | "repoRoot">,
  options: {
    agent: string;
    argv: readonly string[];
    env: Readonly<Record<string, string | undefined>>;
  },
): SandboxedRun {
  const { agent, argv } = options;
  const decision = environment.guard.check({
    agent,
    tool: "Bash",
    // Joined as a shell would need it, so the guard judges the command that runs.
    input: { command: argv.map(shellQuote).join(" ") },
  });
  if (decision.decision !== "allow") return { kind: "refused", decision };
  const { repoRoot } = environment;
  const manifest = environment.manifests.find((entry) => entry.name === agent);
  const { protection } = environment.engine;
  const holdout = protection.paths.holdoutDir(repoRoot);
  const writeGlobs = manifest?.permissions.files.write ?? [];
  const readGlobs = [...(manifest?.permissions.files.read ?? []), ...writeGlobs];
  const escalateGlobs = (manifest?.escalate ?? []).flatMap((entry) => entry.files ?? []);
  // escalate.files are read-only inside too: a human decides them, so the
  // command fails at once instead of having its change discarded at the end.
  const protectedPaths = [
    ...new Set([
      ...ALWAYS_PROTECTED,
      ...protectedRoots(repoRoot, protection.paths.globs),
      ...protectedRoots(repoRoot, escalateGlobs),
    ]),
  ].sort();
  const hiddenPaths = [
    ...HIDDEN_SYSTEM_FILES,
    ...unreadableEntries(repoRoot, readGlobs).map((name) => join(repoRoot, name)),
    ...(holdout === undefined || protection.readsHoldout(agent) ? [] : [tryRealpath(holdout)]),
  ];
  const network = (manifest?.permissions.network.length ?? 0) > 0;
  const plan = {
    repoRoot,
    writeGlobs,
    protectedPaths,
    hiddenPaths,
    network,
    environment: sandboxEnvironment(options.env, manifest?.permissions.env ?? []),
    cwd: repoRoot,
    argv,
  };
  const placeholders = protectedPlaceholders(plan, writableRoots(repoRoot, writeGlobs))
    .filter((entry) => entry.kind !== "bind")
    .map((entry) => entry.path);
  const rules: ChangeRules = {
    writeGlobs,
    protectedGlobs: protection.paths.globs,
    escalateGlobs,
    placeholders: new Set(placeholders),
  };
  return { kind: "run", args: bubblewrapArgs(plan), rules, network, repoRoot };
}
