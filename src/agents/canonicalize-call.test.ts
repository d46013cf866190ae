import { mkdirSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Canonicalized, canonicalizeCall, describeCall } from "./canonicalize-call.js";

const root = realpathSync(mkdtempSync(join(tmpdir(), "jig-canonicalize-")));
mkdirSync(join(root, "repo", "src"), { recursive: true });
const repoRoot = join(root, "repo");
const base = { repoRoot, cwd: repoRoot, home: join(root, "home") };
afterAll(() => rmSync(root, { recursive: true, force: true }));

const canonical = (tool: string, input: unknown, agent = "coder"): Canonicalized =>
  canonicalizeCall({ agent, tool, input }, base);

/** The refusal code, or the call as JSON (key order included: audit lines keep it). */
const outcome = (result: Canonicalized) =>
  result.ok ? JSON.stringify(result.call) : `refused ${result.code}`;

describe("canonicalizeCall", () => {
  it("turns file tools into one read or write of a canonical repo path, carrying the rest as payload", () => {
    type Case = [string, Record<string, unknown>, string, string, object | undefined, object?];
    const cases: Case[] = [
      [
        "Read",
        { file_path: "src/../src/a.ts", offset: 0, limit: 10 },
        "read",
        "src/a.ts",
        { offset: 0, limit: 10 },
      ],
      [
        "Write",
        { file_path: `${repoRoot}/src/b.ts`, content: "x" },
        "write",
        "src/b.ts",
        { content: "x" },
      ],
      [
        "Edit",
        { file_path: "src/a.ts", old_string: "a", new_string: "b" },
        "write",
        "src/a.ts",
        { old_string: "a", new_string: "b" },
      ],
      [
        "NotebookEdit",
        { notebook_path: "n.ipynb", new_source: "" },
        "write",
        "n.ipynb",
        { new_source: "" },
      ],
      [
        "NotebookRead",
        { notebook_path: "n.ipynb", cell_id: "c1" },
        "read",
        "n.ipynb",
        { cell_id: "c1" },
      ],
      ["LS", { path: "src" }, "read", "src", undefined],
      [
        "Glob",
        { pattern: "**/*.ts" },
        "read",
        ".",
        { pattern: "**/*.ts" },
        { tool: "Glob", pattern: "**/*.ts" },
      ],
      [
        "Grep",
        { pattern: "TODO", path: "src", glob: "*.ts", output_mode: "content", extra: 1 },
        "read",
        "src",
        { pattern: "TODO", glob: "*.ts", output_mode: "content", extra: 1 },
        { tool: "Grep", pattern: "TODO", glob: "*.ts", output: "content" },
      ],
    ];
    for (const [tool, input, action, path, payload, search] of cases) {
      const result = canonical(tool, input);
      expect(result, tool).toMatchObject({ ok: true });
      if (!result.ok) continue;
      expect(result.call, tool).toEqual({
        agent: "coder",
        tool,
        deleteCount: 0,
        action,
        resource: { type: "Path", id: path },
        path: { inside: true, path },
        input: { path, insideRepo: true },
        ...(payload ? { payload } : {}),
        // What Glob and Grep look for, for the built-in protection; policy never sees it.
        ...(search ? { search } : {}),
      });
    }
  });

  it("keeps a Write's content and an Edit's strings whole, and an input key such as __proto__ as data", () => {
    const content = "PAY=1\n".repeat(10_000);
    const write = canonical("Write", { file_path: "src/pay.env", content });
    expect(write.ok && write.call.payload).toEqual({ content });
    const grep = canonical("Grep", JSON.parse('{"pattern":"x","__proto__":{"polluted":true}}'));
    expect(grep.ok && Object.getPrototypeOf(grep.call.payload)).toBe(Object.prototype);
    expect(grep.ok && Object.keys(grep.call.payload ?? {})).toEqual(["pattern", "__proto__"]);
  });

  it("counts MultiEdit's edits, and marks paths outside the repo", () => {
    const edits = [
      { old_string: "a", new_string: "b" },
      { old_string: "c", new_string: "d", replace_all: true },
    ];
    const multi = canonical("MultiEdit", { file_path: "src/a.ts", edits });
    expect(multi.ok && multi.call.input).toEqual({ path: "src/a.ts", insideRepo: true, edits: 2 });
    const outside = canonical("Read", { file_path: "~/.ssh/id_rsa" });
    expect(outside.ok && outside.call.path).toEqual({
      inside: false,
      path: join(root, "home", ".ssh", "id_rsa"),
    });
  });

  it("parses Bash commands into argv, with the deletions they make", () => {
    const result = canonical("Bash", {
      command: "rm build dist",
      timeout: 1000,
      description: "the model's note, which changes nothing",
    });
    expect(outcome(result)).toBe(
      JSON.stringify({
        agent: "coder",
        tool: "Bash",
        deleteCount: 2,
        action: "exec",
        resource: { type: "Command", id: '["rm","build","dist"]' },
        argv: ["rm", "build", "dist"],
        input: { argv: ["rm", "build", "dist"], program: "rm" },
        payload: { timeout: 1000 },
      }),
    );
    expect(canonical("Bash", { command: "env npm test" })).toMatchObject({
      ok: true,
      call: { wrapper: "env" },
    });
    expect(outcome(canonical("Bash", { command: "npm test; rm -rf /" }))).toMatch(/^refused /);
  });

  it("reduces WebFetch to a lowercase host", () => {
    const result = canonical("WebFetch", { url: "https://Docs.Example.COM./a?b", prompt: "p" });
    expect(outcome(result)).toBe(
      JSON.stringify({
        agent: "coder",
        tool: "WebFetch",
        deleteCount: 0,
        action: "fetch",
        resource: { type: "Host", id: "docs.example.com" },
        input: { host: "docs.example.com", url: "https://docs.example.com./a?b" },
        payload: { prompt: "p" },
      }),
    );
    expect(outcome(canonical("WebFetch", { url: "file:///etc/passwd", prompt: "" }))).toBe(
      "refused url/scheme",
    );
  });

  it("passes other tools through as calls with Cedar-safe input", () => {
    const result = canonical("mcp__github__create_issue", { title: "x", score: 0.5, none: null });
    expect(outcome(result)).toBe(
      JSON.stringify({
        agent: "coder",
        tool: "mcp__github__create_issue",
        deleteCount: 0,
        action: "call",
        resource: { type: "Tool", id: "mcp__github__create_issue" },
        input: { title: "x", score: { __extn: { fn: "decimal", arg: "0.5000" } } },
      }),
    );
    expect(canonical("SomeTool", undefined)).toMatchObject({ ok: true, call: { input: {} } });
    expect(outcome(canonical("TodoWrite", undefined))).toBe("refused tool/input-shape");
    expect(outcome(canonical("SomeTool", { __entity: "x" }))).toBe("refused tool/input-value");
  });

  it("refuses what has no canonical form", () => {
    const refusals: Array<[string, unknown, string]> = [
      ["Bad Name!", {}, "tool/name"],
      ["Read", { file_path: "" }, "tool/input-shape"],
      ["Read", { file_path: "a", unknown: 1 }, "tool/input-shape"],
      ["Read", { file_path: "a", offset: -1 }, "tool/input-shape"],
      ["Read", ["a"], "tool/input-shape"],
      ["MultiEdit", { file_path: "a", edits: [] }, "tool/input-shape"],
      ["MultiEdit", { file_path: "a", edits: [{ old_string: "a" }] }, "tool/input-shape"],
      ["Grep", { pattern: "x", output_mode: "everything" }, "tool/input-shape"],
      ["Glob", { pattern: "../secrets/*" }, "path/glob-escape"],
      ["Glob", { pattern: "/etc/*" }, "path/glob-escape"],
      ["Grep", { pattern: "x", glob: "~/*" }, "path/glob-escape"],
      ["Bash", { command: "ls", timeout: 0 }, "tool/input-shape"],
      ["Read", { file_path: "~other/x" }, "path/tilde-user"],
    ];
    for (const [tool, input, code] of refusals) {
      expect(outcome(canonical(tool, input)), `${tool} ${JSON.stringify(input)}`).toBe(
        `refused ${code}`,
      );
    }
    // Grep's pattern is a regex over contents, not a path: "../" in it is fine.
    expect(canonical("Grep", { pattern: "../" })).toMatchObject({ ok: true });
  });

  it("refuses keys a strict shape does not name, even ones every object inherits", () => {
    for (const key of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      const input = JSON.parse(`{"file_path": "src/a.ts", "${key}": "x"}`);
      expect(outcome(canonical("Read", input)), key).toBe("refused tool/input-shape");
    }
  });
});

describe("describeCall", () => {
  it("describes each kind of call on one line", () => {
    const line = (tool: string, input: unknown) => {
      const result = canonical(tool, input);
      return result.ok ? describeCall(result.call) : result.code;
    };
    expect(line("Bash", { command: "npm test" })).toBe("Bash: npm test");
    expect(line("Edit", { file_path: "src/a.ts", old_string: "", new_string: "" })).toBe(
      "Edit (write): src/a.ts",
    );
    expect(line("WebFetch", { url: "https://example.com", prompt: "" })).toBe(
      "WebFetch: example.com",
    );
    expect(line("mcp__x__y", {})).toBe("mcp__x__y");
  });
});
