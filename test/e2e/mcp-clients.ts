import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterEach } from "vitest";
import { JIG_BIN } from "./run-jig.js";

/** What {@link useJigMcpClients} gives a test file. */
export interface JigMcpClients {
  /**
   * Start the built `jig` with `args` (`bus --agent ops`, `guard mcp ...`) in
   * `cwd` and connect an MCP client to it over stdio. It is closed after the
   * test.
   */
  connect(
    args: readonly string[],
    options: { cwd: string; name?: string; env?: Record<string, string> },
  ): Promise<Client>;
  /** Close `client` after the test too (one a test connected itself). */
  track(client: Client): void;
}

/**
 * MCP clients of the real `jig` processes a test starts, closed after each
 * test. The child gets this process's environment without JIG_DEBUG, so a
 * debug run of the suite does not change what the tests see.
 */
export function useJigMcpClients(): JigMcpClients {
  const clients: Client[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
  });
  return {
    async connect(args, options) {
      const env: Record<string, string> = {};
      for (const [key, value] of Object.entries(process.env)) {
        if (value !== undefined && key !== "JIG_DEBUG") env[key] = value;
      }
      Object.assign(env, options.env);
      const client = new Client({ name: options.name ?? "agent", version: "1" });
      await client.connect(
        new StdioClientTransport({
          command: process.execPath,
          args: [JIG_BIN, ...args],
          cwd: options.cwd,
          env,
          stderr: "ignore",
        }),
      );
      clients.push(client);
      return client;
    },
    track(client) {
      clients.push(client);
    },
  };
}

/** The text parts of a tool result, joined by lines. */
export function toolText(result: Awaited<ReturnType<Client["callTool"]>>): string {
  return (result.content as Array<{ text: string }>).map((part) => part.text).join("\n");
}
