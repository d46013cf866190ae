import { describe, expect, it } from "vitest";
import { mergeClaudeSettings, removeClaudeHooks } from "./claude-hook.js";

const HOOK = 'jig guard claude-hook --agent coder --root "$CLAUDE_PROJECT_DIR"';

describe("removeClaudeHooks", () => {
  it("undoes mergeClaudeSettings exactly, keeping the user's settings and hooks", () => {
    const mine = {
      model: "opus",
      permissions: { allow: ["Bash(npm test)"] },
      hooks: {
        PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: "echo mine" }] }],
        Stop: [{ hooks: [{ type: "command", command: "say done" }] }],
      },
    };
    const installed = mergeClaudeSettings(structuredClone(mine), HOOK, `${HOOK} --post`);
    const { settings, removed } = removeClaudeHooks(installed);
    expect(settings).toEqual(mine);
    expect(removed).toEqual([`PreToolUse: ${HOOK}`, `PostToolUse: ${HOOK} --post`]);
  });

  it("drops the hooks object only when jig's hooks were all it held", () => {
    const installed = mergeClaudeSettings({ model: "opus" }, HOOK, `${HOOK} --post`);
    expect(removeClaudeHooks(installed).settings).toEqual({ model: "opus" });
  });

  it("keeps a user's hook that shares an entry with jig's, and reports nothing when none is installed", () => {
    const shared = {
      hooks: {
        PreToolUse: [
          {
            matcher: "*",
            hooks: [
              { type: "command", command: "echo mine" },
              { type: "command", command: HOOK },
            ],
          },
        ],
      },
    };
    expect(removeClaudeHooks(shared).settings).toEqual({
      hooks: { PreToolUse: [{ matcher: "*", hooks: [{ type: "command", command: "echo mine" }] }] },
    });
    const none = { hooks: { PreToolUse: [] }, model: "x" };
    expect(removeClaudeHooks(none)).toEqual({ settings: none, removed: [] });
  });
});
