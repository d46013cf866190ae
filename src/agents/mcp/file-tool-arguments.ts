/**
 * The path arguments of MCP file tools, so the gateway can hold them to the
 * agent's `files.read` and `files.write` as the hook holds Read and Write.
 * Keyed by the upstream's tool name without case, whatever the server is
 * called: the names below are the official filesystem server's
 * (@modelcontextprotocol/server-filesystem); a tool with another name can
 * be added here, or passed to the gateway in its own table.
 */

/** Which arguments of a tool name paths, by what the tool does to them. `name[]`: an array of paths. */
export interface FileToolArguments {
  read?: readonly string[];
  write?: readonly string[];
}

/** Known file tools, by lowercased tool name. */
export type FileToolTable = ReadonlyMap<string, FileToolArguments>;

export const FILE_TOOLS: FileToolTable = new Map<string, FileToolArguments>([
  ["read_file", { read: ["path"] }],
  ["read_text_file", { read: ["path"] }],
  ["read_media_file", { read: ["path"] }],
  ["read_multiple_files", { read: ["paths[]"] }],
  ["write_file", { write: ["path"] }],
  ["edit_file", { write: ["path"] }],
  ["create_directory", { write: ["path"] }],
  ["list_directory", { read: ["path"] }],
  ["list_directory_with_sizes", { read: ["path"] }],
  ["directory_tree", { read: ["path"] }],
  // A move deletes its source: both ends are writes.
  ["move_file", { write: ["source", "destination"] }],
  ["search_files", { read: ["path"] }],
  ["get_file_info", { read: ["path"] }],
  // Names folders the server was started with, none the agent chose.
  ["list_allowed_directories", {}],
]);

/** One path a file-tool call touches, as the agent sent it. */
export interface PathArgument {
  action: "read" | "write";
  /** The argument it came from, e.g. `paths[1]`. */
  argument: string;
  raw: string;
}

const MAX_PATHS = 256;

/**
 * The paths a call to a known file tool touches, or why they cannot be read
 * from its arguments (a named argument missing, or not a string): the call
 * is then refused, since the upstream might fall back to a default folder.
 *
 * @example
 * pathArguments({ write: ["source", "destination"] }, { source: "a", destination: "b" })
 * // { ok: true, paths: [{ action: "write", argument: "source", raw: "a" }, ...] }
 */
export function pathArguments(
  spec: FileToolArguments,
  args: Readonly<Record<string, unknown>>,
): { ok: true; paths: PathArgument[] } | { ok: false; reason: string } {
  const paths: PathArgument[] = [];
  const groups = [
    ["read", spec.read ?? []],
    ["write", spec.write ?? []],
  ] as const;
  for (const [action, names] of groups) {
    for (const name of names) {
      const many = name.endsWith("[]");
      const key = many ? name.slice(0, -2) : name;
      // Own properties only: `toString` or `__proto__` are never arguments.
      const value = Object.hasOwn(args, key) ? args[key] : undefined;
      const values = many ? value : [value];
      if (!Array.isArray(values) || values.length > MAX_PATHS) {
        return {
          ok: false,
          reason: `argument ${key} must be an array of at most ${MAX_PATHS} paths`,
        };
      }
      for (const [index, item] of values.entries()) {
        const argument = many ? `${key}[${index}]` : key;
        if (typeof item !== "string" || item.length === 0) {
          return { ok: false, reason: `argument ${argument} must be a path` };
        }
        paths.push({ action, argument, raw: fileUriPath(item) });
      }
    }
  }
  return { ok: true, paths };
}

/** The path of a `file://` URI, which some servers accept; anything else as it is. */
function fileUriPath(value: string): string {
  if (!value.startsWith("file://")) return value;
  try {
    return decodeURIComponent(new URL(value).pathname);
  } catch {
    // Undecodable: checked as written, which names no real file.
    return value;
  }
}

/** The table's entry for an upstream tool name, matched without case. */
export function fileToolArguments(
  table: FileToolTable,
  tool: string,
): FileToolArguments | undefined {
  return table.get(tool.toLowerCase());
}
