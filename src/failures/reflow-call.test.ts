import { describe, expect, it } from "vitest";
import { reflowCode, reflowLine } from "./reflow-call.js";

describe("reflowLine", () => {
  it("breaks after ( and each top-level , and puts ) on its own line", () => {
    expect(
      reflowLine('  const rows = await db.query("SELECT * FROM t WHERE id = " + id, [a, b]);'),
    ).toBe(
      '  const rows = await db.query(\n    "SELECT * FROM t WHERE id = " + id,\n    [a, b]\n  );',
    );
  });

  it("leaves commas and parentheses inside strings and nested calls alone", () => {
    expect(reflowLine('cursor.execute(f"SELECT a, b FROM t WHERE x = {f(1, 2)}")')).toBe(
      'cursor.execute(\n  f"SELECT a, b FROM t WHERE x = {f(1, 2)}"\n)',
    );
    expect(reflowLine("subprocess.run(cmd(a, b), shell=True)")).toBe(
      "subprocess.run(\n  cmd(a, b),\n  shell=True\n)",
    );
  });

  it("skips grouping parentheses and empty calls, and keeps a trailing comma", () => {
    expect(reflowLine("x = (a + b) * run()")).toBeUndefined();
    expect(reflowLine("if (ok) call(a,)")).toBe("if (ok) call(\n  a,\n)");
  });

  it("indents with the line's own tabs (Go)", () => {
    expect(reflowLine('\tcmd := exec.Command("sh", "-c", script)')).toBe(
      '\tcmd := exec.Command(\n\t\t"sh",\n\t\t"-c",\n\t\tscript\n\t)',
    );
  });

  it("returns undefined when the call does not close on the line", () => {
    expect(reflowLine("db.query(")).toBeUndefined();
    expect(reflowLine("no calls here")).toBeUndefined();
  });
});

describe("reflowCode", () => {
  it("reflows only the chosen lines, and says when nothing changed", () => {
    expect(reflowCode("a(1)\nb(2)", new Set([1]))).toBe("a(1)\nb(\n  2\n)");
    expect(reflowCode("x = 1\ny = 2")).toBeUndefined();
  });
});
