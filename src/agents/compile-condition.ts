import type { CedarValue } from "./canonicalize-call.js";

/**
 * A tool input field an `authority` condition names, and the type the
 * condition reads it as. `present` is any value: the field is named but
 * nothing it is compared with says what type it must have.
 */
export interface InputCheck {
  path: string[];
  type: "long" | "string" | "boolean" | "present";
}

/** An `authority.when` condition in Cedar, plus the input checks that make it fail closed. */
export interface CompiledCondition {
  cedar: string;
  checks: InputCheck[];
}

const KEYWORDS = new Set([
  "true",
  "false",
  "if",
  "then",
  "else",
  "like",
  "has",
  "in",
  "is",
  "principal",
  "action",
  "resource",
  "context",
]);

type Token =
  | { kind: "field"; path: string[] }
  | { kind: "number" | "string" | "op" | "word" | "other"; text: string };

const ORDERING = new Set(["<", "<=", ">", ">="]);
const ARITHMETIC = new Set(["+", "-", "*"]);

/**
 * Rewrite an `authority.when` condition so bare names read tool input
 * fields (`input.x` is accepted as a spelling of the same thing), and list
 * what each named field must be for the condition to mean what it says.
 *
 * The Cedar reads `context.failClosed.contains(policyId) || (condition)`:
 * the engine puts the policy's id in `context.failClosed` when any named
 * field is absent (null is dropped on the way to Cedar, so null is absent
 * too) or not of the type it is compared as, so the rule fires. Checking
 * per field rather than guarding each term with `has` keeps `||` and `!`
 * from turning a missing field into a pass: `!(amount > 5)` and
 * `amount > 1000 || currency != "USD"` fire when a field is missing.
 *
 * @example
 * compileCondition("amount > 500", "ops.authority.0")
 * // { cedar: '(context.failClosed.contains("ops.authority.0") || (context.input.amount > 500))',
 * //   checks: [{ path: ["amount"], type: "long" }] }
 */
export function compileCondition(when: string, policyId: string): CompiledCondition {
  const tokens: Token[] = [];
  let output = "";
  let index = 0;
  while (index < when.length) {
    const rest = when.slice(index);
    const space = /^\s+/.exec(rest)?.[0];
    if (space) {
      output += space;
      index += space.length;
      continue;
    }
    if (rest[0] === '"') {
      let end = 1;
      while (end < rest.length && rest[end] !== '"') end += rest[end] === "\\" ? 2 : 1;
      const text = rest.slice(0, end + 1);
      tokens.push({ kind: "string", text });
      output += text;
      index += text.length;
      continue;
    }
    const field = readField(rest, tokens);
    if (field) {
      tokens.push({ kind: "field", path: field.path });
      output += `context.input.${field.path.join(".")}`;
      index += field.length;
      continue;
    }
    const token =
      /^\d+/.exec(rest)?.[0] ??
      /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest)?.[0] ??
      /^(==|!=|<=|>=|&&|\|\||[<>+\-*!])/.exec(rest)?.[0] ??
      (rest[0] as string);
    const kind = /^\d/.test(token)
      ? "number"
      : /^[A-Za-z_]/.test(token)
        ? "word"
        : /^[=!<>+\-*]/.test(token) && token !== "!"
          ? "op"
          : "other";
    tokens.push({ kind, text: token });
    output += token;
    index += token.length;
  }
  const checks = inputChecks(tokens);
  const cedar =
    checks.length === 0
      ? `(${output})`
      : `(context.failClosed.contains(${JSON.stringify(policyId)}) || (${output}))`;
  return { cedar, checks };
}

/**
 * A field reference at the start of `rest`: a bare name that is no keyword,
 * attribute or function, or `input.name`, followed by any `.name` segments
 * that are not method calls (`tags.contains(...)` names `tags`).
 */
function readField(
  rest: string,
  tokens: readonly Token[],
): { path: string[]; length: number } | undefined {
  const identifier = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest)?.[0];
  if (!identifier) return undefined;
  const previous = tokens.at(-1);
  if (previous?.kind === "other" && previous.text === ".") return undefined;
  const after = rest.slice(identifier.length);
  if (/^\s*(\(|::)/.test(after) || KEYWORDS.has(identifier)) return undefined;
  const path: string[] = [];
  let length = identifier.length;
  if (identifier !== "input" || !/^\s*\.\s*[A-Za-z_]/.test(after)) path.push(identifier);
  for (;;) {
    const segment = /^\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)(?![A-Za-z0-9_]|\s*\()/.exec(
      rest.slice(length),
    );
    if (!segment) break;
    path.push(segment[1] as string);
    length += segment[0].length;
  }
  return { path, length };
}

/** What each field must be: compared with a number or in arithmetic a Long, with a string a String. */
function inputChecks(tokens: readonly Token[]): InputCheck[] {
  const checks = new Map<string, InputCheck>();
  const add = (path: string[], type: InputCheck["type"]): void => {
    const key = `${path.join(".")}:${type}`;
    if (!checks.has(key)) checks.set(key, { path, type });
  };
  tokens.forEach((token, at) => {
    if (token.kind !== "field") return;
    add(token.path, "present");
    for (const [op, other] of [
      [tokens[at + 1], tokens[at + 2]],
      [tokens[at - 1], tokens[at - 2]],
    ]) {
      if (op?.kind === "word" && op.text === "like") add(token.path, "string");
      if (op?.kind !== "op") continue;
      if (ORDERING.has(op.text) || ARITHMETIC.has(op.text)) add(token.path, "long");
      else if (other?.kind === "number" || (other?.kind === "op" && other.text === "-"))
        add(token.path, "long");
      else if (other?.kind === "string") add(token.path, "string");
      else if (other?.kind === "word" && (other.text === "true" || other.text === "false"))
        add(token.path, "boolean");
    }
  });
  return [...checks.values()];
}

/**
 * Whether `input` breaks any of a rule's checks: a field absent, or not the
 * type its condition compares it as. Floats reach Cedar as decimals and
 * strings stay strings, so neither passes as a Long.
 */
export function failsClosed(
  input: Record<string, CedarValue>,
  checks: readonly InputCheck[],
): boolean {
  for (const check of checks) {
    let value: CedarValue | undefined = input;
    for (const key of check.path) {
      value =
        typeof value === "object" && !Array.isArray(value) && Object.hasOwn(value, key)
          ? (value as Record<string, CedarValue>)[key]
          : undefined;
      if (value === undefined) return true;
    }
    if (check.type === "long" && typeof value !== "number") return true;
    if (check.type === "string" && typeof value !== "string") return true;
    if (check.type === "boolean" && typeof value !== "boolean") return true;
  }
  return false;
}
