import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useSeededRepo } from "../../src/test-support/seeded-repo.js";
import type { TempRepo } from "../../src/test-support/temp-repo.js";
import { PAYER_MANIFEST, seedGuardedRepo } from "./guarded-repo.js";
import { runJig } from "./run-jig.js";

const SPEC = { JIG_SPEC: "SPEC-0001" };

describe("jig approvals: one approval, one call (e2e)", () => {
  let repo: TempRepo;
  const seeded = useSeededRepo((seed) => {
    seedGuardedRepo(seed, { "agents/payer.yaml": PAYER_MANIFEST });
  }, "jig-e2e-approvals-");
  beforeEach(() => {
    repo = seeded();
  });
  afterEach(() => repo.cleanup());

  /** The in-process hook's answer (guard-daemon.test.ts compares it with the daemon's). */
  const hook = (
    agent: string,
    tool: string,
    input: unknown,
    env: Record<string, string> = SPEC,
  ): { decision: string; reason: string } => {
    const event = {
      hook_event_name: "PreToolUse",
      cwd: repo.dir,
      tool_name: tool,
      tool_input: input,
    };
    const result = runJig(["guard", "claude-hook", "--agent", agent], {
      cwd: repo.dir,
      input: JSON.stringify(event),
      env: { JIG_GUARD_DAEMON: "off", ...env },
    });
    const output = JSON.parse(result.stdout).hookSpecificOutput;
    return { decision: output.permissionDecision, reason: output.permissionDecisionReason };
  };
  const jig = (...args: string[]) => runJig(args, { cwd: repo.dir, env: { JIG_ACTOR: "alice" } });
  const idIn = (reason: string): string => /apr-[0-9a-f]+/.exec(reason)?.[0] as string;
  const pay = (content: string) => ({ file_path: "src/pay.env", content });

  it("show prints the content a human approves; the approval allows that content once", () => {
    const asked = hook("payer", "Write", pay("PAY=1\n"));
    expect(asked.decision).toBe("ask");
    const id = idIn(asked.reason);
    const shown = jig("approvals", "show", id);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`${id}: pending`);
    expect(shown.stdout).toContain(
      "--- Write src/pay.env: 6 bytes, 1 line ---\nPAY=1\n--- end ---\n",
    );

    const approved = jig("approvals", "approve", id, "--reason", "looked at it");
    expect(approved.code).toBe(0);
    expect(approved.stdout).toMatch(
      new RegExp(`^${id} approved for 1 use of this exact call until \\S+ by alice\\n$`),
    );
    // Another content is another call: it asks under its own request.
    const other = hook("payer", "Write", pay("PAY=2\n"));
    expect(other.decision).toBe("ask");
    expect(idIn(other.reason)).not.toBe(id);
    expect(jig("approvals", "show", idIn(other.reason)).stdout).toContain("\nPAY=2\n");

    expect(hook("payer", "Write", pay("PAY=1\n")).decision).toBe("allow");
    const reuse = hook("payer", "Write", pay("PAY=1\n"));
    expect(reuse.decision).toBe("ask");
    expect(idIn(reuse.reason)).not.toBe(id);
    const used = jig("approvals", "show", id).stdout;
    expect(used).toMatch(new RegExp(`^${id}: used \\(1 of 1\\)`));
    expect(used).toContain("approved -> used by payer: use 1 of 1");
  });

  it("show prints an Edit as a diff and a command as the command", () => {
    const edit = hook("payer", "Edit", {
      file_path: "src/pay.env",
      old_string: "# pay\nPAY=1",
      new_string: "# pay\nPAY=2",
    });
    expect(jig("approvals", "show", idIn(edit.reason)).stdout).toContain(
      "--- Edit src/pay.env: replace 11 bytes with 11 bytes ---\n  # pay\n- PAY=1\n+ PAY=2\n--- end ---",
    );
    const destroy = hook("coder", "Bash", { command: "terraform  destroy" });
    expect(jig("approvals", "show", idIn(destroy.reason)).stdout).toContain(
      "--- Bash command ---\n$ terraform destroy\n--- end ---",
    );
  });

  it("approve --uses N allows N calls and --for grants a window; malformed flags exit 2", () => {
    const id = idIn(hook("payer", "Write", pay("PAY=3\n")).reason);
    expect(jig("approvals", "approve", id, "--uses", "0")).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /^jig approvals: --uses must be a positive whole number, not '0'\n$/,
      ),
    });
    expect(jig("approvals", "approve", id, "--for", "30 minutes").code).toBe(2);
    expect(jig("approvals", "approve", id, "--uses", "2").stdout).toContain("approved for 2 uses");
    expect(hook("payer", "Write", pay("PAY=3\n")).decision).toBe("allow");
    expect(hook("payer", "Write", pay("PAY=3\n")).decision).toBe("allow");
    expect(hook("payer", "Write", pay("PAY=3\n")).decision).toBe("ask");

    const windowed = idIn(hook("payer", "Write", pay("PAY=4\n")).reason);
    expect(jig("approvals", "approve", windowed, "--for", "30m").stdout).toContain(
      "approved for any number of uses of this exact call until",
    );
    for (let call = 0; call < 3; call++)
      expect(hook("payer", "Write", pay("PAY=4\n")).decision).toBe("allow");
  });
});

