import { realpathSync } from "node:fs";
import { homedir } from "node:os";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import {
  createMcpGateway,
  createToolPinStore,
  sanitizeServerName,
} from "../../agents/mcp/index.js";
import { openGuardEnvironment, requireAgent } from "../../agents/runtime/index.js";
import { ExitCode, UsageError } from "../../core/index.js";
import type { CliContext } from "../cli-context.js";

/**
 * `jig guard mcp`: spawn the upstream MCP server, then serve the filtered,
 * authorized view of it on our own stdio until the client goes away.
 */
export async function runMcpGatewayCommand(
  context: CliContext,
  options: { agent: string; name?: string; upstream: string[] },
): Promise<number> {
  const [command, ...args] = options.upstream;
  // The name is the policy namespace (mcp__<name>__<tool>): taken from the
  // upstream, a server calling itself "github" would pick whose rules judge it.
  if (!options.name) {
    throw new UsageError(
      "--name is required: it names the server in policies (mcp__<name>__<tool>), which the upstream must not choose; e.g. --name github",
    );
  }
  if (!command)
    throw new UsageError("give the upstream server command after --, e.g. -- npx some-mcp-server");
  const environment = await openGuardEnvironment({
    cwd: context.cwd,
    env: context.env,
    now: context.now,
    adapter: "mcp",
    version: context.version,
  });
  requireAgent(environment, options.agent);
  const client = new Client({ name: "jig-gateway", version: context.version });
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(context.env)) if (value !== undefined) env[key] = value;
  // The upstream runs where the gateway was started, and resolves the
  // relative paths a file tool is given from there: so does the check.
  const cwd = realpathSync(context.cwd);
  await client.connect(new StdioClientTransport({ command, args, env, cwd, stderr: "inherit" }));
  const server = sanitizeServerName(options.name);
  const gateway = createMcpGateway({
    upstream: client,
    server,
    agent: options.agent,
    guard: environment.guard,
    engine: environment.engine,
    pins: createToolPinStore(environment.db),
    approvals: environment.approvals,
    audit: environment.audit,
    base: { repoRoot: environment.repoRoot, cwd, home: context.env.HOME ?? homedir() },
    now: context.now,
    specApproved: environment.specApproved,
    version: context.version,
  });
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    context.stdin.once("end", () => resolve());
  });
  await gateway.connect(transport);
  await closed;
  await client.close().catch(() => {});
  environment.close();
  return ExitCode.pass;
}
