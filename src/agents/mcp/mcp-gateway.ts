import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  type CallToolResult,
  ListToolsRequestSchema,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import type { ApprovalStore } from "../approval-store.js";
import type { Guard } from "../guard.js";
import type { PolicyEngine } from "../policy-engine.js";
import { hashToolDefinition, stableJson, type ToolPinStore } from "./tool-pins.js";

export interface McpGatewayOptions {
  /** A connected client of the upstream server. */
  upstream: Client;
  /** Sanitised server name used in policies: mcp__<server>__<tool>. */
  server: string;
  agent: string;
  guard: Guard;
  engine: PolicyEngine;
  pins: ToolPinStore;
  approvals?: ApprovalStore;
  now: () => Date;
  specApproved: boolean;
  version: string;
}

type ToolState = { tool: Tool; status: "ok" } | { tool: Tool; status: "blocked"; reason: string };

/**
 * An MCP server that fronts `upstream`: `tools/list` shows only the tools the
 * agent may use, `tools/call` goes through the guard with the arguments as
 * context, and tool definitions are pinned by hash, so an upstream that
 * changes a tool's description or schema cannot slip it past the policy.
 *
 * @example
 * const server = createMcpGateway({ upstream, server: "github", agent: "coder", ... });
 * await server.connect(new StdioServerTransport());
 */
export function createMcpGateway(options: McpGatewayOptions): Server {
  const { upstream, server: serverName, agent } = options;
  let catalog: Map<string, ToolState> | undefined;
  let loading: Promise<Map<string, ToolState>> | undefined;

  async function refresh(): Promise<Map<string, ToolState>> {
    const tools: Tool[] = [];
    let cursor: string | undefined;
    do {
      const page = await upstream.listTools(cursor ? { cursor } : {});
      tools.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor);
    const counts = new Map<string, number>();
    for (const tool of tools) counts.set(tool.name, (counts.get(tool.name) ?? 0) + 1);
    const states = new Map<string, ToolState>();
    for (const tool of tools) {
      if ((counts.get(tool.name) ?? 0) > 1) {
        states.set(tool.name, {
          tool,
          status: "blocked",
          reason: `upstream lists more than one tool named ${tool.name}`,
        });
        continue;
      }
      states.set(tool.name, checkPin(tool));
    }
    catalog = states;
    return states;
  }

  function checkPin(tool: Tool): ToolState {
    const hash = hashToolDefinition(tool);
    const definition = stableJson(tool);
    const pinned = options.pins.get(serverName, tool.name);
    const now = options.now();
    if (!pinned) {
      options.pins.pin(serverName, tool.name, hash, definition, now);
      return { tool, status: "ok" };
    }
    if (pinned.hash === hash) return { tool, status: "ok" };
    const qualified = `mcp__${serverName}__${tool.name}`;
    const approval = options.approvals?.request(
      {
        kind: "tool-pin",
        agent,
        tool: qualified,
        callKey: hash,
        summary: `definition of ${qualified} changed`,
        input: definition,
        reason: `the upstream changed ${tool.name}'s description or schema since it was pinned`,
        policies: [],
      },
      now,
    );
    if (approval?.status === "approved") {
      options.pins.pin(serverName, tool.name, hash, definition, now);
      return { tool, status: "ok" };
    }
    return {
      tool,
      status: "blocked",
      reason: `${qualified} changed its description or schema since it was pinned; blocked until approved${approval ? ` (jig approvals approve ${approval.id})` : ""}`,
    };
  }

  async function tools(): Promise<Map<string, ToolState>> {
    if (catalog) return catalog;
    loading ??= refresh().finally(() => {
      loading = undefined;
    });
    return loading;
  }

  const gateway = new Server(
    { name: `jig-gateway-${serverName}`, version: options.version },
    { capabilities: { tools: {} } },
  );

  gateway.setRequestHandler(ListToolsRequestSchema, async () => {
    const states = await refresh();
    const visible: Tool[] = [];
    for (const state of states.values()) {
      if (state.status !== "ok") continue;
      const decision = options.engine.decide(
        {
          agent,
          tool: `mcp__${serverName}__${state.tool.name}`,
          action: "call",
          resource: { type: "Tool", id: `mcp__${serverName}__${state.tool.name}` },
          deleteCount: 0,
          input: {},
        },
        { specApproved: options.specApproved },
      );
      // The probe has no arguments, so argument rules (authority) fail
      // closed on it; a tool only they deny is still callable with
      // arguments they accept, and each call is checked with its own.
      const onlyArgumentRules =
        decision.policies.length > 0 &&
        decision.policies.every((id) => options.engine.info(id)?.inputChecks !== undefined);
      if (decision.decision !== "deny" || onlyArgumentRules) visible.push(state.tool);
    }
    return { tools: visible };
  });

  gateway.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
    const name = request.params.name;
    const states = await tools();
    const state = states.get(name) ?? (await refresh()).get(name);
    if (!state) return refusal(`jig: upstream ${serverName} has no tool ${name}`);
    if (state.status === "blocked") return refusal(`jig: ${state.reason}`);
    const qualifiedName = `mcp__${serverName}__${name}`;
    const decision = options.guard.check({
      agent,
      tool: qualifiedName,
      input: request.params.arguments ?? {},
    });
    if (decision.decision === "allow") {
      const result = await upstream.callTool({
        name,
        ...(request.params.arguments ? { arguments: request.params.arguments } : {}),
      });
      return result as CallToolResult;
    }
    if (decision.decision === "ask") {
      return refusal(
        `jig: needs a human approval${decision.approvalId ? ` (${decision.approvalId})` : ""}: ${decision.reason}`,
      );
    }
    return refusal(`jig: denied ${qualifiedName}: ${decision.reason}`);
  });

  return gateway;
}

function refusal(text: string): CallToolResult {
  return { isError: true, content: [{ type: "text", text }] };
}