describe("jig policy explain decides as the hook does (e2e)", () => {
  let repo: TempRepo;
  const seeded = useSeededRepo((seed) => {
    seedGuardedRepo(seed, { "agents/payer.yaml": PAYER_MANIFEST });
  }, "jig-e2e-explain-");
  beforeEach(() => {
    repo = seeded();
  });
  afterEach(() => repo.cleanup());

  const write = { file_path: "src/refunds.js", content: "export const cap = 50000;\n" };
  const hookDecision = (agent: string, input: object, env: Record<string, string> = {}) => {
    const event = {
      hook_event_name: "PreToolUse",
      cwd: repo.dir,
      tool_name: "Write",
      tool_input: input,
    };
    const result = runJig(["guard", "claude-hook", "--agent", agent], {
      cwd: repo.dir,
      input: JSON.stringify(event),
      env: { JIG_GUARD_DAEMON: "off", ...env },
    });
    return JSON.parse(result.stdout).hookSpecificOutput.permissionDecision as string;
  };
  const explain = (
    agent: string,
    input: object,
    env: Record<string, string> = {},
    ...flags: string[]
  ) =>
    runJig(
      [
        "policy",
        "explain",
        "--agent",
        agent,
        "--tool",
        "Write",
        "--input",
        JSON.stringify(input),
        ...flags,
      ],
      { cwd: repo.dir, env },
    );

  it("denies a Write like the hook when no approved spec is active, and names the assumption", () => {
    expect(hookDecision("coder", write)).toBe("deny");
    const explained = explain("coder", write);
    expect(explained.code).toBe(1);
    expect(explained.stdout).toMatch(/^decision: deny\n/);
    expect(explained.stdout).toContain("specs before code");
    expect(explained.stdout).toContain(
      "assumed:  spec: no approved spec is active for branch 'main', as the hook sees it",
    );
    expect(explained.stdout).toContain(
      "assumed:  JIG_SPEC: assumed the agent's environment has the same as this shell (unset)",
    );
    // With the spec named, both allow.
    expect(hookDecision("coder", write, { JIG_SPEC: "SPEC-0001" })).toBe("allow");
    const withSpec = explain("coder", write, { JIG_SPEC: "SPEC-0001" });
    expect(withSpec.code).toBe(0);
    expect(withSpec.stdout).toContain("an approved spec is active for branch 'main'");
    // Explaining is not a tool call: nothing was audited for it.
    const tail = runJig(["audit", "tail", "-n", "100"], { cwd: repo.dir }).stdout;
    expect(tail).not.toContain("policy-explain");
  });

  it("reads the approval for the exact call without requesting or using it", () => {
    const env = { JIG_SPEC: "SPEC-0001" };
    const pay = { file_path: "src/pay.env", content: "PAY=1\n" };
    const none = explain("payer", pay, env);
    expect(none.code).toBe(3);
    expect(none.stdout).toContain(
      "approval: none covers this exact call; the hook would request one (explain did not)",
    );
    const list = () =>
      JSON.parse(runJig(["approvals", "list", "--format", "json"], { cwd: repo.dir }).stdout);
    expect(list()).toEqual([]);

    expect(hookDecision("payer", pay, env)).toBe("ask");
    const [request] = list();
    expect(explain("payer", pay, env).stdout).toContain(
      `approval: ${request.id}, pending, for this exact call`,
    );
    expect(runJig(["approvals", "approve", request.id], { cwd: repo.dir }).code).toBe(0);
    const approved = explain("payer", pay, env, "--format", "json");
    expect(approved.code).toBe(0);
    expect(JSON.parse(approved.stdout)).toMatchObject({
      decision: "allow",
      approval: { id: request.id, status: "approved", uses: 0 },
    });
    // The explain spent nothing: the hook still has its one use.
    expect(hookDecision("payer", pay, env)).toBe("allow");
    expect(hookDecision("payer", pay, env)).toBe("ask");
  });
});
