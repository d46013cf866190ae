import { type CanonicalPath, canonicalizePath, type PathBase } from "./canonicalize-path.js";
import type { CedarAction } from "./cedar-schema.js";
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
  messageType?: string;
  /** Tool input with raw paths and command strings replaced by their canonical form. */
  input: Record<string, CedarValue>;
}

type Refusal = { ok: false; code: string; reason: string };

/** The canonical call, or why no canonical form exists (which always denies). */
export type Canonicalized =
  | { ok: true; call: CanonicalCall }
  | { ok: false; code: string; reason: string };

/**
 * Known tool input shapes, checked by hand rather than with zod: this file is
 * on the Claude Code hook's hot path, where zod's import alone costs ~40 ms.
 * `strict` shapes refuse unknown keys (fail closed).
 */
type FieldKind = "string" | "nonEmpty" | "position" | "boolean" | "positive" | "edits" | "strings";
interface Shape {
  required: Record<string, FieldKind>;
  optional: Record<string, FieldKind | readonly string[]>;
  strict: boolean;
}
const READ_SHAPE: Shape = {
  required: { file_path: "nonEmpty" },
  optional: { offset: "position", limit: "position" },
  strict: true,
};
const WRITE_SHAPE: Shape = {
  required: { file_path: "nonEmpty", content: "string" },
  optional: {},
  strict: true,
};
const EDIT_SHAPE: Shape = {
  required: { file_path: "nonEmpty", old_string: "string", new_string: "string" },
  optional: { replace_all: "boolean" },
  strict: true,
};
const MULTI_EDIT_SHAPE: Shape = {
  required: { file_path: "nonEmpty", edits: "edits" },
  optional: {},
  strict: true,
};
const NOTEBOOK_EDIT_SHAPE: Shape = {
  required: { notebook_path: "nonEmpty", new_source: "string" },
  optional: {
    cell_id: "string",
    cell_type: ["code", "markdown"],
    edit_mode: ["replace", "insert", "delete"],
  },
  strict: true,
};
const NOTEBOOK_READ_SHAPE: Shape = {
  required: { notebook_path: "nonEmpty" },
  optional: { cell_id: "string" },
  strict: true,
};
const GLOB_SHAPE: Shape = {
  required: { pattern: "nonEmpty" },
  optional: { path: "nonEmpty" },
  strict: true,
};
const GREP_SHAPE: Shape = {
  required: { pattern: "nonEmpty" },
  optional: {
    path: "nonEmpty",
    glob: "string",
    type: "string",
    output_mode: ["content", "files_with_matches", "count"],
  },
  strict: false,
};
const LS_SHAPE: Shape = {
  required: { path: "nonEmpty" },
  optional: { ignore: "strings" },
  strict: true,
};
const BASH_SHAPE: Shape = {
  required: { command: "nonEmpty" },
  optional: {
    timeout: "positive",
    description: "string",
    run_in_background: "boolean",
    dangerouslyDisableSandbox: "boolean",
  },
  strict: true,
};
const WEB_FETCH_SHAPE: Shape = {
  required: { url: "nonEmpty", prompt: "string" },
  optional: {},
  strict: true,
};

function fieldProblem(value: unknown, kind: FieldKind | readonly string[]): string | undefined {
  if (Array.isArray(kind))
    return kind.includes(value as string) ? undefined : `expected one of ${kind.join(", ")}`;
  switch (kind) {
    case "string":
      return typeof value === "string" ? undefined : "expected a string";
    case "nonEmpty":
      return typeof value === "string" && value.length > 0
        ? undefined
        : "expected a non-empty string";
    case "boolean":
      return typeof value === "boolean" ? undefined : "expected a boolean";
    case "position":
      return Number.isSafeInteger(value) && (value as number) >= 0
        ? undefined
        : "expected a non-negative integer";
    case "positive":
      return Number.isSafeInteger(value) && (value as number) > 0
        ? undefined
        : "expected a positive integer";
    case "strings":
      return Array.isArray(value) && value.every((item) => typeof item === "string")
        ? undefined
        : "expected a list of strings";
    case "edits":
      if (!Array.isArray(value) || value.length === 0) return "expected a non-empty list of edits";
      for (const edit of value) {
        if (typeof edit !== "object" || edit === null) return "each edit must be an object";
        const problem = checkShape(edit, {
          required: { old_string: "string", new_string: "string" },
          optional: { replace_all: "boolean" },
          strict: true,
        });
        if (problem) return problem;
      }
      return undefined;
    default:
      return "unexpected field kind";
  }
}

