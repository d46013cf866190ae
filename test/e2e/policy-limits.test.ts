import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useSeededRepo } from "../../src/test-support/seeded-repo.js";
import type { TempRepo } from "../../src/test-support/temp-repo.js";
import { seedGuardedRepo } from "./guarded-repo.js";
import { runJig } from "./run-jig.js";

/*
 * Issue #18: raw .cedar files Cedar's WASM engine cannot take (deep nesting,
 * very long expressions, huge files). Each is an input error (exit 2, one
 * line naming the file) for the policy commands, and a deny naming the file
 * for the guard.
 */

const HEAD = "forbid(principal, action, resource) when { ";
const DEEP = `${HEAD}${"(".repeat(5000)}true${")".repeat(5000)} };\n`;
const LONG = `${HEAD}${Array.from({ length: 2000 }, (_, index) => `context.tool == "x${index}"`).join(" || ")} };\n`;
/** 50,000 generated lines: over the size limit, and once 90 s of offset arithmetic. */
const HUGE = Array.from(
  { length: 25_000 },
  (_, index) => `forbid(principal, action, resource)\n when { context.tool == "t${index}" };\n`,
).join("");

const STACK = /\n\s+at |Maximum call stack|memory access out of bounds|internal error/;

describe("policy files past Cedar's limits", () => {
  const seeded = useSeededRepo((seed) => seedGuardedRepo(seed), "jig-policy-limits-");
  let repo: TempRepo;
  beforeEach(() => {
    repo = seeded();
  });
  afterEach(() => repo.cleanup());

  it.each([
    ["deep nesting", DEEP, /^agents\/bad\.cedar:1:\d+: nesting deeper than 64 levels/],
    [
      "a long expression",
      LONG,
      /^agents\/bad\.cedar:1:\d+: expression chains more than 200 operators/,
    ],
    [
      "50,000 lines",
      HUGE,
      /^agents\/bad\.cedar:1:1: policy file is [\d,]+ bytes, over the limit of 262,144; split/,
    ],
  ])("%s: policy lint exits 2 with the file's line, fast", (_, text, expected) => {
    repo.write("agents/bad.cedar", text);
    const started = Date.now();
    const result = runJig(["policy", "lint"], { cwd: repo.dir });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(expected);
    expect(result.stderr).not.toMatch(STACK);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("policy test, policy explain and agents show refuse the same file the same way", () => {
    repo.write("agents/bad.cedar", DEEP);
    for (const args of [
      ["policy", "test"],
      [
        "policy",
        "explain",
        "--agent",
        "coder",
        "--tool",
        "Read",
        "--input",
        '{"file_path":"README.md"}',
      ],
      ["agents", "show", "coder"],
    ]) {
      const result = runJig(args, { cwd: repo.dir });
      expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toMatch(/^agents\/bad\.cedar:1:\d+: nesting deeper than 64 levels/);
      expect(result.stderr).not.toMatch(STACK);
    }
  });

  it("the guard denies every call, naming the file, when a committed .cedar is past a limit", () => {
    repo.write("agents/bad.cedar", DEEP);
    repo.commit("a policy the engine cannot take");
    const result = runJig(["guard", "claude-hook", "--agent", "coder"], {
      cwd: repo.dir,
      input: JSON.stringify({
        hook_event_name: "PreToolUse",
        tool_name: "Read",
        tool_input: { file_path: "src/refunds.js" },
      }),
      env: { JIG_SPEC: "SPEC-0001", JIG_GUARD_DAEMON: "off" },
    });
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as {
      hookSpecificOutput: { permissionDecision: string; permissionDecisionReason: string };
    };
    expect(output.hookSpecificOutput.permissionDecision).toBe("deny");
    expect(output.hookSpecificOutput.permissionDecisionReason).toMatch(
      /agents\/bad\.cedar:1:\d+: nesting deeper than 64 levels/,
    );
    expect(output.hookSpecificOutput.permissionDecisionReason).not.toMatch(STACK);
  });
});
