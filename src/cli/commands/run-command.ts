import { spawnSync } from "node:child_process";
import { Command } from "commander";
import {
  openGuardEnvironment,
  planSandboxedRun,
  requireAgent,
  runInSandbox,
  type SandboxOutcome,
} from "../../agents/runtime/index.js";
import { ExitCode, UsageError } from "../../core/index.js";
import type { CliContext } from "../cli-context.js";

/** The install line printed when bubblewrap is missing. */
export const BWRAP_INSTALL = "sudo apt-get install -y bubblewrap";

/**
 * `jig run --agent NAME -- <command...>`: authorize the command like a Bash
 * call, then run it under bubblewrap with no capabilities, writing into an
 * overlay whose changes reach the tree only where the agent's write scope
 * allows (see `runInSandbox`). Exit codes: the command's own; 1 when any
 * change was discarded; 2 when bwrap is missing or no such sandbox can be
 * created here (never run weaker); 3 when the command needs an approval.
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
        const plan = planSandboxedRun(environment, {
          agent: options.agent,
          argv,
          env: context.env,
        });
        if (plan.kind === "refused") {
          const { decision } = plan;
          context.stderr.write(
            `jig run: ${decision.decision === "ask" ? "needs a human approval" : "denied"}: ${decision.reason}\n`,
          );
          context.exitCode = decision.decision === "ask" ? ExitCode.needsHuman : ExitCode.fail;
          return;
        }
        // A Ctrl-C reaches the sandbox's process group too and ends it; jig
        // stays to report, apply nothing unchecked and remove its scratch
        // layer. SIGTERM, sent to jig alone, still ends jig at once.
        const hold = () => {};
        process.on("SIGINT", hold);
        const outcome = await runInSandbox({
          bwrap,
          args: plan.args,
          rules: plan.rules,
          network: plan.network,
          repoRoot: plan.repoRoot,
          path: context.env.PATH,
        }).finally(() => process.removeListener("SIGINT", hold));
        for (const line of describeOutcome(outcome)) context.stderr.write(`jig run: ${line}\n`);
        // Every refusal is a decision, so each discarded change is audited
        // like a denied tool call, on the chain `jig audit verify` checks.
        if (outcome.kind === "finished") {
          for (const { change, code, message } of outcome.discarded) {
            environment.audit.append({
              at: context.now().toISOString(),
              agent: options.agent,
              tool: "Sandbox",
              adapter: "run",
              input: JSON.stringify({ change: change.kind, path: change.path, command: argv }),
              decision: "deny",
              reason: `discarded after the run (${code}): ${message}`,
              policies: ["jig.run.scope"],
            });
          }
        }
        context.exitCode = outcomeExitCode(outcome);
      } finally {
        environment.close();
      }
    });
}

/** The lines `jig run` prints about what the sandbox refused or discarded. */
function describeOutcome(outcome: SandboxOutcome): string[] {
  if (outcome.kind === "not-started") {
    return [
      `cannot start the sandbox: ${outcome.reason}; jig run never runs a command with less isolation`,
    ];
  }
  if (outcome.kind === "interrupted") {
    return ["the run was interrupted before its changes could be checked; none were applied"];
  }
  const verbs = {
    write: "write to",
    symlink: "symlink",
    delete: "deletion of",
    rmdir: "removal of",
    special: "special file",
  } as const;
  const lines = outcome.discarded.map(
    ({ change, code, message }) =>
      `discarded ${verbs[change.kind]} ${change.path} (${code}): ${message}`,
  );
  for (const change of outcome.failed) {
    lines.push(
      `could not apply ${verbs[change.kind]} ${change.path}: its folder changed type in the real tree`,
    );
  }
  if (outcome.discarded.length > 0) {
    lines.push(
      `${outcome.discarded.length} change(s) outside the agent's scope were discarded; the rest were applied`,
    );
  }
  return lines;
}

/**
 * The command's own exit code, except that a run whose changes were partly
 * discarded (or could not be applied) fails even when the command passed,
 * and a sandbox that could not start is an environment problem (exit 2, like
 * a missing bwrap).
 */
function outcomeExitCode(outcome: SandboxOutcome): number {
  if (outcome.kind === "not-started") return ExitCode.usage;
  if (outcome.kind === "interrupted")
    return outcome.exitCode === 0 ? ExitCode.fail : outcome.exitCode;
  const clean = outcome.discarded.length === 0 && outcome.failed.length === 0;
  return outcome.exitCode === 0 && !clean ? ExitCode.fail : outcome.exitCode;
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
