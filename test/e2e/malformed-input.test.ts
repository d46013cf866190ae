import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useSeededRepo } from "../../src/test-support/seeded-repo.js";
import type { TempRepo } from "../../src/test-support/temp-repo.js";
import { seedGuardedRepo } from "./guarded-repo.js";
import { runJig } from "./run-jig.js";

/*
 * Issue #18: garbage where jig reads a hook event or a unified diff. The hook
 * fails closed (a deny with a one-line reason); a diff is read or refused in
 * one line. Never exit 4, never a stack trace.
 */

const STACK = /\n\s+at |Maximum call stack|memory access out of bounds|internal error/;

describe("malformed hook events and diffs", () => {
  const seeded = useSeededRepo((seed) => seedGuardedRepo(seed), "jig-malformed-");
  let repo: TempRepo;
  beforeEach(() => {
    repo = seeded();
  });
  afterEach(() => repo.cleanup());

  it.each([
    ["not JSON", "garbage{"],
    ["no tool_name", '{"hook_event_name":"PreToolUse"}'],
    [
      "a Write without a path",
      '{"hook_event_name":"PreToolUse","tool_name":"Write","tool_input":{"file_path":{"a":1}}}',
    ],
    [
      "a Bash command that is a list",
      '{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":["rm","-rf","/"]}}',
    ],
    ["invalid UTF-8 and NUL", '\u0000\uFFFD{"tool_name":"Read"'],
    ["deeply nested JSON", `${'{"a":'.repeat(20000)}1${"}".repeat(20000)}`],
  ])("a hook event that is %s is denied in one line, never exit 4", (_, input) => {
    const result = runJig(["guard", "claude-hook", "--agent", "coder"], {
      cwd: repo.dir,
      input,
      env: { JIG_SPEC: "SPEC-0001", JIG_GUARD_DAEMON: "off" },
    });
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const output = JSON.parse(lines[0] as string) as {
      hookSpecificOutput: { permissionDecision: string; permissionDecisionReason: string };
    };
    expect(output.hookSpecificOutput.permissionDecision).toBe("deny");
    expect(output.hookSpecificOutput.permissionDecisionReason).not.toMatch(STACK);
    expect(result.stderr).not.toMatch(STACK);
  });

  it.each([
    ["not a diff", "garbage\n"],
    ["absurd hunk counts", "diff --git a/x b/x\n@@ -99999999999999999999,1 +1,-3 @@\n+x\n"],
    ["NUL and invalid UTF-8", "--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n+\u0000\uFFFD\n-"],
    ["a truncated quoted path", 'diff --git "a/\\377\\ b/x\n--- "a/x\n+++ "b/\\q'],
  ])("failures check --diff - on %s exits 0 or 2 in one line, never 4", (_, input) => {
    const result = runJig(["failures", "check", "--diff", "-"], { cwd: repo.dir, input });
    expect([0, 1, 2], result.stderr).toContain(result.code);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(STACK);
    if (result.code === 2) expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });
});
