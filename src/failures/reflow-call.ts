/**
 * The multi-line form a formatter would give a one-line call: a break after
 * `(` and after each `,` at the top level of the call, the arguments indented
 * one step more than the line, the `)` and whatever follows it on a line of
 * its own. `jig failures add` and `jig failures test` run an entry against
 * this form of its examples, so a detector that only matches the one-line
 * form is caught before it silently never fires.
 *
 * Only the first call on the line whose arguments close on the same line is
 * reflowed; undefined when the line has no such call.
 *
 * @example
 * reflowLine('db.query("SELECT " + id, opts);');
 * // 'db.query(\n  "SELECT " + id,\n  opts\n);'
 */
export function reflowLine(line: string): string | undefined {
  const indent = /^\s*/.exec(line)?.[0] ?? "";
  const step = `${indent}${indent.includes("\t") ? "\t" : "  "}`;
  for (let open = line.indexOf("("); open >= 0; open = nextOpen(line, open)) {
    const before = line.slice(0, open);
    if (!/[\w\]).]\s*$/.test(before) || KEYWORD_BEFORE.test(before)) continue;
    const call = readArguments(line, open);
    if (call === undefined) continue;
    const args = call.args
      .map((arg) => arg.trim())
      .filter((arg, index, all) => {
        // A trailing comma leaves an empty last argument; keep it as a comma.
        return arg !== "" || index < all.length - 1;
      });
    if (args.length === 0) continue;
    const trailing = call.args.length > 1 && call.args[call.args.length - 1]?.trim() === "";
    const body = args.map((arg) => `${step}${arg}`).join(",\n");
    return `${line.slice(0, open + 1)}\n${body}${trailing ? "," : ""}\n${indent}${line.slice(call.close)}`;
  }
  return undefined;
}

/**
 * Every line of `code` with a call reflowed by {@link reflowLine}, or
 * undefined when none has one. `only` limits it to some lines (0-based),
 * the added ones of a before/after example.
 */
export function reflowCode(code: string, only?: ReadonlySet<number>): string | undefined {
  let changed = false;
  const lines = code.split("\n").map((line, index) => {
    if (only && !only.has(index)) return line;
    const reflowed = reflowLine(line);
    if (reflowed === undefined) return line;
    changed = true;
    return reflowed;
  });
  return changed ? lines.join("\n") : undefined;
}

/** `if (`, `return (` and the like open a group, not a call. */
const KEYWORD_BEFORE =
  /\b(?:if|while|for|switch|return|catch|and|or|not|in|elif|await|typeof|case)\s*$/;

/** The next `(` after `from` that is outside a string. */
function nextOpen(line: string, from: number): number {
  let quote = "";
  for (let index = from + 1; index < line.length; index++) {
    const char = line[index] as string;
    if (quote) {
      if (char === "\\") index++;
      else if (char === quote) quote = "";
    } else if (char === '"' || char === "'" || char === "`") quote = char;
    else if (char === "(") return index;
  }
  return -1;
}

/** The top-level arguments of the call opened at `open` and the index of its `)`, when it closes on this line. */
function readArguments(line: string, open: number): { args: string[]; close: number } | undefined {
  const args: string[] = [];
  let depth = 0;
  let quote = "";
  let start = open + 1;
  for (let index = open + 1; index < line.length; index++) {
    const char = line[index] as string;
    if (quote) {
      if (char === "\\") index++;
      else if (char === quote) quote = "";
      continue;
    }
    if (char === '"' || char === "'" || char === "`") quote = char;
    else if (char === "(" || char === "[" || char === "{") depth++;
    else if (char === ")" || char === "]" || char === "}") {
      if (depth === 0) {
        if (char !== ")") return undefined;
        args.push(line.slice(start, index));
        return { args, close: index };
      }
      depth--;
    } else if (char === "," && depth === 0) {
      args.push(line.slice(start, index));
      start = index + 1;
    }
  }
  return undefined;
}
