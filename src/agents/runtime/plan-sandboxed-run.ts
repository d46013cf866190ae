import type { GuardDecision } from "../guard.js";
import { bubblewrapArgs } from "../sandbox.js";
import { shellQuote } from "../shell-quote.js";
import type { GuardEnvironment } from "./open-guard-environment.js";

/** What `jig run` does with a command: refuse it, or run bubblewrap with these arguments. */
export type SandboxedRun =
  | { kind: "refused"; decision: GuardDecision }
  | { kind: "run"; args: string[] };

/**
 * Authorize `argv` as the agent's Bash call, then plan its bubblewrap
 * sandbox: only the agent's write scope is writable, and .git, evals, .jig,
 * the manifests, the config and .claude stay read-only even inside it.
 */
export function planSandboxedRun(
  environment: Pick<GuardEnvironment, "guard" | "manifests" | "repoRoot" | "settings">,
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
  const args = bubblewrapArgs({
    repoRoot: environment.repoRoot,
    writeGlobs: manifest?.permissions.files.write ?? [],
    protectedPaths: [
      ".git",
      environment.settings.evalsDir,
      ".jig",
      environment.settings.agentsDir,
      "jig.config.yaml",
      ".claude",
    ],
    network: (manifest?.permissions.network.length ?? 0) > 0,
    cwd: environment.repoRoot,
    argv,
  });
  return { kind: "run", args };
}
