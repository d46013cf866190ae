/** Languages whose added regexes {@link findCodeRegexes} reads. */
export type CodeRegexLanguage = "javascript" | "python" | "go";

/** One regex found in a line of code, in JavaScript syntax, ready for the checker. */
export interface CodeRegex {
  source: string;
  flags: string;
  /** How it was written, for the finding message. */
  written: string;
}

/** The language of a path, by extension; undefined for files with no backtracking regex engine we read. */
export function codeRegexLanguage(path: string): CodeRegexLanguage | undefined {
  if (/\.(?:[cm]?[jt]sx?)$/.test(path)) return "javascript";
  if (path.endsWith(".py")) return "python";
  if (path.endsWith(".go")) return "go";
  return undefined;
}

/** Cheap pre-check on a file's added text: no marker, no regex to extract. */
export function mayHoldCodeRegex(text: string, language: CodeRegexLanguage): boolean {
  if (language === "javascript") return text.includes("/") || text.includes("RegExp");
  if (language === "python") return text.includes("re.");
  return text.includes("regexp2.");
}

/**
 * The regexes written on one line of code. Pure and line-local:
 * - JavaScript/TypeScript: `/.../flags` literals (told apart from division by
 *   the token before them) and `RegExp("...", "flags")` string arguments;
 * - Python: the string argument of `re.compile/match/search/fullmatch/findall/
 *   finditer/sub/subn/split`, raw or not, with `re.I`/`re.M`/`re.S` flags and
 *   `(?P<name>` turned into JavaScript syntax;
 * - Go: `regexp2.Compile/MustCompile` (dlclark/regexp2 backtracks). The
 *   standard `regexp` package is RE2, linear in the input whatever the
 *   pattern, so its regexes are not read: flagging them would be noise.
 */
export function findCodeRegexes(line: string, language: CodeRegexLanguage): CodeRegex[] {
  const trimmed = line.trimStart();
  if (language === "javascript") {
    if (trimmed.startsWith("//") || trimmed.startsWith("*")) return [];
    // Most lines hold neither marker; skip the character walk for them.
    const literals = line.includes("/") ? jsLiterals(line) : [];
    return line.includes("RegExp(") ? [...literals, ...constructorArgs(line)] : literals;
  }
  if (trimmed.startsWith("#") || trimmed.startsWith("//")) return [];
  if (language === "python") return line.includes("re.") ? pythonCalls(line) : [];
  return line.includes("regexp2.") ? goCalls(line) : [];
}

const REGEX_BEFORE_KEYWORD =
  /\b(?:return|typeof|case|do|else|in|of|new|delete|void|throw|yield|await|instanceof)$/;
const OPERATOR_BEFORE = "(,=:[!&|?{};+-*%<>~^";

function jsLiterals(line: string): CodeRegex[] {
  const found: CodeRegex[] = [];
  let index = 0;
  while (index < line.length) {
    const char = line[index] as string;
    if (char === '"' || char === "'" || char === "`") {
      index = skipString(line, index, char);
      continue;
    }
    if (char !== "/") {
      index++;
      continue;
    }
    const next = line[index + 1];
    if (next === "/") break;
    if (next === "*") {
      const end = line.indexOf("*/", index + 2);
      if (end < 0) break;
      index = end + 2;
      continue;
    }
    const before = line.slice(0, index).trimEnd();
    const previous = before[before.length - 1];
    if (
      previous !== undefined &&
      !OPERATOR_BEFORE.includes(previous) &&
      !REGEX_BEFORE_KEYWORD.test(before)
    ) {
      index++;
      continue;
    }
    const end = regexLiteralEnd(line, index + 1);
    if (end < 0) break;
    const source = line.slice(index + 1, end);
    const flags = /^[dgimsuyv]*/.exec(line.slice(end + 1))?.[0] ?? "";
    if (source.length > 0) found.push({ source, flags, written: `/${source}/${flags}` });
    index = end + 1 + flags.length;
  }
  return found;
}

/** Index of the `/` closing a regex literal whose body starts at `start`, or -1. */
function regexLiteralEnd(line: string, start: number): number {
  let inClass = false;
  for (let index = start; index < line.length; index++) {
    const char = line[index];
    if (char === "\\") index++;
    else if (char === "[") inClass = true;
    else if (char === "]") inClass = false;
    else if (char === "/" && !inClass) return index;
  }
  return -1;
}

function skipString(line: string, start: number, quote: string): number {
  for (let index = start + 1; index < line.length; index++) {
    if (line[index] === "\\") index++;
    else if (line[index] === quote) return index + 1;
  }
  return line.length;
}

