import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useSeededRepo } from "../../src/test-support/seeded-repo.js";
import type { TempRepo } from "../../src/test-support/temp-repo.js";
import { seedGuardedRepo } from "./guarded-repo.js";
import { runJig } from "./run-jig.js";

interface HookOutput {
  hookSpecificOutput: { permissionDecision: string; permissionDecisionReason: string };
}

describe("built-in protection through the built binary (e2e)", () => {
  let repo: TempRepo;
  const seeded = useSeededRepo((seed) => {
    seedGuardedRepo(seed, { "evals/refunds.yaml": "suite: refunds\n" });
  }, "jig-e2e-protection-");
  beforeEach(() => {
    repo = seeded();
  });
  afterEach(() => repo.cleanup());

  const hook = (event: { tool_name: string; tool_input: unknown }): HookOutput => {
    const result = runJig(["guard", "claude-hook", "--agent", "coder"], {
      cwd: repo.dir,
      input: JSON.stringify({ hook_event_name: "PreToolUse", cwd: repo.dir, ...event }),
      env: { JIG_GUARD_DAEMON: "off", JIG_SPEC: "SPEC-0001" },
    });
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as HookOutput;
  };

  it("denies a read: ['**'] coder reading a suite, naming the built-in protection, and audits the rule", () => {
    const read = hook({ tool_name: "Read", tool_input: { file_path: "evals/refunds.yaml" } });
    expect(read.hookSpecificOutput.permissionDecision).toBe("deny");
    expect(read.hookSpecificOutput.permissionDecisionReason).toBe(
      "jig: built-in protection: Read reads evals/refunds.yaml, which would show the holdout eval suites (evals); only an agent whose manifest says 'holdout: read' may read them",
    );
    // The manifest still decides everything else: the coder reads its source.
    const source = hook({ tool_name: "Read", tool_input: { file_path: "src/refunds.js" } });
    expect(source.hookSpecificOutput.permissionDecision).toBe("allow");
    const write = hook({
      tool_name: "Write",
      tool_input: { file_path: "agents/coder.yaml", content: "x" },
    });
    expect(write.hookSpecificOutput.permissionDecisionReason).toBe(
      "jig: built-in protection: agents/coder.yaml is a governance input (agent manifests and Cedar policies); only a person may change it, outside the agent",
    );
    const tail = runJig(["audit", "tail", "--format", "json"], { cwd: repo.dir });
    const records = JSON.parse(tail.stdout) as Array<{ tool: string; policies: string[] }>;
    expect(records.map((record) => [record.tool, record.policies])).toEqual([
      ["Read", ["jig.builtin.holdout"]],
      ["Read", ["coder.files.read"]],
      ["Write", ["jig.builtin.governance"]],
    ]);
  });

  it("jig policy explain shows the built-in rule; lint warns about write globs it overrides", () => {
    const explained = runJig(
      [
        "policy",
        "explain",
        "--agent",
        "coder",
        "--tool",
        "Bash",
        "--input",
        '{"command":"rm agents/coder.yaml"}',
        "--format",
        "json",
      ],
      { cwd: repo.dir },
    );
    expect(explained.code).toBe(1);
    const json = JSON.parse(explained.stdout);
    expect(json.decision).toBe("deny");
    expect(json.policies.map((policy: { id: string }) => policy.id)).toEqual([
      "jig.builtin.governance",
    ]);
    repo.write(
      "agents/wide.yaml",
      "name: wide\nrole: writes\npermissions:\n  files:\n    read: ['**']\n    write: ['**']\n",
    );
    const lint = runJig(["policy", "lint"], { cwd: repo.dir });
    expect(lint.stderr).toMatch(
      /agents\/wide\.yaml:6:\d+: wide's files\.write glob '\*\*' covers governance inputs .*\[JIG-A004\]/,
    );
  });
});
