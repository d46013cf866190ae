import { setFlagsFromString } from "node:v8";
import { Command } from "commander";
import {
  hookToolCall,
  parseHookInput,
  renderHookFailure,
  renderHookOutput,
  unreadableHookRecord,
} from "../../agents/runtime/index.js";
import { UsageError } from "../../core/index.js";
import type { CliContext } from "../cli-context.js";
import { openGuardEnvironment } from "./guard-setup.js";

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
      "Answer a Claude Code PreToolUse hook event (JSON on stdin) with allow, deny or ask",
    )
    .requiredOption("--agent <name>", "the agent whose manifest applies")
    .addHelpText(
      "after",
      "\nExample, in .claude/settings.json: jig guard claude-hook --agent coder\n",
    )
    .action(async (options: { agent: string }) => {
      context.stdout.write(await answerClaudeHook(context, options.agent));
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
      const daemon = await import("./guard-daemon.js");
      if (options.stop) {
        context.exitCode = await daemon.stopGuardDaemon(context);
        return;
      }
      const raw = options.idleSeconds ?? context.env.JIG_GUARD_IDLE_SECONDS ?? "600";
      const idleSeconds = Number(raw);
      if (!Number.isFinite(idleSeconds) || idleSeconds <= 0) {
        throw new UsageError(`--idle-seconds must be a positive number of seconds, not '${raw}'`);
      }
      context.exitCode = await daemon.runGuardDaemon(context, { idleSeconds });
    });
  command
    .command("mcp")
    .description("Run an MCP upstream behind jig's policy: filter tools/list, authorize tools/call")
    .requiredOption("--agent <name>", "the agent whose manifest applies")
    .option("--name <server>", "server name used in policies (mcp__<server>__<tool>)")
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

/**
 * One hook round trip. Never throws: any failure (unreadable stdin, invalid
 * manifests, a broken store) becomes a deny with the reason, because a
 * guard that fails must not let the call through.
 */
export async function answerClaudeHook(context: CliContext, agent: string): Promise<string> {
  // One short-lived decision per process: baseline-compiling Cedar's wasm
  // without tiering up halves its start-up cost (~150 ms to ~70 ms measured).
  setFlagsFromString("--liftoff-only");
  let environment: Awaited<ReturnType<typeof openGuardEnvironment>> | undefined;
  try {
    const text = await readAll(context.stdin);
    const input = parseHookInput(text);
    const open = () =>
      openGuardEnvironment({
        cwd: (input.ok ? input.cwd : undefined) ?? context.cwd,
        env: context.env,
        now: context.now,
        adapter: "claude-hook",
        version: context.version,
      });
    if (!input.ok) {
      // Denied either way; audited when the store can be opened.
      try {
        environment = await open();
        environment.audit.append(unreadableHookRecord(agent, text, input.reason, context.now()));
      } catch {
        // not in a jig repository: nothing to audit into
      }
      return renderHookOutput({ decision: "deny", reason: input.reason });
    }
    environment = await open();
    const decision = environment.guard.check(hookToolCall(agent, input));
    return renderHookOutput(decision);
  } catch (error) {
    return renderHookFailure(error);
  } finally {
    environment?.close();
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
