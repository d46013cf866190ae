import { type CanonicalPath, canonicalizePath, type PathBase } from "./canonicalize-path.js";
import type { CedarAction } from "./cedar-schema.js";
import { checkToolInput, TOOL_INPUT_SHAPES } from "./check-tool-input.js";
import { parseCommand } from "./parse-command.js";

/** A tool call as an adapter received it: nothing about it is trusted yet. */
export interface ToolCall {
  agent: string;
  tool: string;
  input: unknown;
}

/** A JSON value Cedar accepts in a context (no null, no floats, no reserved keys). */
export type CedarValue =
  | string
  | number
  | boolean
  | CedarValue[]
  | { [key: string]: CedarValue }
  | { __extn: { fn: string; arg: string } };

/** The one access a tool call makes, in the terms policies speak. */
export interface CanonicalCall {
  agent: string;
  tool: string;
  action: CedarAction;
  resource: { type: "Path" | "Command" | "Host" | "Tool" | "Agent"; id: string };
  /** Set for read/write: the canonical path. */
  path?: { inside: boolean; path: string };
  /** Set for exec: the parsed argv. */
  argv?: string[];
  /** Set for exec when the program runs another command (env, xargs, find -exec...). */
  wrapper?: string;
  deleteCount: number;
  /** Set for Glob and Grep: what they look for, which the built-in protection reads. */
  search?: SearchFilter;
  messageType?: string;
  /** Tool input with raw paths and command strings replaced by their canonical form. */
  input: Record<string, CedarValue>;
  /**
   * What the call carries beyond the access it makes: the text a Write
   * writes, an Edit's strings, MultiEdit's edits, a command's flags. Policy
   * decides on the access and never sees it (it can be megabytes); an
   * approval is bound to it too, so approving one content approves no other.
   */
  payload?: Record<string, unknown>;
}

/** What a Glob or Grep call looks for inside the folder it reads. */
export interface SearchFilter {
  tool: "Glob" | "Grep";
  /** Glob's file pattern, or Grep's regex. */
  pattern: string;
  /** Grep's file-name filter. */
  glob?: string;
  /** Grep's ripgrep file type. */
  type?: string;
  /** Grep's output_mode: content shows matching lines, the default only file names. */
  output?: string;
}

/** The canonical call, or why no canonical form exists (which always denies). */
export type Canonicalized =
  | { ok: true; call: CanonicalCall }
  | { ok: false; code: string; reason: string };

/** Claude Code tools that only call (no path, command or host of their own). */
const CALL_ONLY_TOOLS = new Set([
  "WebSearch",
  "Task",
  "TodoWrite",
  "TodoRead",
  "ExitPlanMode",
  "BashOutput",
  "KillShell",
  "KillBash",
  "SlashCommand",
  "Skill",
  "AskUserQuestion",
]);

/** Tool names whose shapes jig knows; anything else is an unknown or MCP tool. */
export const KNOWN_TOOLS: readonly string[] = [...TOOL_INPUT_SHAPES.keys(), ...CALL_ONLY_TOOLS];

/** A tool that reads or writes the one file or folder named by `field`. */
interface PathTool {
  action: "read" | "write";
  field: string;
  /** Context beyond the path, from the checked input. */
  extra?: (input: Record<string, unknown>) => Record<string, CedarValue>;
}

const PATH_TOOLS: ReadonlyMap<string, PathTool> = new Map<string, PathTool>([
  ["Read", { action: "read", field: "file_path" }],
  ["Write", { action: "write", field: "file_path" }],
  ["Edit", { action: "write", field: "file_path" }],
  [
    "MultiEdit",
    {
      action: "write",
      field: "file_path",
      extra: (input) => ({ edits: (input.edits as unknown[]).length }),
    },
  ],
  ["NotebookEdit", { action: "write", field: "notebook_path" }],
  ["NotebookRead", { action: "read", field: "notebook_path" }],
  ["LS", { action: "read", field: "path" }],
]);

/** Who makes the call; every canonical call starts with these. */
type CallCommon = Pick<CanonicalCall, "agent" | "tool" | "deleteCount">;

/**
 * Turn a raw tool call into the single access it makes, with every path
 * resolved and every command parsed. Policy only ever sees this result.
 * Anything that cannot be put in canonical form is refused here (fail closed).
 *
 * @example
 * canonicalizeCall({ agent: "coder", tool: "Bash", input: { command: "npm test" } }, base)
 * // { ok: true, call: { action: "exec", argv: ["npm", "test"], ... } }
 */
