import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  type CallToolResult,
  ListToolsRequestSchema,
} from "@modelcontextprotocol/sdk/types.js";
import type { Guard } from "../guard.js";
import type { MessageStore } from "../message-store.js";

export interface MessageBusOptions {
  /** The identity of this connection: every message it sends is from this agent. */
  agent: string;
  /** Guard without delegation: a send is authorized by the sender's own `messages` permissions. */
  guard: Guard;
  messages: MessageStore;
  /**
   * This connection's id. What it reads, it acts on until the message's
   * deadline or until the caller ends the session (`messages.endSession`)
   * when the connection closes.
   */
  session: string;
  knownAgents: ReadonlySet<string>;
  now: () => Date;
  version: string;
}

const TOOLS = [
  {
    name: "send_message",
    description:
      "Send a message to another agent. Allowed types and recipients come from your manifest's messages.",
    inputSchema: {
      type: "object" as const,
      properties: {
        to: { type: "string", description: "Recipient agent name" },
        type: { type: "string", description: "Message type, e.g. review-request" },
        body: { type: "string", description: "The message" },
      },
      required: ["to", "type", "body"],
      additionalProperties: false,
    },
  },
  {
    name: "read_inbox",
    description:
      "Read unread messages. For the rest of this session (or until the message's deadline), your actions are limited to what its senders may do too, and the messages you send carry them in their chain.",
    inputSchema: {
      type: "object" as const,
      properties: { limit: { type: "integer", minimum: 1, maximum: 100 } },
      additionalProperties: false,
    },
  },
  {
    name: "complete_message",
    description:
      "Mark a message you read as handled. The limits it imposed stay until its deadline or the end of this session.",
    inputSchema: {
      type: "object" as const,
      properties: { id: { type: "integer" } },
      required: ["id"],
      additionalProperties: false,
    },
  },
];

/**
 * `jig bus`: an MCP server where each connection is one agent. Sends are
 * authorized by the sender's `messages` permissions and stamped with its
 * delegation chain; reading a message makes the reader act on its senders'
 * behalf, so the guard authorizes the reader against the intersection of
 * permissions (no confused deputy). Completing the message does not end
 * that: the reader still holds the request, so only its deadline or the
 * end of the reading session does.
 */
export function createMessageBus(options: MessageBusOptions): Server {
  const server = new Server(
    { name: "jig-bus", version: options.version },
    { capabilities: { tools: {} } },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: TOOLS }));
  server.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
    const args = (request.params.arguments ?? {}) as Record<string, unknown>;
    switch (request.params.name) {
      case "send_message": {
        const { to, type, body } = args;
        if (typeof to !== "string" || typeof type !== "string" || typeof body !== "string") {
          return text("send_message needs string to, type and body", true);
        }
        if (!options.knownAgents.has(to)) return text(`denied: no agent '${to}'`, true);
        const decision = options.guard.checkCanonical({
          agent: options.agent,
          tool: "send_message",
          action: "send",
          resource: { type: "Agent", id: to },
          messageType: type,
          deleteCount: 0,
          input: { to, type },
          // An approved send covers this body only.
          payload: { body },
        });
        if (decision.decision !== "allow") return text(`denied: ${decision.reason}`, true);
        const chain = options.messages
          .chainFor(options.agent, options.now())
          .filter((member) => member !== options.agent);
        const message = options.messages.send({
          at: options.now().toISOString(),
          from: options.agent,
          to,
          type,
          body,
          chain,
        });
        return text(JSON.stringify({ id: message.id, chain: [...chain, options.agent] }));
      }
      case "read_inbox": {
        const limit =
          typeof args.limit === "number" ? Math.min(Math.max(1, Math.floor(args.limit)), 100) : 20;
        const inbox = options.messages.readInbox(options.agent, {
          now: options.now(),
          session: options.session,
          limit,
        });
        return text(
          JSON.stringify(
            inbox.map((message) => ({ ...message, chain: [...message.chain, message.from] })),
          ),
        );
      }
      case "complete_message": {
        if (typeof args.id !== "number") return text("complete_message needs an integer id", true);
        const done = options.messages.done(options.agent, args.id, options.now());
        return done
          ? text(
              `message ${args.id} done; acting on its senders' behalf goes on until its deadline or the end of this session`,
            )
          : text(`no message ${args.id} in progress for ${options.agent}`, true);
      }
      default:
        return text(`unknown tool ${request.params.name}`, true);
    }
  });
  return server;
}

function text(value: string, isError = false): CallToolResult {
  return { content: [{ type: "text", text: value }], ...(isError ? { isError: true } : {}) };
}