const REGEXP_CALL = /\bRegExp\(\s*/g;

function constructorArgs(line: string): CodeRegex[] {
  const found: CodeRegex[] = [];
  for (const match of line.matchAll(REGEXP_CALL)) {
    const at = (match.index ?? 0) + match[0].length;
    const literal = readQuoted(line, at);
    if (!literal) continue;
    const rest = line.slice(literal.end);
    const flags = /^\s*,\s*(["'])([dgimsuyv]*)\1/.exec(rest)?.[2] ?? "";
    const source = unescapeJs(literal.body);
    found.push({
      source,
      flags,
      written: line.slice(match.index, literal.end).trim() + (flags ? `, "${flags}")` : ")"),
    });
  }
  return found;
}

const PYTHON_CALL =
  /\bre\.(?:compile|match|search|fullmatch|findall|finditer|sub|subn|split)\(\s*/g;

function pythonCalls(line: string): CodeRegex[] {
  const found: CodeRegex[] = [];
  for (const match of line.matchAll(PYTHON_CALL)) {
    let at = (match.index ?? 0) + match[0].length;
    const prefix = /^[rRbBuU]{0,2}/.exec(line.slice(at))?.[0] ?? "";
    at += prefix.length;
    const raw = /r/i.test(prefix);
    const literal = readQuoted(line, at);
    if (!literal) continue;
    const body = raw ? literal.body : unescapePython(literal.body);
    let flags = "";
    const rest = line.slice(literal.end);
    if (/\bre\.(?:I|IGNORECASE)\b/.test(rest)) flags += "i";
    if (/\bre\.(?:M|MULTILINE)\b/.test(rest)) flags += "m";
    if (/\bre\.(?:S|DOTALL)\b/.test(rest)) flags += "s";
    const converted = fromInlineFlags(
      body
        .replace(/\(\?P</g, "(?<")
        .replace(/\(\?P=(\w+)\)/g, "\\k<$1>")
        .replace(/\\A/g, "^")
        .replace(/\\Z/g, "$"),
      flags,
    );
    found.push({ ...converted, written: line.slice(match.index, literal.end).trim() });
  }
  return found;
}

const GO_CALL = /\bregexp2\.(?:MustCompile|Compile)\(\s*/g;

function goCalls(line: string): CodeRegex[] {
  const found: CodeRegex[] = [];
  for (const match of line.matchAll(GO_CALL)) {
    const at = (match.index ?? 0) + match[0].length;
    const raw = line[at] === "`";
    const literal = raw ? readBacktick(line, at) : readQuoted(line, at);
    if (!literal) continue;
    const body = raw ? literal.body : unescapeJs(literal.body);
    let flags = "";
    if (/\bregexp2\.IgnoreCase\b/.test(line.slice(literal.end))) flags += "i";
    found.push({
      ...fromInlineFlags(body, flags),
      written: line.slice(match.index, literal.end).trim(),
    });
  }
  return found;
}

/** A leading `(?ims)` becomes JavaScript flags, which have no inline form. */
function fromInlineFlags(source: string, flags: string): { source: string; flags: string } {
  const inline = /^\(\?([a-zA-Z]+)\)/.exec(source);
  if (!inline) return { source, flags };
  const kept = [...new Set([...flags, ...(inline[1] as string).replace(/[^ims]/g, "")])].join("");
  return { source: source.slice(inline[0].length), flags: kept };
}

function readQuoted(line: string, start: number): { body: string; end: number } | undefined {
  const quote = line[start];
  if (quote !== '"' && quote !== "'") return undefined;
  for (let index = start + 1; index < line.length; index++) {
    // A raw string still cannot end at an escaped quote.
    if (line[index] === "\\") index++;
    else if (line[index] === quote) return { body: line.slice(start + 1, index), end: index + 1 };
  }
  return undefined;
}

function readBacktick(line: string, start: number): { body: string; end: number } | undefined {
  const end = line.indexOf("`", start + 1);
  return end < 0 ? undefined : { body: line.slice(start + 1, end), end: end + 1 };
}

const JS_ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  b: "\b",
  f: "\f",
  v: "\v",
  0: "\0",
};

/** A JavaScript (or Go) string literal's body as the string it denotes. */
function unescapeJs(body: string): string {
  return body.replace(
    /\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\s\S])/g,
    (_, sequence: string) => {
      if (sequence.length > 1)
        return String.fromCodePoint(Number.parseInt(sequence.replace(/[{}ux]/g, ""), 16));
      return JS_ESCAPES[sequence] ?? sequence;
    },
  );
}

/** A Python non-raw string's body: unknown escapes such as `\d` keep their backslash. */
function unescapePython(body: string): string {
  return body.replace(/\\([\\'"ntr])/g, (_, sequence: string) =>
    sequence === "n" ? "\n" : sequence === "t" ? "\t" : sequence === "r" ? "\r" : sequence,
  );
}