export function canonicalizeCall(call: ToolCall, base: PathBase): Canonicalized {
  if (typeof call.tool !== "string" || !/^[A-Za-z0-9_.:-]{1,200}$/.test(call.tool)) {
    return {
      ok: false,
      code: "tool/name",
      reason: "the tool name is missing or has unexpected characters",
    };
  }
  const tool = call.tool;
  const common: CallCommon = { agent: call.agent, tool, deleteCount: 0 };
  const shape = TOOL_INPUT_SHAPES.get(tool);
  if (shape === undefined) return canonicalizeToolCall(common, call.input);
  const problem = checkToolInput(call.input, shape);
  if (problem !== undefined) {
    return {
      ok: false,
      code: "tool/input-shape",
      reason: `${tool} input does not match its known shape (${problem})`,
    };
  }
  // Each branch reads only the fields the shape has just checked.
  const input = call.input as Record<string, unknown>;
  const pathTool = PATH_TOOLS.get(tool);
  const canonical =
    pathTool !== undefined
      ? pathAccess(
          common,
          base,
          pathTool.action,
          input[pathTool.field] as string,
          pathTool.extra?.(input),
        )
      : tool === "Glob" || tool === "Grep"
        ? canonicalizeSearch(common, base, call.input as SearchInput)
        : tool === "Bash"
          ? canonicalizeBash(common, input.command as string)
          : canonicalizeFetch(common, input.url as string);
  if (!canonical.ok) return canonical;
  const omit = Object.hasOwn(PAYLOAD_OMITS, tool) ? PAYLOAD_OMITS[tool] : pathTool?.field;
  const payload = payloadOf(input, omit ?? "");
  return payload === undefined ? canonical : { ok: true, call: { ...canonical.call, payload } };
}

/** The field each tool's resource is canonicalised from (path tools name theirs in PATH_TOOLS). */
const PAYLOAD_OMITS: Readonly<Record<string, string>> = {
  Glob: "path",
  Grep: "path",
  Bash: "command",
  WebFetch: "url",
};

/**
 * A checked input without the field its resource came from (already in
 * canonical form) and without `description`, the model's note about a
 * command, which changes nothing the command does.
 */
function payloadOf(
  input: Record<string, unknown>,
  resourceField: string,
): Record<string, unknown> | undefined {
  // fromEntries defines own keys, so an input key such as __proto__ stays data.
  const payload = Object.fromEntries(
    Object.entries(input).filter(([key]) => key !== resourceField && key !== "description"),
  );
  return Object.keys(payload).length > 0 ? payload : undefined;
}

function pathAccess(
  common: CallCommon,
  base: PathBase,
  action: "read" | "write",
  raw: string,
  extra: Record<string, CedarValue> = {},
): Canonicalized {
  const canonical = canonicalizePath(raw, base);
  if (!canonical.ok) return canonical;
  return {
    ok: true,
    call: {
      ...common,
      action,
      resource: { type: "Path", id: canonical.path },
      path: { inside: canonical.inside, path: canonical.path },
      input: { path: canonical.path, insideRepo: canonical.inside, ...extra },
    },
  };
}

/** Glob's and Grep's input, once checked against their shapes. */
interface SearchInput {
  pattern: string;
  glob?: string | undefined;
  path?: string | undefined;
  type?: string | undefined;
  output_mode?: string | undefined;
}

/**
 * Glob and Grep read the folder they search. Glob's pattern and Grep's `glob`
 * name files, so they may not climb out of it; Grep's `pattern` is a regex
 * over contents and may hold anything.
 */
function canonicalizeSearch(common: CallCommon, base: PathBase, input: SearchInput): Canonicalized {
  const glob = input.glob ?? "";
  const escapes =
    common.tool === "Glob"
      ? escapesDirectory(input.pattern) || escapesDirectory(glob)
      : escapesDirectory(glob);
  if (escapes) {
    return {
      ok: false,
      code: "path/glob-escape",
      reason: "glob patterns may not be absolute or contain '..'",
    };
  }
  const access = pathAccess(common, base, "read", input.path ?? base.cwd);
  if (!access.ok) return access;
  const search: SearchFilter = {
    tool: common.tool === "Glob" ? "Glob" : "Grep",
    pattern: input.pattern,
  };
  // Grep's shape is not strict: only string values are read as filters.
  if (typeof input.glob === "string" && input.glob !== "") search.glob = input.glob;
  if (typeof input.type === "string" && input.type !== "") search.type = input.type;
  if (typeof input.output_mode === "string") search.output = input.output_mode;
  return { ok: true, call: { ...access.call, search } };
}

