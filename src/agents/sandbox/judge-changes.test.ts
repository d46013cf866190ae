import { describe, expect, it } from "vitest";
import { type ChangeRules, judgeChanges } from "./judge-changes.js";
import type { OverlayChange } from "./overlay-change.js";

const rules: ChangeRules = {
  writeGlobs: ["**/*.ts", "src/**"],
  protectedGlobs: ["agents/**", "jig.config.yaml", "**/CODEOWNERS"],
  escalateGlobs: ["src/payments/**"],
  placeholders: new Set([".mcp.json"]),
};
const write = (path: string): OverlayChange => ({ kind: "write", path, source: "/x", mode: 0o644 });

describe("judgeChanges", () => {
  it("applies in-scope writes, deletions and symlinks that stay inside the repository", () => {
    const verdict = judgeChanges(
      [
        write("lib/a.ts"),
        { kind: "delete", path: "src/old.js" },
        { kind: "symlink", path: "src/link", target: "../lib/a.ts" },
        { kind: "rmdir", path: "src/empty" },
      ],
      rules,
    );
    expect(verdict.discard).toEqual([]);
    expect(verdict.apply.map((change) => change.path)).toEqual([
      "lib/a.ts",
      "src/old.js",
      "src/link",
      "src/empty",
    ]);
  });

  it("discards protected, nested .git, escalated and out-of-scope changes with a code each", () => {
    const verdict = judgeChanges(
      [
        write(".claude/settings.json"),
        write(".MCP.json/x"),
        write("agents/evil.ts"),
        write("docs/CODEOWNERS"),
        write("src/pkg/.git/config"),
        write("src/pkg/.GIT"),
        write("src/payments/refund.ts"),
        write("package.json"),
        { kind: "delete", path: "README.md" },
        { kind: "symlink", path: "src/hooks", target: "../.git/hooks" },
        { kind: "symlink", path: "src/out", target: "/etc" },
        { kind: "special", path: "src/fifo" },
      ],
      rules,
    );
    expect(verdict.apply).toEqual([]);
    expect(verdict.discard.map(({ change, code }) => `${change.path} ${code}`)).toEqual([
      ".claude/settings.json protected",
      ".MCP.json/x protected",
      "agents/evil.ts protected",
      "docs/CODEOWNERS protected",
      "src/pkg/.git/config nested-git",
      "src/pkg/.GIT nested-git",
      "src/payments/refund.ts escalate",
      "package.json out-of-scope",
      "README.md out-of-scope",
      "src/hooks symlink",
      "src/out symlink",
      "src/fifo special",
    ]);
  });

  it("drops the sandbox's own placeholders without reporting them", () => {
    const verdict = judgeChanges([write(".mcp.json")], rules);
    expect(verdict.discard).toEqual([]);
    expect(verdict.apply).toEqual([]);
    expect(verdict.dropped).toHaveLength(1);
  });
});
