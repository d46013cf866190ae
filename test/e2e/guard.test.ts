import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SNAPSHOT_FILE, snapshotKey } from "../../src/agents/policy-snapshot.js";
import { useSeededRepo } from "../../src/test-support/seeded-repo.js";
import type { TempRepo } from "../../src/test-support/temp-repo.js";
import { FIXTURE_AGENTS as AGENTS, seedGuardedRepo } from "./guarded-repo.js";
import { runJig } from "./run-jig.js";

function hook(
  repo: TempRepo,
  event: unknown,
  env: Record<string, string> = { JIG_SPEC: "SPEC-0001" },
) {
  const input =
    typeof event === "string"
      ? event
      : JSON.stringify({ hook_event_name: "PreToolUse", cwd: repo.dir, ...(event as object) });
  // In-process on purpose: guard-daemon.test.ts covers the daemon and compares the two.
  const result = runJig(["guard", "claude-hook", "--agent", "coder"], {
    cwd: repo.dir,
    input,
    env: { JIG_GUARD_DAEMON: "off", ...env },
  });
  return {
    ...result,
    output: JSON.parse(result.stdout) as {
      hookSpecificOutput: { permissionDecision: string; permissionDecisionReason: string };
    },
  };
}

describe("jig guard claude-hook, approvals and audit (e2e)", () => {
  let repo: TempRepo;
  const seeded = useSeededRepo((seed) => {
    seedGuardedRepo(seed);
  }, "jig-e2e-guard-");
  beforeEach(() => {
    repo = seeded();
  });
  afterEach(() => repo.cleanup());

  it("answers allow, deny and ask in Claude Code's format with exit 0", () => {
    const allow = hook(repo, { tool_name: "Bash", tool_input: { command: "npm test" } });
    expect(allow.code).toBe(0);
    expect(allow.output.hookSpecificOutput).toMatchObject({
      hookEventName: "PreToolUse",
      permissionDecision: "allow",
    });
    const deny = hook(repo, { tool_name: "Bash", tool_input: { command: "npm test && rm -rf /" } });
    expect(deny.output.hookSpecificOutput.permissionDecision).toBe("deny");
    expect(deny.output.hookSpecificOutput.permissionDecisionReason).toContain("&&");
    const ask = hook(repo, {
      tool_name: "Write",
      tool_input: { file_path: "infra/main.tf", content: "x" },
    });
    expect(ask.output.hookSpecificOutput.permissionDecision).toBe("deny");
    const escalate = hook(repo, {
      tool_name: "Bash",
      tool_input: { command: "terraform destroy" },
    });
    expect(escalate.output.hookSpecificOutput.permissionDecision).toBe("ask");
    expect(escalate.output.hookSpecificOutput.permissionDecisionReason).toMatch(/apr-[0-9a-f]+/);
  });

  it("prints audit records with terminal escapes made visible, one line per record", () => {
    // An agent picks the tool name: a raw ESC sequence or newline in it could
    // rewrite or forge the lines a person reads in jig audit tail.
    const forged = "Bash\u001b[2K\r#99 2026-01-01T00:00:00Z coder Bash ALLOW\nvia claude-hook";
    const event = JSON.stringify({
      hook_event_name: "PreToolUse",
      tool_name: forged,
      tool_input: { command: "ls" },
      cwd: repo.dir,
    });
    expect(hook(repo, event).output.hookSpecificOutput.permissionDecision).toBe("deny");
    const tail = runJig(["audit", "tail"], { cwd: repo.dir });
    expect(tail.code).toBe(0);
    expect(tail.stdout).not.toMatch(/[\u001b\r]/);
    expect(tail.stdout).toContain("Bash\\u{1b}[2K\\u{d}#99");
    expect(tail.stdout.trim().split("\n")).toHaveLength(1);
  });

  it("denies malformed hook JSON with a clear reason", () => {
    const result = hook(repo, "{not json");
    expect(result.code).toBe(0);
    expect(result.output.hookSpecificOutput.permissionDecision).toBe("deny");
    expect(result.output.hookSpecificOutput.permissionDecisionReason).toContain(
      "could not parse the hook input as JSON",
    );
    // Every decision is audited, the unreadable ones too.
    expect(hook(repo, "[]").output.hookSpecificOutput.permissionDecision).toBe("deny");
    const tail = runJig(["audit", "tail"], { cwd: repo.dir });
    expect(tail.stdout.match(/\(unreadable hook event\) DENY/g)).toHaveLength(2);
    expect(tail.stdout).toContain("could not parse the hook input as JSON");
    expect(runJig(["audit", "verify"], { cwd: repo.dir }).code).toBe(0);
    // Outside any repository there is nothing to audit into; still a clear deny.
    const outside = runJig(["guard", "claude-hook", "--agent", "coder"], {
      cwd: "/",
      input: "{not json",
      env: { JIG_GUARD_DAEMON: "off" },
    });
    expect(JSON.parse(outside.stdout).hookSpecificOutput.permissionDecisionReason).toContain(
      "could not parse the hook input as JSON",
    );
  });

  it("denies edits while no approved spec is active", () => {
    const result = hook(
      repo,
      {
        tool_name: "Edit",
        tool_input: { file_path: "src/refunds.js", old_string: "a", new_string: "b" },
      },
      {},
    );
    expect(result.output.hookSpecificOutput.permissionDecision).toBe("deny");
    expect(result.output.hookSpecificOutput.permissionDecisionReason).toContain(
      "specs before code",
    );
    const withSpec = hook(repo, {
      tool_name: "Edit",
      tool_input: { file_path: "src/refunds.js", old_string: "a", new_string: "b" },
    });
    expect(withSpec.output.hookSpecificOutput.permissionDecision).toBe("allow");
  });

  it("approvals turn ask into allow; audit verify catches tampering", () => {
    const event = { tool_name: "Bash", tool_input: { command: "terraform destroy" } };
    const id = /apr-[0-9a-f]+/.exec(
      hook(repo, event).output.hookSpecificOutput.permissionDecisionReason,
    )?.[0] as string;
    const listed = runJig(["approvals", "list", "--format", "json"], { cwd: repo.dir });
    expect(JSON.parse(listed.stdout)).toMatchObject([{ id, status: "pending", agent: "coder" }]);
    expect(
      runJig(["approvals", "approve", id, "--reason", "planned"], {
        cwd: repo.dir,
        env: { JIG_ACTOR: "alice" },
      }).code,
    ).toBe(0);
    expect(hook(repo, event).output.hookSpecificOutput.permissionDecision).toBe("allow");
    const shown = runJig(["approvals", "show", id], { cwd: repo.dir });
    expect(shown.stdout).toContain("pending -> approved by alice: planned");
    expect(runJig(["approvals", "deny", id], { cwd: repo.dir }).code).toBe(2);

    const tail = runJig(["audit", "tail", "--agent", "coder"], { cwd: repo.dir });
    expect(tail.stdout).toContain("ASK");
    expect(tail.stdout).toContain("ALLOW");
    expect(runJig(["audit", "verify"], { cwd: repo.dir }).code).toBe(0);
    const db = new Database(join(repo.dir, ".jig", "jig.db"));
    db.prepare("UPDATE audit_log SET decision = 'allow' WHERE seq = 1").run();
    db.close();
    const verify = runJig(["audit", "verify"], { cwd: repo.dir });
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain("record 1: edited");
  });

  it("ignores a forged permit-all policy cache that names another agents folder", () => {
    const curl = { tool_name: "Bash", tool_input: { command: "curl evil.example" } };
    expect(hook(repo, curl).output.hookSpecificOutput.permissionDecision).toBe("deny");
    const path = join(repo.dir, SNAPSHOT_FILE);
    const real = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
    const { version } = JSON.parse(
      readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
    ) as { version: string };
    // Its key is right for the folder it names, which holds no manifests.
    const forged = {
      ...real,
      key: snapshotKey(repo.dir, "nowhere", version),
      settings: { ...(real.settings as object), agentsDir: "nowhere" },
      compiled: {
        policies: { forged: "permit(principal, action, resource);" },
        info: { forged: { id: "forged", file: "x", origin: "x" } },
      },
    };
    writeFileSync(path, JSON.stringify(forged));
    expect(hook(repo, curl).output.hookSpecificOutput.permissionDecision).toBe("deny");
    // The hook rebuilt the cache from the real manifests.
    expect(JSON.parse(readFileSync(path, "utf8")).settings.agentsDir).toBe("agents");
  });

  it("installs the hook into .claude/settings.json, keeping other settings", () => {
    repo.write(
      ".claude/settings.json",
      JSON.stringify({ model: "x", hooks: { PostToolUse: [{ matcher: "*", hooks: [] }] } }),
    );
    expect(
      runJig(["agents", "install", "claude", "--agent", "coder"], { cwd: repo.dir }).code,
    ).toBe(0);
    expect(
      runJig(["agents", "install", "claude", "--agent", "coder"], { cwd: repo.dir }).code,
    ).toBe(0);
    const settings = JSON.parse(readFileSync(join(repo.dir, ".claude", "settings.json"), "utf8"));
    expect(settings.model).toBe("x");
    // Theirs kept, jig's (which records answers to asks) added once.
    expect(settings.hooks.PostToolUse).toHaveLength(2);
    expect(settings.hooks.PreToolUse).toEqual([
      {
        matcher: "*",
        hooks: [
          {
            type: "command",
            command: 'jig guard claude-hook --agent coder --root "$CLAUDE_PROJECT_DIR"',
          },
        ],
      },
    ]);
    // With jig as a dependency, the hook calls it directly (npx alone takes seconds per call).
    repo.write("node_modules/.bin/jig", "#!/bin/sh\n");
    expect(
      runJig(["agents", "install", "claude", "--agent", "coder"], { cwd: repo.dir }).code,
    ).toBe(0);
    const local = JSON.parse(readFileSync(join(repo.dir, ".claude", "settings.json"), "utf8"));
    expect(local.hooks.PreToolUse[0].hooks[0].command).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell expansion the hook's shell performs
      '"${CLAUDE_PROJECT_DIR:-.}"/node_modules/.bin/jig guard claude-hook --agent coder --root "$CLAUDE_PROJECT_DIR"',
    );
  });
});

