import { describe, expect, it } from "vitest";
import type { Hunk } from "../core/index.js";
import { joinStatementLines, joinStatements, MAX_STATEMENT_LINES } from "./join-statements.js";

/** A hunk from lines prefixed `+` (added), ` ` (context) or `-` (removed). */
function hunk(...lines: string[]): Hunk {
  let next = 1;
  return {
    oldStart: 1,
    oldLines: 0,
    newStart: 1,
    newLines: 0,
    header: "",
    lines: lines.map((line) => {
      const text = line.slice(1);
      if (line[0] === "-") return { kind: "del" as const, oldLine: 1, text };
      const newLine = next++;
      return line[0] === "+"
        ? { kind: "add" as const, newLine, text }
        : { kind: "context" as const, oldLine: newLine, newLine, text };
    }),
  };
}

describe("joinStatementLines", () => {
  it("reads a call broken after ( and , as it would read on one line", () => {
    expect(joinStatementLines(["db.query(", '  "SELECT 1" + id,', "  [x]", ")"]).text).toBe(
      'db.query("SELECT 1" + id, [x])',
    );
  });

  it("drops a Python backslash continuation", () => {
    expect(joinStatementLines(["q = 'a' + \\", "    name"]).text).toBe("q = 'a' + name");
  });
});

describe("joinStatements", () => {
  it("JS/TS: joins continuation lines while a parenthesis is open", () => {
    const [statement, ...rest] = joinStatements(
      [hunk("+const a = 1;", "+await db.query(", '+  "SELECT * FROM t WHERE id = " + id', "+);")],
      "c-like",
    );
    expect(rest).toEqual([]);
    expect(statement).toMatchObject({
      text: 'await db.query("SELECT * FROM t WHERE id = " + id);',
      startLine: 2,
      endLine: 4,
    });
  });

  it("ignores brackets inside strings and comments", () => {
    const statements = joinStatements(
      [hunk('+log(")(");', "+// call(", "+run(1);", "+next(", "+  2)")],
      "c-like",
    );
    expect(statements.map((statement) => statement.text)).toEqual(["next(2)"]);
  });

  it("Python: a call continued in brackets, and a backslash continuation", () => {
    const statements = joinStatements(
      [
        hunk(
          "+cursor.execute(",
          '+    f"SELECT * FROM users WHERE id = {user_id}"',
          "+)",
          "+query = 'SELECT ' + \\",
          "+    name",
          "+x = 1  # a comment (",
          "+y = 2",
        ),
      ],
      "python",
    );
    expect(statements.map((statement) => [statement.text, statement.startLine])).toEqual([
      ['cursor.execute(f"SELECT * FROM users WHERE id = {user_id}")', 1],
      ["query = 'SELECT ' + name", 4],
    ]);
  });

  it("joins a call left open after a string, with the operator on the next line", () => {
    const [statement] = joinStatements(
      [hunk('+cursor.execute("SELECT * FROM t WHERE id = "', "+               + user_id)")],
      "python",
    );
    expect(statement?.text).toBe('cursor.execute("SELECT * FROM t WHERE id = " + user_id)');
  });

  it("Python: a triple-quoted string spanning lines keeps the statement open", () => {
    const [statement] = joinStatements(
      [hunk('+cur.execute(f"""', "+  SELECT * FROM t WHERE id = {id}", '+""")', "+done()")],
      "python",
    );
    expect(statement).toMatchObject({ startLine: 1, endLine: 3 });
    expect(statement?.text).toContain("{id}");
  });

  it("Go: a call split over lines, a raw string carried across lines", () => {
    const statements = joinStatements(
      [
        hunk(
          "+rows, err := db.Query(",
          '+\tfmt.Sprintf("SELECT * FROM t WHERE id = %s", id),',
          "+)",
          "+q := `SELECT (",
          "+`",
        ),
      ],
      "c-like",
    );
    expect(statements.map((statement) => statement.text)).toEqual([
      'rows, err := db.Query(fmt.Sprintf("SELECT * FROM t WHERE id = %s", id),)',
      "q := `SELECT (`",
    ]);
  });

  it("keeps context lines, and records which parts came from added lines", () => {
    const [statement] = joinStatements(
      [hunk(" cursor.execute(", '-    "SELECT %s", (id,)', '+    f"SELECT {id}"', " )")],
      "python",
    );
    expect(statement?.text).toBe('cursor.execute(f"SELECT {id}")');
    expect(statement?.added).toEqual([[15, 29]]);
    // A statement of context lines only is not returned.
    expect(joinStatements([hunk(" f(", "  1", " )", "+x = 1")], "python")).toEqual([]);
  });

  it("cuts an unclosed bracket off after the cap", () => {
    const lines = ["+f(", ...Array.from({ length: 100 }, (_, index) => `+  ${index},`)];
    const statements = joinStatements([hunk(...lines)], "c-like");
    expect(statements[0]?.endLine).toBe(MAX_STATEMENT_LINES);
  });
});
