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
  /** Open brackets minus closed ones, outside strings and comments. */
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
  let quote: string = carry;
  let index = 0;
  let lastCode = -1;
  const length = text.length;
  while (index < length) {
    const char = text[index] as string;
    if (quote !== "") {
      if (char === "\\") index += 2;
      else if (text.startsWith(quote, index)) {
        index += quote.length;
        quote = "";
        lastCode = index - 1;
      } else index++;
      continue;
    }
    if (char === "#" && syntax === "python") break;
    if (char === "/" && syntax === "c-like" && text[index + 1] === "/") break;
    if (char === '"' || char === "'") {
      quote = syntax === "python" && text.startsWith(char.repeat(3), index) ? char.repeat(3) : char;
      index += quote.length;
      continue;
    }
    if (char === "`") quote = "`";
    else if (char === "(" || char === "[" || char === "{") delta++;
    else if (char === ")" || char === "]" || char === "}") delta--;
    if (char !== " " && char !== "\t") lastCode = index;
    index++;
  }
  const multiLine = quote === "`" || quote === '"""' || quote === "'''";
  const last = lastCode >= 0 ? text[lastCode] : undefined;
  const continues = quote === "" && (last === "\\" || (last === "+" && text[lastCode - 1] !== "+"));
  return { delta, carry: multiLine ? (quote as Carry) : "", continues };
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
