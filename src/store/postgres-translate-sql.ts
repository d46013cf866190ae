/**
 * jig's stores are written in SQLite's dialect against better-sqlite3's API.
 * This turns one such statement into Postgres: placeholders become `$n`, and
 * the few SQLite-only forms the stores use get their Postgres equivalent.
 * Pure, so the mapping is tested without a server.
 */

/** How a table is keyed, for `INSERT OR REPLACE` and `lastInsertRowid`. */
export interface TableKeys {
  /** Primary key columns: the conflict target of `INSERT OR REPLACE`. */
  primaryKey: readonly string[];
  /** The column SQLite's rowid aliases (an `INTEGER PRIMARY KEY`), returned by inserts. */
  rowid?: string;
}

/** Where one `$n` takes its value from: a positional argument or a named one. */
export type ParamSource = { kind: "position"; index: number } | { kind: "name"; name: string };

export interface TranslatedSql {
  text: string;
  /** `$1` is `params[0]`, and so on. */
  params: ParamSource[];
  /** The column an INSERT returns, read back as `lastInsertRowid`. */
  returning?: string;
}

type Token =
  | { kind: "text"; value: string }
  | { kind: "quoted"; value: string }
  | { kind: "param"; name?: string };

/** Split SQL into text, quoted literals/identifiers/comments (left alone) and placeholders. */
function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let text = "";
  const flush = () => {
    if (text) tokens.push({ kind: "text", value: text });
    text = "";
  };
  let i = 0;
  while (i < sql.length) {
    const char = sql[i]!;
    if (char === "'" || char === '"') {
      let end = i + 1;
      while (end < sql.length) {
        if (sql[end] === char) {
          if (sql[end + 1] === char) end += 2;
          else break;
        } else end += 1;
      }
      flush();
      tokens.push({ kind: "quoted", value: sql.slice(i, end + 1) });
      i = end + 1;
    } else if (char === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      const stop = end === -1 ? sql.length : end;
      flush();
      tokens.push({ kind: "quoted", value: sql.slice(i, stop) });
      i = stop;
    } else if (char === "?") {
      flush();
      tokens.push({ kind: "param" });
      i += 1;
    } else if (
      (char === "@" || char === ":" || char === "$") &&
      /[A-Za-z_]/.test(sql[i + 1] ?? "")
    ) {
      // `::type` casts are not parameters: a second colon is text.
      if (char === ":" && (sql[i - 1] === ":" || sql[i + 1] === ":")) {
        text += char;
        i += 1;
        continue;
      }
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1))!;
      flush();
      tokens.push({ kind: "param", name: match[0] });
      i += 1 + match[0].length;
    } else {
      text += char;
      i += 1;
    }
  }
  flush();
  return tokens;
}

const INSERT_OR = /^\s*INSERT\s+OR\s+(IGNORE|REPLACE)\s+INTO\s+/i;
const INSERT_INTO = /^\s*INSERT\s+INTO\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(([^)]*)\)/i;

/**
 * Translate one statement. `tables` names each table's keys (see
 * `POSTGRES_TABLE_KEYS`); statements on unknown tables still translate,
 * without `INSERT OR REPLACE` or `lastInsertRowid`.
 *
 * @example
 * translateSql("SELECT * FROM runs WHERE id = ? LIMIT ?", {}).text
 * // "SELECT * FROM runs WHERE id = $1 LIMIT NULLIF($2::bigint, -1)"
 */
export function translateSql(
  sql: string,
  tables: Readonly<Record<string, TableKeys>>,
): TranslatedSql {
  const params: ParamSource[] = [];
  const named = new Map<string, number>();
  let positional = 0;
  let out = "";
  for (const token of tokenize(sql)) {
    if (token.kind !== "param") {
      out += token.kind === "text" ? rewriteText(token.value) : token.value;
      continue;
    }
    let slot: number;
    if (token.name === undefined) {
      params.push({ kind: "position", index: positional++ });
      slot = params.length;
    } else {
      const known = named.get(token.name);
      if (known === undefined) {
        params.push({ kind: "name", name: token.name });
        slot = params.length;
        named.set(token.name, slot);
      } else slot = known;
    }
    // SQLite's `LIMIT -1` means no limit; Postgres's is `LIMIT NULL`.
    out += /\bLIMIT\s*$/i.test(out) ? `NULLIF($${slot}::bigint, -1)` : `$${slot}`;
  }
  out = out.replace(/\bLIMIT\s+-1\b/gi, "LIMIT NULL");

  const result: TranslatedSql = { text: out, params };
  const orMatch = INSERT_OR.exec(out);
  let body = out.replace(INSERT_OR, "INSERT INTO ");
  const insert = INSERT_INTO.exec(body);
  const table = insert ? tables[insert[1]!.toLowerCase()] : undefined;
  if (orMatch) {
    const columns = insert ? insert[2]!.split(",").map((column) => column.trim()) : [];
    const kind = orMatch[1]!.toUpperCase();
    const { head, tail } = splitTrailing(body);
    if (kind === "IGNORE" || !table) {
      body = `${head} ON CONFLICT DO NOTHING${tail}`;
    } else {
      const updates = columns
        .filter((column) => !table.primaryKey.includes(column))
        .map((column) => `${column} = excluded.${column}`);
      const target = `(${table.primaryKey.join(", ")})`;
      body =
        updates.length === 0
          ? `${head} ON CONFLICT ${target} DO NOTHING${tail}`
          : `${head} ON CONFLICT ${target} DO UPDATE SET ${updates.join(", ")}${tail}`;
    }
  }
  if (insert && table?.rowid && !/\bRETURNING\b/i.test(body)) {
    const { head, tail } = splitTrailing(body);
    body = `${head} RETURNING ${table.rowid}${tail}`;
    result.returning = table.rowid;
  }
  // `ORDER BY rowid`: SQLite's insertion order is the table's rowid column.
  const from = /\bFROM\s+([A-Za-z_][A-Za-z0-9_]*)/i.exec(body);
  const rowidColumn = from ? tables[from[1]!.toLowerCase()]?.rowid : undefined;
  if (rowidColumn) body = body.replace(/\browid\b/gi, rowidColumn);
  result.text = body;
  return result;
}

/** Postgres folds unquoted names to lower case; SQLite keeps `AS durationMs` as written. */
function rewriteText(text: string): string {
  return text.replace(/\bAS\s+([a-z_][a-z0-9_]*[A-Z][A-Za-z0-9_]*)\b/g, 'AS "$1"');
}

function splitTrailing(sql: string): { head: string; tail: string } {
  const match = /\s*;?\s*$/.exec(sql)!;
  return { head: sql.slice(0, match.index), tail: "" };
}
