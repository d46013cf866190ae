import { describe, expect, it } from "vitest";
import type { Approval } from "../agents/approval-store.js";
import { renderApprovalContent, writeTarget } from "./render-approval-content.js";

function approval(tool: string, input: unknown, kind: Approval["kind"] = "call"): Approval {
  return {
    id: "apr-1",
    kind,
    agent: "coder",
    tool,
    callKey: "k",
    summary: `${tool} call`,
    input: typeof input === "string" ? input : JSON.stringify(input),
    reason: "asks",
    policies: ["p1"],
    status: "pending",
    createdAt: "2026-11-30T12:00:00.000Z",
    expiresAt: "2026-11-30T13:00:00.000Z",
    uses: 0,
  };
}

const render = (a: Approval, current?: string) => String(renderApprovalContent(a, current));
/** The text a person reads: tags dropped, the five HTML entities decoded. */
const text = (html: string) =>
  html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

describe("renderApprovalContent", () => {
  it("shows an Edit as a diff of old_string → new_string (the guard's recorded form)", () => {
    const html = render(
      approval("Edit", {
        action: "write",
        resource: { id: "src/pay.ts" },
        payload: {
          file_path: "src/pay.ts",
          old_string: "const a = 1;\nconst fee = 2;\nexport {};",
          new_string: "const a = 1;\nconst fee = 0;\nexport {};",
        },
      }),
    );
    expect(text(html)).toContain("Edit src/pay.ts: replace 38 bytes with 38 bytes");
    expect(text(html)).toContain(
      "  const a = 1;\n- const fee = 2;\n+ const fee = 0;\n  export {};",
    );
    expect(html).toContain('class="del"');
    expect(html).toContain('class="add"');
  });

  it("shows each edit of a MultiEdit", () => {
    const html = text(
      render(
        approval("MultiEdit", {
          file_path: "a.ts",
          edits: [
            { old_string: "x", new_string: "y" },
            { old_string: "p", new_string: "q", replace_all: true },
          ],
        }),
      ),
    );
    expect(html).toContain("Edit 1 of 2");
    expect(html).toContain("- x\n+ y");
    expect(html).toContain("Edit 2 of 2: replace 1 byte with 1 byte, every occurrence");
    expect(html).toContain("- p\n+ q");
  });

  it("shows a new file's path and full text, and a diff against the work tree when it exists", () => {
    const write = approval("Write", {
      resource: { id: "src/refund.ts" },
      payload: { file_path: "src/refund.ts", content: "one\ntwo\nthree\n" },
    });
    expect(writeTarget(write)).toBe("src/refund.ts");
    const fresh = text(render(write));
    expect(fresh).toContain("Write src/refund.ts: 14 bytes, 3 lines");
    expect(fresh).toContain("A new file");
    expect(fresh).toContain("one\ntwo\nthree\n");
    const existing = text(render(write, "one\n2\nthree\n"));
    expect(existing).toContain("@@ -1,3 +1,3 @@");
    expect(existing).toContain("- 2\n+ two");
    expect(existing).toContain("one\ntwo\nthree\n");
  });

  it("shows a Bash command, from argv or a flat command field", () => {
    expect(text(render(approval("Bash", { argv: ["rm", "-rf", "a b"], payload: {} })))).toContain(
      "$ rm -rf 'a b'",
    );
    expect(text(render(approval("Bash", { tool: "Bash", command: "npm publish" })))).toContain(
      "$ npm publish",
    );
  });

  it("escapes every field: markup in a path, text, diff or command stays text", () => {
    const evil = '<script>window.__pwned=1</script><img src=x onerror="alert(1)">';
    const cases = [
      render(approval("Write", { file_path: evil, content: evil }), "old"),
      render(approval("Edit", { file_path: evil, old_string: evil, new_string: "x" })),
      render(approval("Bash", { command: evil })),
      render(approval("Other", { x: evil })),
      render(approval("Write", `not json ${evil}`)),
    ];
    for (const html of cases) {
      expect(html).not.toContain("<script>");
      expect(html).not.toContain("<img");
      expect(text(html)).toContain("window.__pwned=1");
    }
  });

  it("falls back to the recorded JSON for a tool pin or an unknown tool", () => {
    const pin = text(render(approval("mcp__x", { name: "x", description: "d" }, "tool-pin")));
    expect(pin).toContain("New tool definition");
    expect(pin).toContain('"description": "d"');
    expect(writeTarget(approval("Write", { file_path: "a", content: "b" }, "tool-pin"))).toBe(
      undefined,
    );
  });
});
