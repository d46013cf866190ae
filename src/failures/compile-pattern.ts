/**
 * A detector regex compiled once. `literals` are substrings of which every
 * match must contain one, when they can be read off the pattern: the runner uses them
 * to skip the regex on text that cannot match, which is what keeps hundreds of
 * regexes over 100,000 lines fast.
 */
export interface CompiledPattern {
  source: string;
  flags: string;
  regex: RegExp;
  /** Strings of which every match contains at least one (lower-cased when `caseInsensitive`). */
  literals?: string[];
  /**
   * Further strings every match contains, each of them (`fetch` beside
   * `await` in `\bawait\s+fetch\(`): a file lacking one cannot match either.
   */
  alsoRequired?: string[];
  caseInsensitive?: boolean;
  /**
   * The same regex with `m`, for a whole file's lines joined by newlines:
   * when it finds nothing there, no single line matches, so the per-line
   * loop is skipped. Absent for a pattern with a lookaround, which could look
   * across the newline and decide differently there.
   */
  joined?: RegExp;
}

/** Flags a catalog regex may carry through a leading `(?flags)`, as in gitleaks and semgrep. */
const INLINE_FLAGS = /^\(\?([ims]+)\)/;

/** Split a catalog regex into a JavaScript source and flags (`(?i)foo` → `foo`, `i`). */
export function splitInlineFlags(pattern: string): { source: string; flags: string } {
  const match = INLINE_FLAGS.exec(pattern);
  if (!match) return { source: pattern, flags: "" };
  const flags = [...new Set(match[1])].sort().join("");
  return { source: pattern.slice(match[0].length), flags };
}

/**
 * Compile a catalog regex. Throws SyntaxError (with the engine's message)
 * when it does not compile; the caller turns that into a located problem.
 */
export function compilePattern(
  pattern: string,
  options: { multiline?: boolean } = {},
): CompiledPattern {
  const split = splitInlineFlags(pattern);
  const { source } = split;
  // `absent` runs on whole files, where ^ and $ must still mean line start and end.
  const flags =
    options.multiline && !split.flags.includes("m")
      ? [...split.flags, "m"].sort().join("")
      : split.flags;
  const regex = new RegExp(source, flags);
  const joined = joinedLinesRegex(source, flags);
  const found = requiredLiterals(source, flags);
  if (found === undefined) return { source, flags, regex, ...(joined ? { joined } : {}) };
  // Case-insensitive regexes are pre-checked by a case-insensitive scan, which reports lower case.
  const fold = (list: string[]) =>
    flags.includes("i") ? list.map((literal) => literal.toLowerCase()) : list;
  const literals = fold(found);
  const [only] = found;
  const others =
    found.length === 1 ? (plainRuns(source, flags) ?? []).filter((run) => run !== only) : [];
  return {
    source,
    flags,
    regex,
    literals,
    ...(others.length > 0 ? { alsoRequired: fold(others) } : {}),
    caseInsensitive: flags.includes("i"),
    ...(joined ? { joined } : {}),
  };
}

/**
 * A regex that matches lines joined by "\n" whenever the original matches one
 * of the lines. With `m`, `^` and `$` hold at each line's ends as they do on
 * the line alone, and `\b` and `\B` see the newline as they see a line's
 * edge: a non-word character. Everything else depends only on the characters
 * a match consumes, which are the same, except a lookaround, which can look
 * past the line's end; such a pattern gets none.
 */
