/**
 * The MCP-speaking enforcement points: the gateway in front of an upstream
 * server and the agent message bus. Separate from `../index.ts` so that the
 * MCP SDK loads only for the commands that speak MCP.
 */
export { createMcpGateway, type McpGatewayOptions } from "./mcp-gateway.js";
export { createMessageBus, type MessageBusOptions } from "./message-bus.js";
export {
  createToolPinStore,
  hashToolDefinition,
  sanitizeServerName,
  stableJson,
  type ToolDefinition,
  type ToolPinStore,
} from "./tool-pins.js";
