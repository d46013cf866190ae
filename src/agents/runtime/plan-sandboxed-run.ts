import { tryRealpath } from "../canonicalize-path.js";
import type { GuardDecision } from "../guard.js";
import { bubblewrapArgs, protectedRoots } from "../sandbox.js";
import { shellQuote } from "../shell-quote.js";
import type { GuardEnvironment } from "./open-guard-environment.js";

/** What `jig run` does with a command: refuse it, or run bubblewrap with these arguments. */
export type SandboxedRun =
  | { kind: "refused"; decision: GuardDecision }
  | { kind: "run"; args: string[] };

/**
 * Authorize `argv` as the agent's Bash call, then plan its bubblewrap
 * sandbox: only the agent's write scope is writable; every governance input,
 * .git, .jig and .claude stay read-only even inside it; and the holdout
 * suites are hidden unless the manifest says `holdout: read`. The git
 * history still holds committed suites, which is why a separate evals
 * repository (`evals.dir: ../acme-evals`) is the stronger setup.
 */
export function planSandboxedRun(
  environment: Pick<GuardEnvironment, "guard" | "engine" | "manifests" | "repoRoot">,
  options: { agent: string; argv: readonly string[] },
): SandboxedRun {
  const { agent, argv } = options;
  const decision = environment.guard.check({
    agent,
    tool: "Bash",
    // Joined as a shell would need it, so the guard judges the command that runs.
    input: { command: argv.map(shellQuote).join(" ") },
  });
  if (decision.decision !== "allow") return { kind: "refused", decision };
  const manifest = environment.manifests.find((entry) => entry.name === agent);
  const { protection } = environment.engine;
  const holdout = protection.paths.holdoutDir(environment.repoRoot);
  const args = bubblewrapArgs({
    repoRoot: environment.repoRoot,
    writeGlobs: manifest?.permissions.files.write ?? [],
    protectedPaths: protectedRoots(environment.repoRoot, protection.paths.globs),
    hiddenPaths:
      holdout === undefined || protection.readsHoldout(agent) ? [] : [tryRealpath(holdout)],
    network: (manifest?.permissions.network.length ?? 0) > 0,
    cwd: environment.repoRoot,
    argv,
  });
  return { kind: "run", args };
}