function joinedLinesRegex(source: string, flags: string): RegExp | undefined {
  if (/\(\?<?[=!]/.test(source)) return undefined;
  return new RegExp(source, flags.includes("m") ? flags : `${flags}m`);
}

/**
 * Strings of which every match must contain one: the pattern's own required
 * literal, or one per branch of a top-level alternation (`a|b`), or those of
 * a non-optional group (`\b(?:AKIA|ASIA)[0-9A-Z]{16}`). Undefined when some
 * branch has none; then the regex runs on every line.
 */
export function requiredLiterals(source: string, flags = "", depth = 0): string[] | undefined {
  if (depth > 3 || flags.includes("x")) return undefined;
  const branches = splitTopLevel(source);
  if (branches === undefined) return undefined;
  if (branches.length > 1) {
    const all: string[] = [];
    for (const branch of branches) {
      const found = requiredLiterals(branch, flags, depth + 1);
      if (!found) return undefined;
      all.push(...found);
    }
    return [...new Set(all)];
  }
  const single = requiredLiteral(source, flags);
  if (single !== undefined) return [single];
  for (const group of requiredGroups(source)) {
    const found = requiredLiterals(group, flags, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Split at `|` outside groups and classes; undefined on unbalanced input. */
function splitTopLevel(source: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < source.length; index++) {
    const char = source[index];
    if (char === "\\") index++;
    else if (char === "[") {
      index = skipClass(source, index);
      if (index < 0) return undefined;
    } else if (char === "(") depth++;
    else if (char === ")") depth--;
    else if (char === "|" && depth === 0) {
      parts.push(source.slice(start, index));
      start = index + 1;
    }
  }
  if (depth !== 0) return undefined;
  parts.push(source.slice(start));
  return parts;
}

/** Contents of top-level groups that must match (not optional, not lookarounds). */
function requiredGroups(source: string): string[] {
  const groups: string[] = [];
  let depth = 0;
  let open = -1;
  for (let index = 0; index < source.length; index++) {
    const char = source[index];
    if (char === "\\") index++;
    else if (char === "[") {
      index = skipClass(source, index);
      if (index < 0) return [];
    } else if (char === "(") {
      if (depth === 0) open = index;
      depth++;
    } else if (char === ")") {
      depth--;
      if (depth === 0 && open >= 0) {
        const quantifier = readQuantifier(source, index + 1);
        const inner = source.slice(open + 1, index);
        const lookaround = /^\?<?[=!]/.test(inner);
        if (!lookaround && (!quantifier || quantifier.min > 0)) {
          groups.push(inner.replace(/^\?(?::|<[A-Za-z_]\w*>)/, ""));
        }
      }
    }
  }
  return groups;
}

const MIN_LITERAL = 3;

/**
 * The longest run of plain characters that every match must contain, or
 * undefined when the pattern has a top-level alternation or no such run.
 * Conservative on purpose: anything it does not understand ends the run, so
 * the literal is always truly required (a wrong literal would hide matches).
 */
export function requiredLiteral(source: string, flags = ""): string | undefined {
  let best: string | undefined;
  for (const run of plainRuns(source, flags) ?? [])
    if (best === undefined || run.length > best.length) best = run;
  return best;
}

/**
 * Every run of plain characters (at least three) outside groups that every
 * match must contain, in order; undefined when the pattern has a top-level
 * alternation or is not understood.
 */
function plainRuns(source: string, flags: string): string[] | undefined {
  if (flags.includes("x")) return undefined;
  const runs: string[] = [];
  let run = "";
  let depth = 0;
  const flush = () => {
    if (run.length >= MIN_LITERAL) runs.push(run);
    run = "";
  };
  for (let index = 0; index < source.length; index++) {
    const char = source[index] as string;
    if (char === "\\") {
      const next = source[index + 1];
      index++;
      if (next === undefined) return undefined;
      if (/[A-Za-z0-9]/.test(next)) {
        // \d, \s, \b, \x41, \u{...}, back-references: not a plain character.
        flush();
        if (next === "x") index += 2;
        else if (next === "c") index += 1;
        else if (next === "u")
          index += source[index + 1] === "{" ? source.indexOf("}", index) - index : 4;
        else if (
          (next === "p" || next === "P" || next === "k") &&
          /[{<]/.test(source[index + 1] ?? "")
        ) {
          index = source.indexOf(next === "k" ? ">" : "}", index);
          if (index < 0) return undefined;
        }
        index = applyQuantifier(source, index, () => flush());
        continue;
      }
      index = appendLiteral(
        source,
        index,
        next,
        depth,
        () => run,
        (value) => (run = value),
        flush,
      );
      continue;
    }
    if (char === "[") {
      flush();
      index = skipClass(source, index);
      if (index < 0) return undefined;
      index = applyQuantifier(source, index, () => {});
      continue;
    }
    if (char === "(") {
      flush();
      depth++;
      continue;
    }
    if (char === ")") {
      flush();
      depth--;
      // A group may be optional or repeated: nothing inside it was kept anyway.
      index = applyQuantifier(source, index, () => {});
      continue;
    }
    if (char === "|") {
      if (depth === 0) return undefined;
      flush();
      continue;
    }
    if (".^$*+?{}".includes(char)) {
      flush();
      continue;
    }
    index = appendLiteral(
      source,
      index,
      char,
      depth,
      () => run,
      (value) => (run = value),
      flush,
    );
  }
  flush();
  return runs;
}

/**
 * Add one plain character to the current run, honouring a quantifier after it:
 * `a?`/`a*`/`a{0,n}` drop it, `a+`/`a{2,}` keep it once and end the run.
 * Characters inside groups are never kept: a group may be optional or one
 * branch of an alternation.
 */
function appendLiteral(
  source: string,
  index: number,
  char: string,
  depth: number,
  read: () => string,
  write: (value: string) => void,
  flush: () => void,
): number {
  if (depth > 0) {
    flush();
    return applyQuantifier(source, index, () => {});
  }
  const quantifier = readQuantifier(source, index + 1);
  if (!quantifier) {
    write(read() + char);
    return index;
  }
  if (quantifier.min > 0) write(read() + char);
  flush();
  return quantifier.end;
}

function applyQuantifier(source: string, index: number, onQuantified: () => void): number {
  const quantifier = readQuantifier(source, index + 1);
  if (!quantifier) return index;
  onQuantified();
  return quantifier.end;
}

/** A quantifier starting at `start`: its minimum and the index of its last character. */
function readQuantifier(source: string, start: number): { min: number; end: number } | undefined {
  const char = source[start];
  let min: number;
  let end: number;
  if (char === "?" || char === "*") {
    min = 0;
    end = start;
  } else if (char === "+") {
    min = 1;
    end = start;
  } else if (char === "{") {
    const match = /^\{(\d+)(,\d*)?\}/.exec(source.slice(start));
    if (!match) return undefined;
    min = Number(match[1]);
    end = start + match[0].length - 1;
  } else {
    return undefined;
  }
  if (source[end + 1] === "?") end++; // lazy quantifier
  return { min, end };
}

/** Index of the `]` closing the class opened at `start`, or -1. */
function skipClass(source: string, start: number): number {
  let index = start + 1;
  if (source[index] === "^") index++;
  if (source[index] === "]") index++;
  for (; index < source.length; index++) {
    if (source[index] === "\\") index++;
    else if (source[index] === "]") return index;
  }
  return -1;
}
