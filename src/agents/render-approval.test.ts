import { describe, expect, it } from "vitest";
import type { Approval } from "./approval-store.js";
import { renderApproval } from "./render-approval.js";

const approval = (tool: string, recorded: unknown, extra: Partial<Approval> = {}): Approval => ({
  id: "apr-1",
  kind: "call",
  agent: "payer",
  tool,
  callKey: "k",
  summary: `${tool} (write): src/pay.env`,
  input: JSON.stringify(recorded),
  reason: "payment settings need a human",
  policies: [],
  status: "pending",
  createdAt: "2026-01-01T00:00:00.000Z",
  expiresAt: "2026-01-02T00:00:00.000Z",
  uses: 0,
  ...extra,
});

const path = { resource: { type: "Path", id: "src/pay.env" } };

describe("renderApproval", () => {
  it("prints a Write's path and its whole text, with its size", () => {
    const content = `${"PAY=1\n".repeat(5_000)}LAST=1`;
    const text = renderApproval(approval("Write", { ...path, payload: { content } }), []);
    expect(text).toContain("--- Write src/pay.env: 30006 bytes, 5001 lines ---\n");
    expect(text).toContain(`\n${content}\n--- end (no newline at end) ---\n`);
  });

  it("prints an Edit as a line diff, and each of MultiEdit's edits", () => {
    const edit = {
      old_string: "# payments\nPAY=1\nMODE=live",
      new_string: "# payments\nPAY=2\nMODE=live",
    };
    const text = renderApproval(approval("Edit", { ...path, payload: edit }), []);
    expect(text).toContain(
      "--- Edit src/pay.env: replace 26 bytes with 26 bytes ---\n  # payments\n- PAY=1\n+ PAY=2\n  MODE=live\n--- end ---",
    );
    const multi = renderApproval(
      approval("MultiEdit", {
        ...path,
        payload: { edits: [edit, { old_string: "a", new_string: "b", replace_all: true }] },
      }),
      [],
    );
    expect(multi).toContain("--- MultiEdit src/pay.env, edit 1 of 2: replace");
    expect(multi).toContain(
      "--- MultiEdit src/pay.env, edit 2 of 2: replace 1 byte with 1 byte, every occurrence ---\n- a\n+ b\n",
    );
  });

  it("prints a Bash command as a shell would read it, with the flags that change it", () => {
    const text = renderApproval(
      approval("Bash", {
        argv: ["terraform", "destroy", "-target=a b"],
        payload: { dangerouslyDisableSandbox: true },
      }),
      [],
    );
    expect(text).toContain(
      "--- Bash command ---\n$ terraform destroy '-target=a b'\nflags: {\"dangerouslyDisableSandbox\":true}\n",
    );
  });

  it("prints any other call's canonical input as JSON, and the grant's state", () => {
    const text = renderApproval(
      approval(
        "mcp__billing__refund",
        { action: "call", input: { amount: 60000 } },
        { status: "approved", maxUses: 3, uses: 1 },
      ),
      [{ approvalId: "apr-1", at: "2026-01-01T00:00:00.000Z", to: "pending", actor: "payer" }],
    );
    expect(text).toMatch(/^apr-1: approved \(used 1 of 3\)\n/);
    expect(text).toContain('"amount": 60000');
    expect(text).toContain("history:\n  2026-01-01T00:00:00.000Z - -> pending by payer\n");
  });

  it("shows characters that could hide or reorder text escaped", () => {
    const content = "PAY=1\rPAY=9\u001b[8m hidden \u202e reversed\u200b";
    const text = renderApproval(approval("Write", { ...path, payload: { content } }), []);
    expect(text).toContain("PAY=1\\u{d}PAY=9\\u{1b}[8m hidden \\u{202e} reversed\\u{200b}");
    expect(text).not.toMatch(/[\r\u001b\u202e\u200b]/);
  });
});