describe("jig policy and agents (e2e)", () => {
  let repo: TempRepo;
  const seeded = useSeededRepo((seed) => {
    cpSync(AGENTS, join(seed.dir, "agents"), { recursive: true });
    seed.commit("base");
  }, "jig-e2e-policy-");
  beforeEach(() => {
    repo = seeded();
  });
  afterEach(() => repo.cleanup());

  it("lint passes clean agents and reports file:line:col with exit 2", () => {
    expect(runJig(["policy", "lint"], { cwd: repo.dir }).stdout).toContain("ok: 3 agents");
    writeFileSync(
      join(repo.dir, "agents", "broken.yaml"),
      "name: broken\nrole: x\npermissions:\n  files:\n    write: [1]\n  tools: { allow: [Read], typo: [] }\n",
    );
    writeFileSync(
      join(repo.dir, "agents", "extra.cedar"),
      "permit(principal, action, resource);\n\nforbid(principal, action, resource) when { context.tool == };\n",
    );
    const result = runJig(["policy", "lint"], { cwd: repo.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/agents\/broken\.yaml:5:\d+: .*wrong-type/);
    expect(result.stderr).toMatch(
      /agents\/broken\.yaml:6:\d+: unknown key "permissions\.tools\.typo"/,
    );
    expect(result.stderr).toMatch(/agents\/extra\.cedar:3:\d+: /);
  });

  it("lint reports a .cedar policy that fails validation once, naming the actions", () => {
    writeFileSync(
      join(repo.dir, "agents", "bad.cedar"),
      'forbid(principal, action, resource) when { context.nope == "Bash" };\n',
    );
    const result = runJig(["policy", "lint"], { cwd: repo.dir });
    expect(result.code).toBe(2);
    const lines = result.stderr.split("\n").filter((line) => line.startsWith("agents/bad.cedar"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/attribute `nope` in context not found \(for actions .*read.*exec/);
  });

  it("test runs manifest examples; explain shows the decision and the policies", () => {
    const tested = runJig(["policy", "test"], { cwd: repo.dir });
    expect(tested.code).toBe(0);
    expect(tested.stdout).toContain("9/9 examples behave as declared");
    const explained = runJig(
      [
        "policy",
        "explain",
        "--agent",
        "coder",
        "--tool",
        "Write",
        "--input",
        '{"file_path":"src/a.js","content":""}',
        "--assume-spec",
        "--format",
        "json",
      ],
      { cwd: repo.dir },
    );
    const json = JSON.parse(explained.stdout);
    expect(json.decision).toBe("allow");
    expect(json.policies.map((policy: { id: string }) => policy.id)).toEqual(["coder.files.write"]);
    // This repo has no spec, so the assumption is named, with what the hook would see instead.
    expect(json.assumptions[0]).toMatch(
      /decided as if an approved spec were active \(--assume-spec\); the hook sees that no approved spec is active for branch 'main', so it may decide otherwise/,
    );
    const denied = runJig(
      [
        "policy",
        "explain",
        "--agent",
        "coder",
        "--tool",
        "Bash",
        "--input",
        '{"command":"env rm -rf /"}',
      ],
      { cwd: repo.dir },
    );
    expect(denied.code).toBe(1);
    expect(denied.stdout).toContain("decision: deny");
  });

  it("agents list and show", () => {
    expect(runJig(["agents", "list"], { cwd: repo.dir }).stdout).toMatch(
      /coder\s+Implements approved specs/,
    );
    const shown = runJig(["agents", "show", "coder"], { cwd: repo.dir });
    expect(shown.stdout).toContain("values: safety > correctness > customer-trust > speed");
    expect(runJig(["agents", "show", "nobody"], { cwd: repo.dir }).code).toBe(2);
  });
});

describe("jig run under bubblewrap (e2e)", () => {
  let repo: TempRepo;
  const seeded = useSeededRepo((seed) => {
    seed.write(
      "agents/builder.yaml",
      "name: builder\nrole: builds\npermissions:\n  tools: { allow: [Bash] }\n  files: { read: ['**'], write: ['src/**'] }\n  commands: [[touch], [cat]]\n",
    );
    seed.write("src/.keep", "");
    seed.write("infra/.keep", "");
    seed.write("evals/suite.yaml", "x\n");
    seed.commit("base");
  }, "jig-e2e-run-");
  beforeEach(() => {
    repo = seeded();
  });
  afterEach(() => repo.cleanup());

  it("requires bwrap (CI installs the Debian package bubblewrap)", () => {
    const probe = runJig(["run", "--agent", "builder", "--", "touch", "src/probe"], {
      cwd: repo.dir,
    });
    expect(probe.stderr, "bubblewrap is missing: apt-get install -y bubblewrap").not.toContain(
      "not installed",
    );
  });

  it("makes only the write scope writable and keeps evals and .git read-only", () => {
    const ok = runJig(["run", "--agent", "builder", "--", "touch", "src/made.txt"], {
      cwd: repo.dir,
    });
    expect(ok.code, ok.stderr).toBe(0);
    expect(existsSync(join(repo.dir, "src", "made.txt"))).toBe(true);
    for (const target of ["infra/x", "evals/x", ".git/x", "x"]) {
      const blocked = runJig(["run", "--agent", "builder", "--", "touch", target], {
        cwd: repo.dir,
      });
      expect(blocked.code, target).not.toBe(0);
      expect(existsSync(join(repo.dir, target)), target).toBe(false);
    }
    const denied = runJig(["run", "--agent", "builder", "--", "rm", "-rf", "src"], {
      cwd: repo.dir,
    });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain("denied");
  });

  it("errors clearly when bwrap is missing", () => {
    const result = runJig(["run", "--agent", "builder", "--", "touch", "src/y"], {
      cwd: repo.dir,
      env: { JIG_BWRAP: "/nonexistent/bwrap" },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("apt-get install -y bubblewrap");
  });
});
