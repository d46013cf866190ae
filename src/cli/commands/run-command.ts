import { spawn, spawnSync } from "node:child_process";
import { Command } from "commander";
import {
  openGuardEnvironment,
  planSandboxedRun,
  requireAgent,
} from "../../agents/runtime/index.js";
import { ExitCode, UsageError } from "../../core/index.js";
import type { CliContext } from "../cli-context.js";

/** The install line printed when bubblewrap is missing. */
export const BWRAP_INSTALL = "sudo apt-get install -y bubblewrap";

/**
 * `jig run --agent NAME -- <command...>`: authorize the command like a Bash
 * call, then run it under bubblewrap where only the agent's write scope is
 * writable and .git, evals, .jig and the manifests are read-only.
 */
export function createCommand(context: CliContext): Command {
  return new Command("run")
    .description("Run a command under bubblewrap inside an agent's write scope")
    .requiredOption("--agent <name>", "agent whose manifest applies")
    .argument("<command...>", "the command, after --")
    .addHelpText("after", "\nExample: jig run --agent coder -- npm test\n")
    .action(async (argv: string[], options: { agent: string }) => {
      const bwrap = findBwrap(context.env);
      const environment = await openGuardEnvironment({
        cwd: context.cwd,
        env: context.env,
        now: context.now,
        adapter: "run",
        version: context.version,
      });
      try {
        requireAgent(environment, options.agent);
        const plan = planSandboxedRun(environment, { agent: options.agent, argv });
        if (plan.kind === "refused") {
          const { decision } = plan;
          context.stderr.write(
            `jig run: ${decision.decision === "ask" ? "needs a human approval" : "denied"}: ${decision.reason}\n`,
          );
          context.exitCode = decision.decision === "ask" ? ExitCode.needsHuman : ExitCode.fail;
          return;
        }
        const args = plan.args;
        environment.close();
        context.exitCode = await new Promise<number>((resolve) => {
          const child = spawn(bwrap, args, { stdio: "inherit", env: context.env });
          child.on("error", () => resolve(ExitCode.internal));
          child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
        });
      } finally {
        try {
          environment.close();
        } catch {
          // already closed before the child ran
        }
      }
    });
}

function findBwrap(env: NodeJS.ProcessEnv): string {
  const candidate = env.JIG_BWRAP ?? "bwrap";
  const probe = spawnSync(candidate, ["--version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    throw new UsageError(`bubblewrap (bwrap) is not installed; install it with: ${BWRAP_INSTALL}`, {
      code: "run/no-bwrap",
    });
  }
  return candidate;
}
