/*
 * Known tool input shapes, checked by hand rather than with zod: this file is
 * on the Claude Code hook's hot path, where zod's import alone costs ~40 ms.
 * `strict` shapes refuse unknown keys (fail closed).
 */

type FieldKind = "string" | "nonEmpty" | "position" | "boolean" | "positive" | "edits" | "strings";
export interface Shape {
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
/** One entry of MultiEdit's `edits`. */
const EDIT_ITEM_SHAPE: Shape = {
  required: { old_string: "string", new_string: "string" },
  optional: { replace_all: "boolean" },
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

/** The input shape of each tool jig knows, by tool name. */
export const TOOL_INPUT_SHAPES: ReadonlyMap<string, Shape> = new Map([
  ["Read", READ_SHAPE],
  ["Write", WRITE_SHAPE],
  ["Edit", EDIT_SHAPE],
  ["MultiEdit", MULTI_EDIT_SHAPE],
  ["NotebookEdit", NOTEBOOK_EDIT_SHAPE],
  ["NotebookRead", NOTEBOOK_READ_SHAPE],
  ["Glob", GLOB_SHAPE],
  ["Grep", GREP_SHAPE],
  ["LS", LS_SHAPE],
  ["Bash", BASH_SHAPE],
  ["WebFetch", WEB_FETCH_SHAPE],
]);

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
        const problem = checkToolInput(edit, EDIT_ITEM_SHAPE);
        if (problem) return problem;
      }
      return undefined;
    default:
      return "unexpected field kind";
  }
}

/**
 * Why `input` does not fit `shape`, as `field: problem`, or undefined when it
 * fits. The first problem only: a refused call needs one reason, not a list.
 */
export function checkToolInput(input: unknown, shape: Shape): string | undefined {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    return "expected an object";
  const record = input as Record<string, unknown>;
  // Own keys only: `in` and plain lookups also see Object.prototype, which let
  // `constructor` or `__proto__` pass a strict shape as if it were declared.
  for (const [key, kind] of Object.entries(shape.required)) {
    if (!Object.hasOwn(record, key)) return `${key}: required`;
    const problem = fieldProblem(record[key], kind);
    if (problem) return `${key}: ${problem}`;
  }
  for (const [key, value] of Object.entries(record)) {
    if (Object.hasOwn(shape.required, key)) continue;
    const kind = Object.hasOwn(shape.optional, key) ? shape.optional[key] : undefined;
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
