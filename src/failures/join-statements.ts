import type { Hunk } from "../core/index.js";

/** One logical statement spread over several lines, with at least one of them added. */
export interface Statement {
  /** The lines joined as one line would read (see {@link joinStatementLines}). */
  text: string;
  startLine: number;
  endLine: number;
  /** `[start, end)` offsets in `text` of the parts that came from added lines. */
  added: Array<[number, number]>;
}

/** A statement longer than this many lines is cut there: an unclosed bracket must not swallow a file. */
export const MAX_STATEMENT_LINES = 30;
/** Lines longer than this (minified code) never join a statement. */
const MAX_JOIN_LINE_CHARS = 2_000;

type Syntax = "python" | "c-like";

/** Python comments start with `#`; JS, TS and Go (and the rest) with `//`. */
export function syntaxForPath(path: string): Syntax {
  return /\.(?:py|pyi|pyw)$/i.test(path) ? "python" : "c-like";
}

/** Quote state carried from one line to the next: only multi-line strings survive a line end. */
type Carry = "" | "`" | '"""' | "'''";

interface LineScan {
  /** Open parentheses and square brackets minus closed ones, outside strings and comments. */
  delta: number;
  carry: Carry;
  /** The line asks for the next one: a trailing `\` or a binary `+`. */
  continues: boolean;
}

/**
 * Scan one line for brackets outside strings and comments. Cheap and
 * approximate on purpose (no regex literals, no nested templates): a wrong
 * guess only joins or splits a statement, and the cap bounds the damage.
 */
export function scanLine(text: string, syntax: Syntax, carry: Carry): LineScan {
  let delta = 0;
  // 0: code; else the quote's char code, tripled (Python) when `triple`.
  let quote = carry === "" ? 0 : carry.charCodeAt(0);
  let triple = carry.length === 3;
  let lastCode = -1;
  const python = syntax === "python";
  const length = text.length;
  // charCodeAt and a switch: this loop runs over every added and context line of a change.
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (quote !== 0) {
      if (code === BACKSLASH) index++;
      else if (code === quote) {
        if (!triple) quote = 0;
        else if (text.charCodeAt(index + 1) === quote && text.charCodeAt(index + 2) === quote) {
          index += 2;
          quote = 0;
          triple = false;
        }
        if (quote === 0) lastCode = index;
      }
      continue;
    }
    switch (code) {
      case HASH:
        if (python) index = length;
        break;
      case SLASH:
        if (!python && text.charCodeAt(index + 1) === SLASH) index = length;
        break;
      case DOUBLE:
      case SINGLE:
        quote = code;
        if (python && text.charCodeAt(index + 1) === code && text.charCodeAt(index + 2) === code) {
          triple = true;
          index += 2;
        }
        break;
      case BACKTICK:
        quote = code;
        break;
      // Braces are not counted: in JS and Go they open blocks, and a function
      // body is not one statement. An object passed to a call is inside its `(`.
      case OPEN_PAREN:
      case OPEN_BRACKET:
        delta++;
        break;
      case CLOSE_PAREN:
      case CLOSE_BRACKET:
        delta--;
        break;
    }
    if (index < length && code !== SPACE && code !== TAB) lastCode = index;
  }
  let next: Carry = "";
  if (quote === BACKTICK) next = "`";
  else if (triple) next = quote === DOUBLE ? '"""' : "'''";
  const last = lastCode >= 0 ? text.charCodeAt(lastCode) : -1;
  const continues =
    quote === 0 &&
    (last === BACKSLASH || (last === PLUS && text.charCodeAt(lastCode - 1) !== PLUS));
  return { delta, carry: next, continues };
}

const BACKSLASH = 92;
const HASH = 35;
const SLASH = 47;
const DOUBLE = 34;
const SINGLE = 39;
const BACKTICK = 96;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const SPACE = 32;
const TAB = 9;
const PLUS = 43;

