import { describe, expect, it } from "vitest";
import { POSTGRES_TABLE_KEYS } from "./postgres-migrations.js";
import { translateSql } from "./postgres-translate-sql.js";

const t = (sql: string) => translateSql(sql, POSTGRES_TABLE_KEYS);

describe("translateSql", () => {
  it("numbers positional placeholders and maps a LIMIT's -1 to no limit", () => {
    expect(t("SELECT * FROM runs WHERE substr(id, 1, ?) = ? ORDER BY id LIMIT ?")).toEqual({
      text: "SELECT * FROM runs WHERE substr(id, 1, $1) = $2 ORDER BY id LIMIT NULLIF($3::bigint, -1)",
      params: [
        { kind: "position", index: 0 },
        { kind: "position", index: 1 },
        { kind: "position", index: 2 },
      ],
    });
    expect(t("SELECT * FROM runs LIMIT -1").text).toBe("SELECT * FROM runs LIMIT NULL");
  });

  it("gives a named parameter one slot however often it appears", () => {
    const sql = t("UPDATE runs SET head = @head, base = @head, pid = @pid WHERE id = @id");
    expect(sql.text).toBe("UPDATE runs SET head = $1, base = $1, pid = $2 WHERE id = $3");
    expect(sql.params).toEqual([
      { kind: "name", name: "head" },
      { kind: "name", name: "pid" },
      { kind: "name", name: "id" },
    ]);
  });

  it("leaves placeholders inside strings, quoted names, comments and casts alone", () => {
    const sql = t(
      "SELECT '?', \"@x\", 'it''s ?' FROM runs -- what? @y\nWHERE id = ? AND x::text = ?",
    );
    expect(sql.text).toBe(
      "SELECT '?', \"@x\", 'it''s ?' FROM runs -- what? @y\nWHERE id = $1 AND x::text = $2",
    );
  });

  it("turns INSERT OR IGNORE into ON CONFLICT DO NOTHING", () => {
    expect(t("INSERT OR IGNORE INTO mcp_tool_pins (server, tool) VALUES (?, ?)").text).toBe(
      "INSERT INTO mcp_tool_pins (server, tool) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    );
  });

  it("turns INSERT OR REPLACE into an upsert on the table's primary key", () => {
    expect(
      t("INSERT OR REPLACE INTO run_audit_anchors (run_id, seq, hash) VALUES (?, ?, ?)").text,
    ).toBe(
      "INSERT INTO run_audit_anchors (run_id, seq, hash) VALUES ($1, $2, $3) ON CONFLICT (run_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
    );
  });

  it("returns the rowid column of an insert, so lastInsertRowid works", () => {
    const sql = t("INSERT INTO messages (at, body) VALUES (@at, @body)");
    expect(sql.text).toBe("INSERT INTO messages (at, body) VALUES ($1, $2) RETURNING id");
    expect(sql.returning).toBe("id");
    expect(t("INSERT INTO runs (id) VALUES (?)").returning).toBeUndefined();
  });

  it("reads ORDER BY rowid as the table's rowid column and keeps camelCase aliases", () => {
    expect(t("SELECT * FROM audit_log ORDER BY rowid").text).toBe(
      "SELECT * FROM audit_log ORDER BY seq",
    );
    expect(t("SELECT duration_ms AS durationMs FROM test_results").text).toBe(
      'SELECT duration_ms AS "durationMs" FROM test_results',
    );
  });
});
