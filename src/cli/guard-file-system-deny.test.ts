// The guard hook fails closed on a file-system error in its policy inputs,
// and its deny names the file and what to do, as the CLI's own message would.
import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../test-support/temp-repo.js";
import type { CliContext } from "./cli-context.js";
import { COMMANDS } from "./registry.js";
import { runCommand } from "./run-command.js";

const EVENT = JSON.stringify({
  session_id: "s",
  hook_event_name: "PreToolUse",
  tool_name: "Write",
  tool_input: { file_path: "src/a.js", content: "x" },
});

async function hook(cwd: string): Promise<{ code: number; decision: unknown; reason: string }> {
  const entry = COMMANDS.find((command) => command.name === "guard");
  if (!entry) throw new Error("no guard command");
  let stdout = "";
  const context: CliContext = {
    cwd,
    env: { PATH: process.env.PATH, HOME: cwd, NO_COLOR: "1", CLAUDE_PROJECT_DIR: cwd },
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: () => true, isTTY: false },
    stdin: Object.assign(Readable.from([EVENT]), { isTTY: false }),
    now: () => new Date("2026-12-05T12:00:00Z"),
    version: "0.0.0-test",
    exitCode: 0,
  };
  const code = await runCommand(entry, ["claude-hook", "--agent", "coder"], context);
  const output = JSON.parse(stdout).hookSpecificOutput;
  return { code, decision: output.permissionDecision, reason: output.permissionDecisionReason };
}

describe("guard claude-hook with a policy file that cannot be read", () => {
  let repo: TempRepo | undefined;
  afterEach(() => repo?.cleanup());

  it("a directory in place of a manifest denies, naming the file", async () => {
    repo = createTempRepo("jig-guard-fs-");
    repo.write("src/a.js", "x\n");
    repo.commit("seed");
    mkdirSync(join(repo.dir, "agents", "coder.yaml"), { recursive: true });
    expect(await hook(repo.dir)).toEqual({
      code: 0,
      decision: "deny",
      reason:
        "jig: the guard could not decide (agents/coder.yaml: is a directory where a file was expected; replace it with a file or remove it (EISDIR)); denied",
    });
  });

  it("a symbolic link loop in place of autonomy.yaml denies, naming the file", async () => {
    repo = createTempRepo("jig-guard-fs-");
    repo.write("src/a.js", "x\n");
    repo.commit("seed");
    symlinkSync("autonomy.yaml", join(repo.dir, "autonomy.yaml"));
    const result = await hook(repo.dir);
    expect(result.decision).toBe("deny");
    expect(result.reason).toBe(
      "jig: the guard could not decide (autonomy.yaml: is a symbolic link loop; point the link at a real file or directory, or remove it (ELOOP)); denied",
    );
  });
});