/** Last characters after which a line may continue on the next one. */
const MAY_CONTINUE = new Set([..."([,\\+=:|&?.{"].map((char) => char.charCodeAt(0)));

/**
 * Whether a line at statement start may open a multi-line statement: it
 * ends in an open bracket, a comma or an operator, or holds a string that
 * may run on. Most lines do not, and skip the character scan.
 */
function mayOpen(text: string, syntax: Syntax): boolean {
  let end = text.length - 1;
  while (end >= 0 && (text.charCodeAt(end) === SPACE || text.charCodeAt(end) === TAB)) end--;
  if (end < 0) return false;
  if (MAY_CONTINUE.has(text.charCodeAt(end))) return true;
  // `execute("SELECT ..." ⏎ + id)`: a bracket opened after the last one closed.
  if (text.lastIndexOf("(") > text.lastIndexOf(")")) return true;
  if (text.lastIndexOf("[") > text.lastIndexOf("]")) return true;
  if (syntax === "python")
    return text.includes('"""') || text.includes("'''") || text.includes("#");
  return text.includes("`") || text.includes("//");
}

/**
 * Join a statement's lines the way it would read on one line: continuation
 * lines lose their indentation and meet the previous line with one space,
 * or with none after an opening bracket or before a closing one, so
 * `query(\n  "a" + id\n)` reads `query("a" + id)`. A Python backslash
 * continuation drops its backslash.
 */
export function joinStatementLines(lines: readonly string[]): {
  text: string;
  offsets: Array<[number, number]>;
} {
  let text = "";
  const offsets: Array<[number, number]> = [];
  for (let index = 0; index < lines.length; index++) {
    let part = lines[index] as string;
    if (index > 0) part = part.trimStart();
    if (index < lines.length - 1) part = part.replace(/\s*\\?\s*$/, "");
    if (index > 0 && text !== "" && part !== "") {
      const before = text[text.length - 1] as string;
      if (!"([{".includes(before) && !")]}".includes(part[0] as string)) text += " ";
    }
    const start = text.length;
    text += part;
    offsets.push([start, text.length]);
  }
  return { text, offsets };
}

/**
 * The multi-line statements of a file's hunks that hold an added line: a
 * call whose arguments run over several lines while a bracket is open, a
 * Python backslash continuation, or a line ending in a binary `+`. Removed
 * lines are left out (they are not in the new file); context lines are kept,
 * so an added argument inside an unchanged call is seen with its call.
 * Single-line statements are not returned: the per-line match covers them.
 */
export function joinStatements(hunks: readonly Hunk[], syntax: Syntax): Statement[] {
  const statements: Statement[] = [];
  for (const hunk of hunks) {
    let texts: string[] = [];
    let numbers: number[] = [];
    let addedAt: number[] = [];
    let depth = 0;
    let carry: Carry = "";
    const flush = () => {
      if (texts.length > 1 && addedAt.length > 0) {
        const { text, offsets } = joinStatementLines(texts);
        statements.push({
          text,
          startLine: numbers[0] as number,
          endLine: numbers[numbers.length - 1] as number,
          added: addedAt.map((at) => offsets[at] as [number, number]),
        });
      }
      texts = [];
      numbers = [];
      addedAt = [];
      depth = 0;
      carry = "";
    };
    for (const line of hunk.lines) {
      if (line.kind === "del") continue;
      if (line.text.length > MAX_JOIN_LINE_CHARS) {
        flush();
        continue;
      }
      if (texts.length === 0 && !mayOpen(line.text, syntax)) continue;
      if (line.kind === "add") addedAt.push(texts.length);
      texts.push(line.text);
      numbers.push(line.newLine);
      const scan = scanLine(line.text, syntax, carry);
      depth = Math.max(0, depth + scan.delta);
      carry = scan.carry;
      if ((depth === 0 && carry === "" && !scan.continues) || texts.length >= MAX_STATEMENT_LINES)
        flush();
    }
    flush();
  }
  return statements;
}