function checkShape(input: unknown, shape: Shape): string | undefined {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    return "expected an object";
  const record = input as Record<string, unknown>;
  for (const [key, kind] of Object.entries(shape.required)) {
    if (!(key in record)) return `${key}: required`;
    const problem = fieldProblem(record[key], kind);
    if (problem) return `${key}: ${problem}`;
  }
  for (const [key, value] of Object.entries(record)) {
    if (key in shape.required) continue;
    const kind = shape.optional[key];
    if (kind === undefined) {
      if (shape.strict) return `${key}: unknown field`;
      continue;
    }
    if (value === undefined) continue;
    const problem = fieldProblem(value, kind);
    if (problem) return `${key}: ${problem}`;
  }
  return undefined;
}

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
export const KNOWN_TOOLS: readonly string[] = [
  "Read",
  "Write",
  "Edit",
  "MultiEdit",
  "NotebookEdit",
  "NotebookRead",
  "Glob",
  "Grep",
  "LS",
  "Bash",
  "WebFetch",
  ...CALL_ONLY_TOOLS,
];

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
  const common = { agent: call.agent, tool, deleteCount: 0 };
  // biome-ignore lint/suspicious/noExplicitAny: each caller reads the fields its shape just checked.
  const shaped = (shape: Shape): Record<string, any> | Refusal => {
    const problem = checkShape(call.input, shape);
    if (problem === undefined) return call.input as Record<string, unknown>;
    return {
      ok: false,
      code: "tool/input-shape",
      reason: `${tool} input does not match its known shape (${problem})`,
    };
  };
  const isRefusal = (value: unknown): value is Refusal =>
    typeof value === "object" && value !== null && (value as { ok?: unknown }).ok === false;

  const pathAccess = (
    action: "read" | "write",
    raw: string,
    extra: Record<string, CedarValue> = {},
  ): Canonicalized => {
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
  };

  switch (tool) {
    case "Read": {
      const input = shaped(READ_SHAPE);
      return isRefusal(input) ? input : pathAccess("read", input.file_path);
    }
    case "Write": {
      const input = shaped(WRITE_SHAPE);
      return isRefusal(input) ? input : pathAccess("write", input.file_path);
    }
    case "Edit": {
      const input = shaped(EDIT_SHAPE);
      return isRefusal(input) ? input : pathAccess("write", input.file_path);
    }
    case "MultiEdit": {
      const input = shaped(MULTI_EDIT_SHAPE);
      return isRefusal(input)
        ? input
        : pathAccess("write", input.file_path, { edits: input.edits.length });
    }
    case "NotebookEdit": {
      const input = shaped(NOTEBOOK_EDIT_SHAPE);
      return isRefusal(input) ? input : pathAccess("write", input.notebook_path);
    }
    case "NotebookRead": {
      const input = shaped(NOTEBOOK_READ_SHAPE);
      return isRefusal(input) ? input : pathAccess("read", input.notebook_path);
    }
    case "LS": {
      const input = shaped(LS_SHAPE);
      return isRefusal(input) ? input : pathAccess("read", input.path);
    }
    case "Glob":
    case "Grep": {
      const input = shaped(tool === "Glob" ? GLOB_SHAPE : GREP_SHAPE);
      if (isRefusal(input)) return input;
      const patterns = [
        input.pattern,
        "glob" in input && typeof input.glob === "string" ? input.glob : "",
      ];
      if (tool === "Glob" && patterns.some(escapesDirectory)) {
        return {
          ok: false,
          code: "path/glob-escape",
          reason: "glob patterns may not be absolute or contain '..'",
        };
      }
      if (tool === "Grep" && escapesDirectory(patterns[1] ?? "")) {
        return {
          ok: false,
          code: "path/glob-escape",
          reason: "glob patterns may not be absolute or contain '..'",
        };
      }
      return pathAccess("read", input.path ?? base.cwd);
    }
    case "Bash": {
      const input = shaped(BASH_SHAPE);
      if (isRefusal(input)) return input;
      const parsed = parseCommand(input.command);
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
    case "WebFetch": {
      const input = shaped(WEB_FETCH_SHAPE);
      if (isRefusal(input)) return input;
      const host = canonicalHost(input.url);
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
    default: {
      const input = CALL_ONLY_TOOLS.has(tool) ? call.input : (call.input ?? {});
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
  }
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