function canonicalizeBash(common: CallCommon, command: string): Canonicalized {
  const parsed = parseCommand(command);
  if (!parsed.ok) return { ok: false, code: parsed.code, reason: parsed.reason };
  return {
    ok: true,
    call: {
      ...common,
      action: "exec",
      resource: { type: "Command", id: JSON.stringify(parsed.argv) },
      argv: parsed.argv,
      ...(parsed.wrapper ? { wrapper: parsed.wrapper } : {}),
      deleteCount: parsed.deleteCount,
      input: { argv: parsed.argv, program: parsed.argv[0] as string },
    },
  };
}

function canonicalizeFetch(common: CallCommon, url: string): Canonicalized {
  const host = canonicalHost(url);
  if (!host.ok) return host;
  return {
    ok: true,
    call: {
      ...common,
      action: "fetch",
      resource: { type: "Host", id: host.host },
      input: { host: host.host, url: host.url },
    },
  };
}

/** A call-only, MCP or unknown tool: the call itself, with its input made safe for Cedar. */
function canonicalizeToolCall(common: CallCommon, rawInput: unknown): Canonicalized {
  const { tool } = common;
  const input = CALL_ONLY_TOOLS.has(tool) ? rawInput : (rawInput ?? {});
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return {
      ok: false,
      code: "tool/input-shape",
      reason: `${tool} input must be a JSON object`,
    };
  }
  const sanitized = toCedarRecord(input as Record<string, unknown>);
  if (!sanitized.ok) return sanitized;
  return {
    ok: true,
    call: {
      ...common,
      action: "call",
      resource: { type: "Tool", id: tool },
      input: sanitized.value,
    },
  };
}

function escapesDirectory(pattern: string): boolean {
  return pattern.startsWith("/") || pattern.startsWith("~") || /(^|\/)\.\.(\/|$)/.test(pattern);
}

/** Lowercased host of an http(s) URL; other schemes and unparsable URLs are refused. */
export function canonicalHost(
  raw: string,
): { ok: true; host: string; url: string } | { ok: false; code: string; reason: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, code: "url/parse", reason: `'${raw.slice(0, 80)}' is not a URL` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return {
      ok: false,
      code: "url/scheme",
      reason: `only http and https URLs are allowed, not ${url.protocol}`,
    };
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  if (host.length === 0) return { ok: false, code: "url/host", reason: "the URL has no host" };
  return { ok: true, host, url: url.href };
}

const MAX_DEPTH = 8;

/**
 * Convert JSON into values Cedar's context accepts. Keys starting with `__`
 * would be read by Cedar as entity or extension references (an injection),
 * so they are refused; nulls are dropped; non-integers become decimals,
 * which no integer comparison accepts, so a policy on them errors and denies.
 */
export function toCedarRecord(
  value: Record<string, unknown>,
): { ok: true; value: Record<string, CedarValue> } | { ok: false; code: string; reason: string } {
  try {
    return { ok: true, value: convert(value, 0) as Record<string, CedarValue> };
  } catch (error) {
    return { ok: false, code: "tool/input-value", reason: (error as Error).message };
  }
}

function convert(value: unknown, depth: number): CedarValue | undefined {
  if (depth > MAX_DEPTH) throw new Error("tool input is nested too deeply");
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error("tool input has a non-finite number");
    if (Number.isSafeInteger(value)) return value;
    if (Number.isInteger(value))
      throw new Error("tool input has an integer too large to compare safely");
    return { __extn: { fn: "decimal", arg: value.toFixed(4) } };
  }
  if (Array.isArray(value)) {
    return value
      .map((item) => convert(item, depth + 1))
      .filter((item): item is CedarValue => item !== undefined);
  }
  if (typeof value === "object") {
    const record: Record<string, CedarValue> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key.startsWith("__")) throw new Error(`tool input key '${key}' is reserved`);
      const converted = convert(item, depth + 1);
      if (converted !== undefined) record[key] = converted;
    }
    return record;
  }
  throw new Error(`tool input has an unsupported ${typeof value} value`);
}

/** A stable one-line form of a canonical call, for approvals, audit and messages. */
export function describeCall(call: CanonicalCall): string {
  switch (call.action) {
    case "exec":
      return `${call.tool}: ${(call.argv ?? []).join(" ")}`;
    case "read":
    case "write":
      return `${call.tool} (${call.action}): ${call.path?.path ?? call.resource.id}`;
    case "fetch":
      return `${call.tool}: ${call.resource.id}`;
    default:
      return call.tool;
  }
}

export type { CanonicalPath };
