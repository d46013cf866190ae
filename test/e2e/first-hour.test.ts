import { afterAll, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../../src/test-support/temp-repo.js";
import { type JigResult, runJig } from "./run-jig.js";

/**
 * The README's "Install it in your repository" path, as a new user walks it
 * on a fresh repository, plus the scaffolds they reach for next. Each step
 * asserts its documented exit code and that nothing prints a stack trace.
 * One repository, steps in order: each builds on the last.
 */
describe("the first hour", () => {
  const repo: TempRepo = createTempRepo("jig-e2e-first-hour-");
  afterAll(() => repo.cleanup());
  const steps: Array<{ args: string[]; result: JigResult }> = [];
  const jig = (args: string[], options: { input?: string; env?: Record<string, string> } = {}) => {
    const started = Date.now();
    const result = runJig(args, { cwd: repo.dir, ...options });
    if (process.env.FIRST_HOUR_TIMES)
      console.log(`${Date.now() - started} ms  jig ${args.join(" ")}`);
    steps.push({ args, result });
    return result;
  };
  const expectCode = (result: JigResult, code: number) => {
    if (result.code !== code)
      throw new Error(`exit ${result.code}, expected ${code}\n${result.stdout}\n${result.stderr}`);
  };

  it("init, spec new --answers from the template, spec approve", () => {
    repo.write("package.json", '{ "name": "refunds", "private": true }\n');
    repo.write("src/refund.js", "export const cap = (cents) => cents <= 50000;\n");
    repo.commit("A small refunds service");
    expectCode(jig(["init"]), 0);

    const template = jig(["spec", "new", "--template"]);
    expectCode(template, 0);
    repo.write(
      "answers.yaml",
      template.stdout
        .replace('title: ""', 'title: "Refund cap"')
        .replace('problem: ""', 'problem: "Large refunds go out without a person seeing them."')
        .replace('audience: ""', 'audience: "Support agents"')
        .replace(
          '  - ""',
          '  - "Given a refund over 500.00, when it is requested, then the API responds 202 and queues it for a person."',
        )
        .replace('outOfScope: ""', 'outOfScope: "Partial refunds"')
        .replace('domains: ""', 'domains: "refunds"')
        .replace("# owner: alice", "owner: alice"),
    );
    const created = jig(["spec", "new", "--answers", "answers.yaml", "--non-interactive"]);
    expectCode(created, 0);
    expect(created.stdout).toBe("specs/SPEC-0001-refund-cap.md\n");
    expectCode(jig(["spec", "approve", "SPEC-0001"]), 0);
    repo.git("rm", "-q", "--cached", "--ignore-unmatch", "answers.yaml");
    repo.write("answers.yaml", "");
    repo.git("add", "-A");
    repo.git("commit", "-q", "-m", "Adopt jig; approve SPEC-0001");
  });

  it("a Spec line outside the trailer block gets the hint, not only 'cites none'", () => {
    repo.git("switch", "-q", "-c", "refund-cap");
    repo.write("src/refund.js", "export const cap = (cents) => cents <= 50000 ? 'ok' : 'queue';\n");
    repo.git("commit", "-q", "-am", "Add refund cap\n\nSpec: SPEC-0001\n\nQueues large refunds.");
    const check = jig(["check", "--no-ai"]);
    expectCode(check, 1);
    expect(check.stdout).toContain("has the line 'Spec: SPEC-0001' in its message, but not in");
    expect(check.stdout).toContain("git reads trailers only from the message's last paragraph");

    repo.git(
      "commit",
      "-q",
      "--amend",
      "-m",
      "Add refund cap\n\nQueues large refunds.\n\nSpec: SPEC-0001",
    );
    const fixed = jig(["check", "--no-ai"]);
    expect(fixed.stdout).not.toContain("JIG-G001");
  });

  it("eval init writes a starter suite that eval run passes", () => {
    const init = jig(["eval", "init"]);
    expectCode(init, 0);
    expect(init.stdout).toContain("wrote evals/smoke.yaml: a node starter suite");
    const run = jig(["eval", "run", "--no-progress"]);
    expectCode(run, 0);
    expect(run.stdout).toContain("(3/3 runs passed)");
  });

  it("agents new writes a manifest the guard enforces through the Claude Code hook", () => {
    expectCode(jig(["agents", "new", "coder"]), 0);
    expectCode(jig(["policy", "lint"]), 0);
    const event = (tool: string, input: Record<string, unknown>) =>
      JSON.stringify({ hook_event_name: "PreToolUse", tool_name: tool, tool_input: input });
    const hook = ["guard", "claude-hook", "--agent", "coder", "--root", repo.dir];
    const decision = (result: JigResult) =>
      (JSON.parse(result.stdout) as { hookSpecificOutput: { permissionDecision: string } })
        .hookSpecificOutput.permissionDecision;
    const allowed = jig(hook, { input: event("Bash", { command: "npm test" }) });
    expectCode(allowed, 0);
    expect(decision(allowed)).toBe("allow");
    const denied = jig(hook, {
      input: event("Write", { file_path: "infra/main.tf", content: "x" }),
    });
    expectCode(denied, 0);
    expect(decision(denied)).toBe("deny");

    expectCode(jig(["agents", "install", "claude", "--agent", "coder"]), 0);
    const uninstall = jig(["agents", "uninstall", "claude"]);
    expectCode(uninstall, 0);
    expect(uninstall.stdout).toMatch(/^removed from \.claude\/settings\.json:\n {2}PreToolUse: /);
  });

  it("check answers in every format with the same exit code: 3, a person merges the governance files", () => {
    repo.git("add", "-A");
    repo.git("commit", "-q", "-m", "Starter eval suite and coder agent\n\nSpec: SPEC-0001");
    for (const format of ["text", "json", "markdown", "sarif", "junit"]) {
      const result = jig(["check", "--no-ai", "--format", format]);
      expectCode(result, 3);
      if (format === "json" || format === "sarif")
        expect(() => JSON.parse(result.stdout)).not.toThrow();
      if (format === "junit") expect(result.stdout).toMatch(/^<\?xml/);
    }
  });

  it("no step printed a stack trace", () => {
    expect(steps.length).toBeGreaterThan(15);
    for (const { args, result } of steps) {
      const traced = `${result.stdout}\n${result.stderr}`
        .split("\n")
        .filter((line) => /^\s+at /.test(line));
      expect(traced, `jig ${args.join(" ")}`).toEqual([]);
    }
  });
});
