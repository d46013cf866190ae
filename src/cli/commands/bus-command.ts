import { randomBytes } from "node:crypto";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { Command } from "commander";
import { createMessageBus } from "../../agents/mcp/index.js";
import { createGuard, openGuardEnvironment, requireAgent } from "../../agents/runtime/index.js";
import { ExitCode } from "../../core/index.js";
import type { CliContext } from "../cli-context.js";

/** `jig bus --agent NAME`: the message bus MCP server, one agent per connection. */
export function createCommand(context: CliContext): Command {
  return new Command("bus")
    .description(
      "MCP server (stdio) with send_message, read_inbox and complete_message for one agent",
    )
    .requiredOption("--agent <name>", "the identity of this connection")
    .addHelpText(
      "after",
      '\nExample (.mcp.json): { "command": "jig", "args": ["bus", "--agent", "coder"] }\n',
    )
    .action(async (options: { agent: string }) => {
      const environment = await openGuardEnvironment({
        cwd: context.cwd,
        env: context.env,
        now: context.now,
        adapter: "bus",
        version: context.version,
      });
      requireAgent(environment, options.agent);
      const sendGuard = createGuard({
        engine: environment.engine,
        base: {
          repoRoot: environment.repoRoot,
          cwd: environment.repoRoot,
          home: context.env.HOME ?? "/",
        },
        now: context.now,
        adapter: "bus",
        audit: environment.audit,
        specApproved: environment.specApproved,
      });
      // The session that reads a message acts on its senders' behalf until
      // it ends (or the message's deadline passes): ended below, on close.
      const session = `bus-${randomBytes(8).toString("hex")}`;
      const bus = createMessageBus({
        agent: options.agent,
        session,
        guard: sendGuard,
        messages: environment.messages,
        knownAgents: new Set(environment.manifests.map((manifest) => manifest.name)),
        now: context.now,
        version: context.version,
      });
      const transport = new StdioServerTransport();
      // A client that stops the bus with a signal ends the session too;
      // unrecorded, the delegation would only lapse at its deadline.
      const signals = ["SIGTERM", "SIGINT", "SIGHUP"] as const;
      const onSignal: Array<[NodeJS.Signals, () => void]> = [];
      const closed = new Promise<NodeJS.Signals | undefined>((resolve) => {
        transport.onclose = () => resolve(undefined);
        context.stdin.once("end", () => resolve(undefined));
        for (const signal of signals) {
          const handler = () => resolve(signal);
          onSignal.push([signal, handler]);
          process.once(signal, handler);
        }
      });
      await bus.connect(transport);
      const signal = await closed;
      environment.messages.endSession(session, context.now());
      environment.close();
      for (const [name, handler] of onSignal) process.removeListener(name, handler);
      // Then die of the signal, as if no handler had been there.
      if (signal) process.kill(process.pid, signal);
      context.exitCode = ExitCode.pass;
    });
}
