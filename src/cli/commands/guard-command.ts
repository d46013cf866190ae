import { setFlagsFromString } from "node:v8";
import { Command } from "commander";
import { UsageError } from "../../core/index.js";
import type { CliContext } from "../cli-context.js";

/**
 * `jig guard`: the enforcement points that sit where tool calls happen.
 * Every subcommand runs the same guard; each only translates a protocol.
 */
export function createCommand(context: CliContext): Command {
  const command = new Command("guard")
    .description("Enforce agent manifests where tool calls happen")
    .addHelpText(
      "after",
      "\nExamples:\n  jig agents install claude --agent coder   # writes the claude-hook into .claude/settings.json\n  jig guard mcp --agent coder --name github -- npx github-mcp-server\n\nRun 'jig guard <command> --help' for each command's flags.\n",
    );
  command
    .command("claude-hook")
    .description(
      "Answer a Claude Code PreToolUse hook event (JSON on stdin) with allow, deny or ask; with --post, record the person's answer from a PostToolUse event",
    )
    .requiredOption("--agent <name>", "the agent whose manifest applies")
    .option(
      "--post",
      "read a PostToolUse event: a call jig answered ask ran, so the person allowed it (autonomy evidence)",
    )
    .option(
      "--root <dir>",
      "the repository whose policy applies (default: $CLAUDE_PROJECT_DIR, else the current folder's repository; never the event's cwd)",
    )
    .addHelpText(
      "after",
      '\nExample, in .claude/settings.json: jig guard claude-hook --agent coder --root "$CLAUDE_PROJECT_DIR"\n',
    )
    .action(async (options: { agent: string; root?: string; post?: boolean }) => {
      const runtime = await import("../../agents/runtime/index.js");
      if (options.post) {
        const { cwd, env, now, version, stdin } = context;
        await runtime.answerPostToolUse({ stdin, root: options.root, cwd, env, now, version });
        context.exitCode = 0;
        return;
      }
      // One short-lived decision per process: baseline-compiling Cedar's wasm
      // without tiering up halves its start-up cost (~150 ms to ~70 ms measured).
      setFlagsFromString("--liftoff-only");
      const { cwd, env, now, version } = context;
      const stdin = context.stdin;
      context.stdout.write(
        await runtime.answerClaudeHook({
          agent: options.agent,
          root: options.root,
          stdin,
          cwd,
          env,
          now,
          version,
        }),
      );
      // Claude Code reads the decision from stdout; exit 0 even for deny.
      context.exitCode = 0;
    });
  command
    .command("daemon")
    .description(
      "Serve claude-hook decisions for this repository from a warm process (started by the hook on first use)",
    )
    .option(
      "--idle-seconds <n>",
      "exit after this long without a request (default 600, or JIG_GUARD_IDLE_SECONDS)",
    )
    .option("--stop", "ask this repository's daemon to exit")
    .addHelpText("after", "\nExample: jig guard daemon --stop\n")
    .action(async (options: { idleSeconds?: string; stop?: boolean }) => {
      const daemon = await import("../../agents/guard-daemon/index.js");
      if (options.stop) {
        const pid = await daemon.stopGuardDaemon(context.cwd);
        context.stdout.write(
          pid === undefined
            ? "no jig guard daemon is running here\n"
            : `stopped jig guard daemon ${pid}\n`,
        );
        return;
      }
      const raw = options.idleSeconds ?? context.env.JIG_GUARD_IDLE_SECONDS ?? "600";
      const idleSeconds = Number(raw);
      if (!Number.isFinite(idleSeconds) || idleSeconds <= 0) {
        throw new UsageError(`--idle-seconds must be a positive number of seconds, not '${raw}'`);
      }
      const { cwd, env, now, version } = context;
      const started = await daemon.serveGuardDaemon({ cwd, env, now, version, idleSeconds });
      if (started.kind === "already-running") {
        context.stdout.write(`jig guard daemon already running (pid ${started.pid})\n`);
        return;
      }
      for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const)
        process.once(signal, () => started.stop());
      context.stdout.write(
        `jig guard daemon ${started.pid} serving ${started.repoRoot} on ${started.socket} (idle exit after ${idleSeconds}s)\n`,
      );
      await started.closed;
    });
  command
    .command("mcp")
    .description("Run an MCP upstream behind jig's policy: filter tools/list, authorize tools/call")
    .requiredOption("--agent <name>", "the agent whose manifest applies")
    .option("--name <server>", "server name used in policies (mcp__<server>__<tool>); required")
    .argument("<upstream...>", "upstream MCP server command, after --")
    .addHelpText(
      "after",
      "\nExample: jig guard mcp --agent coder --name github -- npx github-mcp-server\n",
    )
    .action(async (upstream: string[], options: { agent: string; name?: string }) => {
      const { runMcpGatewayCommand } = await import("./guard-mcp.js");
      context.exitCode = await runMcpGatewayCommand(context, { ...options, upstream });
    });
  return command;
}
