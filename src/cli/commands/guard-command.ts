import { setFlagsFromString } from "node:v8";
import { Command } from "commander";
import { hookToolCall, parseHookInput, renderHookOutput } from "../../agents/runtime/index.js";
import type { CliContext } from "../cli-context.js";
import { openGuardEnvironment } from "./guard-setup.js";

/**
 * `jig guard`: the enforcement points that sit where tool calls happen.
 * Every subcommand runs the same guard; each only translates a protocol.
 */
export function createCommand(context: CliContext): Command {
  const command = new Command("guard").description(
    "Enforce agent manifests where tool calls happen",
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
    if (!input.ok) return renderHookOutput({ decision: "deny", reason: input.reason });
    environment = await openGuardEnvironment({
      cwd: input.cwd ?? context.cwd,
      env: context.env,
      now: context.now,
      adapter: "claude-hook",
      version: context.version,
    });
    const decision = environment.guard.check(hookToolCall(agent, input));
    return renderHookOutput(decision);
  } catch (error) {
    const message =
      error instanceof Error ? error.message.split("\n").slice(0, 3).join("; ") : String(error);
    return renderHookOutput({
      decision: "deny",
      reason: `the guard could not decide (${message}); denied`,
    });
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
