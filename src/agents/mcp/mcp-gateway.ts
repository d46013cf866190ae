import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  type CallToolResult,
  ListToolsRequestSchema,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import type { ApprovalStore } from "../approval-store.js";
import type { AuditLog } from "../audit-log.js";
import type { PathBase } from "../canonicalize-path.js";
import type { Guard } from "../guard.js";
import type { PolicyEngine } from "../policy-engine.js";
import { checkFileToolCall } from "./check-file-tool-call.js";
import { FILE_TOOLS, type FileToolTable, fileToolArguments } from "./file-tool-arguments.js";
import { hashToolDefinition, stableJson, type ToolPinStore } from "./tool-pins.js";

/** The policy id audit records of tool-pin events carry. */
export const TOOL_PIN_POLICY = "jig.mcp.tool-pin";

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
  /** Where tools that appear or change mid-session are recorded. */
  audit?: AuditLog;
  /**
   * Where the upstream resolves relative paths (its working folder), for
   * the path arguments of file tools.
   */
  base: PathBase;
  /** File tools whose path arguments are held to files.read/files.write; FILE_TOOLS by default. */
  fileTools?: FileToolTable;
  now: () => Date;
  specApproved: boolean;
  version: string;
}

/** `ask`: a human approval would unblock the tool; `deny`: nothing will while it stays so. */
type ToolState =
  | { tool: Tool; status: "ok" }
  | { tool: Tool; status: "blocked"; decision: "ask" | "deny"; reason: string };

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
  const fileTools = options.fileTools ?? FILE_TOOLS;
  const fileCheck = {
    guard: options.guard,
    base: options.base,
    audit: options.audit,
    now: options.now,
  };
  let catalog: Map<string, ToolState> | undefined;
  let loading: Promise<Map<string, ToolState>> | undefined;
  // The tool names of the session's first tools/list. Only those are
  // trusted on first use; a tool that shows up later (added, or renamed,
  // even by case) waits for a human, as a changed definition does.
  let firstSeen: ReadonlySet<string> | undefined;
  // What was already written to the audit log this session, so a blocked
  // tool is recorded once, not on every tools/list.
  const audited = new Set<string>();

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
          decision: "deny",
          reason: `upstream lists more than one tool named ${tool.name}`,
        });
        continue;
      }
      states.set(tool.name, checkPin(tool, firstSeen));
    }
    firstSeen ??= new Set(tools.map((tool) => tool.name));
    catalog = states;
    return states;
  }

  function checkPin(tool: Tool, known: ReadonlySet<string> | undefined): ToolState {
    const hash = hashToolDefinition(tool);
    const definition = stableJson(tool);
    const pinned = options.pins.get(serverName, tool.name);
    const now = options.now();
    if (pinned?.hash === hash) return { tool, status: "ok" };
    if (!pinned && known === undefined) {
      options.pins.pin(serverName, tool.name, hash, definition, now);
      return { tool, status: "ok" };
    }
    const qualified = `mcp__${serverName}__${tool.name}`;
    const change = pinned ? "changed" : "appeared";
    const reason = pinned
      ? `the upstream changed ${tool.name}'s description or schema since it was pinned`
      : `the upstream added ${tool.name} after the session's first tools/list${renamedFrom(tool.name, known)}; a tool that appears mid-session is not trusted on first use`;
    const approval = options.approvals?.request(
      {
        kind: "tool-pin",
        agent,
        tool: qualified,
        callKey: hash,
        summary: pinned
          ? `definition of ${qualified} changed`
          : `new tool ${qualified} appeared mid-session`,
        input: definition,
        reason,
        policies: [TOOL_PIN_POLICY],
      },
      now,
    );
    const approved = approval?.status === "approved";
    if (approved) options.pins.pin(serverName, tool.name, hash, definition, now);
    const auditKey = `${tool.name}\0${hash}\0${approved}`;
    if (!audited.has(auditKey)) {
      audited.add(auditKey);
      options.audit?.append({
        at: now.toISOString(),
        agent,
        tool: qualified,
        adapter: "mcp",
        input: stableJson({ event: `tool-${change}`, definitionSha256: hash }),
        decision: approved ? "allow" : "ask",
        reason: approved ? `${reason}; pinned as approved in ${approval.id}` : reason,
        policies: [TOOL_PIN_POLICY],
        ...(approval ? { approvalId: approval.id } : {}),
      });
    }
    if (approved) return { tool, status: "ok" };
    const what = pinned
      ? `${qualified} changed its description or schema since it was pinned`
      : `${qualified} appeared after the session's first tools/list${renamedFrom(tool.name, known)}`;
    return {
      tool,
      status: "blocked",
      decision: "ask",
      reason: `${what}; blocked until approved${approval ? ` (jig approvals approve ${approval.id})` : ""}`,
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
    const cached = (await tools()).get(name);
    // A tool blocked when the catalog was read may have been approved since.
    const state = cached?.status === "ok" ? cached : (await refresh()).get(name);
    if (!state) return refusal(`jig: upstream ${serverName} has no tool ${name}`);
    if (state.status === "blocked") {
      return refusal(
        state.decision === "ask"
          ? `jig: needs a human approval: ${state.reason}`
          : `jig: ${state.reason}`,
      );
    }
    const qualifiedName = `mcp__${serverName}__${name}`;
    const args = request.params.arguments ?? {};
    const fileTool = fileToolArguments(fileTools, name);
    const decision =
      (fileTool &&
        checkFileToolCall(fileCheck, {
          agent,
          tool: qualifiedName,
          args,
          spec: fileTool,
        })) ??
      options.guard.check({ agent, tool: qualifiedName, input: args });
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

/** ` (it differs from refund only in case)` when a session tool has the same name but for case. */
function renamedFrom(name: string, known: ReadonlySet<string> | undefined): string {
  const lower = name.toLowerCase();
  const twin = [...(known ?? [])].find((other) => other !== name && other.toLowerCase() === lower);
  return twin === undefined ? "" : ` (it differs from ${twin} only in case)`;
}

function refusal(text: string): CallToolResult {
  return { isError: true, content: [{ type: "text", text }] };
}
