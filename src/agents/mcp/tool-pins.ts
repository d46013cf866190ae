import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import { stableJson } from "../../core/stable-json.js";

// Kept here too: the MCP adapters' public exports have always included it.
export { stableJson };

/** What of an MCP tool definition is pinned: a change to any of it is a new tool. */
export interface ToolDefinition {
  name: string;
  description?: string | undefined;
  inputSchema?: unknown;
  outputSchema?: unknown;
  annotations?: unknown;
  title?: string | undefined;
}

/** The pin of a tool definition: sha256 of its name, description, schemas, title and annotations. */
export function hashToolDefinition(tool: ToolDefinition): string {
  const pinned = {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: tool.inputSchema,
    outputSchema: tool.outputSchema,
    annotations: tool.annotations,
  };
  return createHash("sha256").update(stableJson(pinned)).digest("hex");
}

/** Pinned MCP tool definitions per server (trust on first use, then only by approval). */
export interface ToolPinStore {
  get(server: string, tool: string): { hash: string; definition: string } | undefined;
  pin(server: string, tool: string, hash: string, definition: string, now: Date): void;
}

export function createToolPinStore(db: Database.Database): ToolPinStore {
  return {
    get(server, tool) {
      return db
        .prepare<[string, string], { hash: string; definition: string }>(
          "SELECT hash, definition FROM mcp_tool_pins WHERE server = ? AND tool = ?",
        )
        .get(server, tool);
    },
    pin(server, tool, hash, definition, now) {
      db.prepare(
        `INSERT INTO mcp_tool_pins (server, tool, hash, definition, pinned_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (server, tool) DO UPDATE SET hash = excluded.hash, definition = excluded.definition, pinned_at = excluded.pinned_at`,
      ).run(server, tool, hash, definition, now.toISOString());
    },
  };
}

/**
 * A server name as it appears in `mcp__<server>__<tool>`: lowercase letters,
 * digits and single underscores, so no server name can contain the `__`
 * separator and collide with another server's tool.
 */
export function sanitizeServerName(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^_|_$/g, "");
  return cleaned.length > 0 ? cleaned.slice(0, 64) : "upstream";
}
