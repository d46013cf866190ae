import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type JigDatabase, openJigDatabase } from "../store/index.js";
import { createGuardFixture, type GuardFixture } from "./__fixtures__/guard-fixture.js";
import { createApprovalStore } from "./approval-store.js";
import { createAuditLog } from "./audit-log.js";
import { AMBIGUOUS_PATH_POLICY, GOVERNANCE_POLICY, HOLDOUT_POLICY } from "./builtin-protection.js";
import type { Guard, GuardDecision } from "./guard.js";

/** An agent whose manifest lets it write and run nearly anything. */
const WIDE = `name: wide
role: Writes wherever its manifest says, which is everywhere
permissions:
  tools:
    allow: [Read, Write, Edit, MultiEdit, NotebookEdit, NotebookRead, Glob, Grep, LS, Bash, "mcp__fs__*"]
  files:
    read: ["**"]
    write: ["**"]
  commands:
    [[cat], [sed], [cp], [tee], [mv], [ln], [rm], [git], [grep], [rg], [find, -exec], [find], [tar], [zip], [unzip], [patch], [touch], [npx], [node], [dd], [ls]]
escalate:
  - files: ["agents/**"]
    reason: manifests need a human
`;

/** The evaluator: it may read the holdout suites, and (by its manifest) write anywhere. */
const EVALUATOR = `name: evaluator
role: Runs the holdout evals
holdout: read
permissions:
  tools: { allow: [Read, Write, Edit, Grep, Glob, Bash] }
  files: { read: ["**"], write: ["**"] }
  commands: [[cat], [sed], [grep]]
`;

const FILES: Record<string, string> = {
  "jig.config.yaml": "governance:\n  paths: ['.github/workflows/**']\n",
  "evals/refunds.yaml": "suite: refunds\n",
  "evals/.jig-seal.json": "{}\n",
  "failure-models/payments.yaml": "models: []\n",
  "specs/SPEC-0001-cap-refunds.md": "---\nid: SPEC-0001\n---\n",
  ".claude/settings.json": "{}\n",
  ".github/workflows/ci.yml": "on: push\n",
  CODEOWNERS: "* @acme/leads\n",
  ".jig/jig.db": "",
  ".git/hooks/pre-push": "#!/bin/sh\n",
  "src/a.ts": "export {};\n",
  "src/old.js": "export {};\n",
  "src/change.diff":
    "diff --git a/agents/coder.yaml b/agents/coder.yaml\n--- a/agents/coder.yaml\n+++ b/agents/coder.yaml\n@@ -1 +1 @@\n-a\n+b\n",
  "src/ok.diff": "--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1 +1 @@\n-a\n+b\n",
};

const bash = (command: string) => ({ command });

describe("built-in protection", () => {
  let fixture: GuardFixture;
  let guard: Guard;
  let db: JigDatabase;
  let dbDir: string;
  let approvals: ReturnType<typeof createApprovalStore>;
  beforeAll(async () => {
    fixture = await createGuardFixture({
      agents: {
        "wide.yaml": WIDE,
        "evaluator.yaml": EVALUATOR,
        "extra.cedar":
          'forbid(principal, action == Action::"fetch", resource) when { context.tool == "NeverUsed" };\n',
      },
      files: FILES,
      protection: {
        agentsDir: "agents",
        specsDir: "specs",
        evalsDir: "evals",
        failuresDir: "failure-models",
        governancePaths: [".github/workflows/**"],
        storePath: ".jig/jig.db",
      },
    });
    symlinkSync("../agents", join(fixture.root, "src", "gov"));
    symlinkSync("../evals", join(fixture.root, "src", "holdout"));
    dbDir = mkdtempSync(join(tmpdir(), "jig-protection-"));
    db = openJigDatabase(join(dbDir, "jig.db"));
    approvals = createApprovalStore(db, { ttlMinutes: 60 });
    guard = fixture.guard({ approvals, audit: createAuditLog(db) });
  });
  afterAll(() => {
    db.close();
    rmSync(dbDir, { recursive: true, force: true });
    fixture.cleanup();
  });

  const check = (agent: string, tool: string, input: unknown): GuardDecision =>
    guard.check({ agent, tool, input });
  const expectBuiltin = (decision: GuardDecision, policy: string) => {
    expect(decision.decision, decision.reason).toBe("deny");
    expect(decision.policies, decision.reason).toEqual([policy]);
    expect(decision.reason).toMatch(/^built-in protection: /);
  };

  const PROTECTED: Array<[kind: string, path: string, label: RegExp]> = [
    ["config", "jig.config.yaml", /the jig config/],
    ["agents manifest", "agents/coder.yaml", /agent manifests and Cedar policies/],
    ["raw Cedar policy", "agents/extra.cedar", /agent manifests and Cedar policies/],
    ["failure-models catalog", "failure-models/payments.yaml", /failure-model catalog/],
    ["evals suite", "evals/refunds.yaml", /holdout eval suites/],
    ["seal", "evals/.jig-seal.json", /holdout eval suites/],
    ["specs", "specs/SPEC-0001-cap-refunds.md", /specs and their approvals/],
    ["Claude settings", ".claude/settings.json", /a governance path/],
    ["CODEOWNERS", "CODEOWNERS", /a governance path/],
    ["waivers", "jig.waivers.yaml", /a governance path/],
    ["local Claude settings", ".claude/settings.local.json", /Claude Code's project settings/],
    ["governance.paths glob", ".github/workflows/ci.yml", /a governance path/],
    ["jig's store", ".jig/jig.db", /jig's own state/],
    ["git hooks", ".git/hooks/pre-push", /git's own data/],
    // Issue #12: protected whatever a manifest says, at any depth, present or not.
    ["project MCP servers", ".mcp.json", /project MCP server list/],
    ["nested .git entry", "src/pkg/.git", /a \.git entry at any depth/],
    ["nested git config", "src/pkg/.git/config", /a \.git entry at any depth/],
    ["nested git hooks", "tests/a/b/.GIT/hooks/pre-commit", /a \.git entry at any depth/],
    ["absent Claude folder entry", ".claude/commands/x.md", /Claude Code's project settings/],
  ];

  describe.each(PROTECTED)("no agent writes the %s (%s)", (_kind, path, label) => {
    it.each([
      ["Write", { file_path: path, content: "x" }],
      ["Edit", { file_path: path, old_string: "a", new_string: "b" }],
      ["MultiEdit", { file_path: path, edits: [{ old_string: "a", new_string: "b" }] }],
      ["NotebookEdit", { notebook_path: path, new_source: "x" }],
    ])("%s, even with write: ['**']", (tool, input) => {
      const decision = check("wide", tool, input);
      expectBuiltin(decision, GOVERNANCE_POLICY);
      expect(decision.reason).toContain(`${path} is `);
      expect(decision.reason).toMatch(label);
      expect(decision.reason).toContain("only a person may change it, outside the agent");
    });
  });

  it("sees through case, '..', absolute paths and symlinks in the working tree", () => {
    for (const path of [
      "Agents/coder.yaml",
      "./src/../agents/coder.yaml",
      join(fixture.root, "agents", "coder.yaml"),
      "src/gov/coder.yaml",
      "src/gov/new.yaml",
      "JIG.CONFIG.YAML",
    ]) {
      expectBuiltin(check("wide", "Write", { file_path: path, content: "x" }), GOVERNANCE_POLICY);
    }
    expect(check("wide", "Write", { file_path: "src/new.ts", content: "x" }).decision).toBe(
      "allow",
    );
    expect(check("wide", "Read", { file_path: "agents/coder.yaml" }).decision).toBe("allow");
  });

  it("keeps the user's own Claude Code settings, which could switch hooks off, out of reach", () => {
    const decision = check("wide", "Write", {
      file_path: "~/.claude/settings.json",
      content: "{}",
    });
    expectBuiltin(decision, GOVERNANCE_POLICY);
    expect(decision.reason).toContain("Claude Code's user settings");
  });

  it("is a deny no approval can lift: nothing is requested, and the audit names the rule", () => {
    const decision = check("wide", "Write", { file_path: "agents/coder.yaml", content: "x" });
    expectBuiltin(decision, GOVERNANCE_POLICY);
    expect(decision.approvalId).toBeUndefined();
    expect(approvals.list(new Date("2026-01-01T00:00:00Z"))).toEqual([]);
    // Without the protection the manifest would only have asked a human.
    const engine = fixture.policy.engine.decide(decision.canonical as never, {
      specApproved: true,
    });
    expect(engine.decision).toBe("ask");
    const [last] = createAuditLog(db).tail({ limit: 1 });
    expect(last).toMatchObject({ agent: "wide", decision: "deny", policies: [GOVERNANCE_POLICY] });
    expect(last?.reason).toContain("built-in protection: agents/coder.yaml");
  });

  it("keeps commands and MCP tools away from .mcp.json, .claude and a .git at any depth", () => {
    for (const command of [
      "touch .mcp.json",
      "tee .mcp.json",
      "cp src/a.ts src/pkg/.git",
      "mv src/old.js src/pkg/.git",
      "ln -s ../.git/hooks .claude",
      "cp src/a.ts src/pkg/.git/config",
      "sed -i s/a/b/ .claude/settings.local.json",
      // git writes a .git entry that no argument names
      "git init src/pkg",
      "git -C src/pkg init",
      "git -c init.defaultBranch=x init",
      "git clone https://example.com/x.git src/pkg",
      "git worktree add src/wt",
      "git submodule add https://example.com/x.git src/sub",
    ]) {
      expectBuiltin(check("wide", "Bash", bash(command)), GOVERNANCE_POLICY);
    }
    for (const command of ["git status", "git -C src log", "git worktree list"]) {
      const decision = check("wide", "Bash", bash(command));
      expect(decision.decision, `${command}: ${decision.reason}`).toBe("allow");
    }
    expectBuiltin(
      check("wide", "mcp__fs__write_file", { path: "src/pkg/.git/config", content: "x" }),
      GOVERNANCE_POLICY,
    );
    // Names that only look alike stay writable.
    for (const path of ["src/.gitignore", "src/.github/x.yml", "src/mcp.json", "src/x.git"]) {
      const decision = check("wide", "Write", { file_path: path, content: "x" });
      expect(decision.decision, `${path}: ${decision.reason}`).toBe("allow");
    }
  });

  it("denies a command or MCP write through a link whose NFD and NFC names lead apart", () => {
    const nfd = "src/cafe\u0301";
    symlinkSync("../.git/hooks", join(fixture.root, nfd));
    try {
      for (const command of [`touch ${nfd}/pre-commit`, `cp src/a.ts ${nfd}/pre-commit`]) {
        const decision = check("wide", "Bash", bash(command));
        expectBuiltin(decision, AMBIGUOUS_PATH_POLICY);
        expect(decision.reason).toContain("NFC spelling");
      }
      expectBuiltin(
        check("wide", "mcp__fs__write_file", { path: `${nfd}/pre-commit`, content: "x" }),
        AMBIGUOUS_PATH_POLICY,
      );
      const write = check("wide", "Write", { file_path: `${nfd}/pre-commit`, content: "x" });
      expect(write.decision).toBe("deny");
      expect(write.reason).toContain("NFC spelling");
    } finally {
      rmSync(join(fixture.root, nfd));
    }
  });

  describe("holdout suites", () => {
    it.each([
      ["Read", { file_path: "evals/refunds.yaml" }],
      ["Read", { file_path: "evals/.jig-seal.json" }],
      ["Read", { file_path: "Evals/refunds.yaml" }],
      ["Read", { file_path: "./src/../evals/refunds.yaml" }],
      ["Read", { file_path: "src/holdout/refunds.yaml" }],
      ["NotebookRead", { notebook_path: "evals/notes.ipynb" }],
      ["LS", { path: "evals" }],
      ["Grep", { pattern: "refund", path: "evals" }],
      ["Grep", { pattern: "refund", output_mode: "content" }],
      ["Grep", { pattern: "refund", glob: "*.yaml", output_mode: "content" }],
      ["Grep", { pattern: "refund", type: "yaml", output_mode: "content" }],
      ["Glob", { pattern: "evals/*.yaml" }],
      ["Glob", { pattern: "*", path: "evals" }],
    ])("%s %j is denied to a read: ['**'] coder", (tool, input) => {
      const decision = check("coder", tool, input);
      expectBuiltin(decision, HOLDOUT_POLICY);
      expect(decision.reason).toContain("holdout: read");
    });

    it.each([
      ["Read", { file_path: "src/a.ts" }],
      ["Grep", { pattern: "TODO" }],
      ["Grep", { pattern: "TODO", output_mode: "content", glob: "*.ts" }],
      ["Grep", { pattern: "TODO", output_mode: "content", type: "ts" }],
      ["Grep", { pattern: "TODO", output_mode: "content", path: "src" }],
      ["Glob", { pattern: "**/*.ts" }],
    ])("%s %j stays allowed", (tool, input) => {
      const decision = check("coder", tool, input);
      expect(decision.decision, decision.reason).toBe("allow");
    });

    it("a Grep glob picomatch refuses (over 65,536 characters) is denied, never allowed", () => {
      // It cannot prove the suites are left out, so the search may read them.
      const glob = `!${"x".repeat(70_000)}*.yaml`;
      const decision = check("coder", "Grep", { pattern: "refund", glob, output_mode: "content" });
      expectBuiltin(decision, HOLDOUT_POLICY);
      expect(decision.reason).toContain("holdout: read");
    });

    it("holdout: read lets the evaluator read them, never write them", () => {
      expect(check("evaluator", "Read", { file_path: "evals/refunds.yaml" }).decision).toBe(
        "allow",
      );
      expect(check("evaluator", "Bash", bash("cat evals/refunds.yaml")).decision).toBe("allow");
      expect(check("evaluator", "Grep", { pattern: "x", output_mode: "content" }).decision).toBe(
        "allow",
      );
      expectBuiltin(
        check("evaluator", "Write", { file_path: "evals/refunds.yaml", content: "x" }),
        GOVERNANCE_POLICY,
      );
      expectBuiltin(
        check("evaluator", "Bash", bash("sed -i s/a/b/ evals/refunds.yaml")),
        GOVERNANCE_POLICY,
      );
    });

    it("an evaluator acting on a coder's message may not read them for it", () => {
      const deputy = fixture.guard({
        delegation: (agent) => (agent === "evaluator" ? ["coder"] : []),
      });
      const decision = deputy.check({
        agent: "evaluator",
        tool: "Read",
        input: { file_path: "evals/refunds.yaml" },
      });
      expectBuiltin(decision, HOLDOUT_POLICY);
      expect(decision.reason).toContain("acting on a message from coder");
    });
  });

  describe("Bash", () => {
    it.each([
      "sed -i s/a/b/ agents/coder.yaml",
      "cp src/a.ts agents/coder.yaml",
      "tee agents/coder.yaml",
      "mv agents/coder.yaml src/x.yaml",
      "ln -s /tmp/x agents/evil.yaml",
      "ln -s ../agents/coder.yaml src/link.yaml",
      "rm jig.config.yaml",
      "rm -rf agents",
      "mv agents src/x",
      "cp -r src agents",
      "cp -r src/ .",
      "rm -rf .",
      `rm -rf ${"/"}`,
      "git checkout -- .",
      "git checkout HEAD -- jig.config.yaml",
      "git restore specs",
      "touch Agents/x.yaml",
      "sed -i s/a/b/ ag*/coder.yaml",
      "sed -i s/a/b/ src/gov/coder.yaml",
      "sed -i s/a/b/ src/gov/../jig.config.yaml",
      "find . -name '*.yaml' -exec sed -i s/a/b/ '{}' +",
      "node -e \"require('fs').writeFileSync('agents/coder.yaml','')\"",
      "dd if=src/a.ts of=agents/coder.yaml",
      "cp src/a.ts .claude/settings.json",
      "tee .git/hooks/pre-push",
      "cp src/a.ts .github/workflows/ci.yml",
      "sed -i s/a/b/ failure-models/payments.yaml",
      "tar -xf src/x.tar",
      "unzip src/x.zip",
      "git apply src/change.diff",
      "patch -p1 -i src/change.diff",
      "ln -s ../ag* src/link",
    ])("%s is denied even to a write: ['**'] agent", (command) => {
      const decision = check("wide", "Bash", bash(command));
      expectBuiltin(decision, GOVERNANCE_POLICY);
    });

    it.each([
      "cat evals/refunds.yaml",
      "cat Evals/refunds.yaml",
      "cat ./src/../evals/refunds.yaml",
      "cat ../evals/refunds.yaml",
      "cat ev*/*",
      "cat src/holdout/refunds.yaml",
      "grep -r refund evals",
      "grep -rn refund .",
      "rg refund",
      "cp evals/refunds.yaml /tmp/x.yaml",
      "git show HEAD:evals/refunds.yaml",
      "zip -r /tmp/x.zip .",
    ])("%s is denied to an agent without holdout: read", (command) => {
      const decision = check("wide", "Bash", bash(command));
      expectBuiltin(decision, HOLDOUT_POLICY);
    });

    it.each(["find . -name '*.yaml' -exec cat '{}' +", "tar -czf /tmp/x.tgz ."])(
      "%s, which both reads and may write the root, is denied",
      (command) => {
        const decision = check("wide", "Bash", bash(command));
        expect(decision.decision).toBe("deny");
        expect([[GOVERNANCE_POLICY], [HOLDOUT_POLICY]]).toContainEqual(decision.policies);
      },
    );

    it.each([
      "cat agents/coder.yaml",
      "cat src/a.ts",
      "grep -r TODO src",
      "rg TODO src",
      "git diff",
      "git add .",
      "git commit -m 'tighten agents/coder.yaml scope'",
      "npx tsc -p .",
      "sed -i s/a/b/ src/a.ts",
      "rm src/old.js",
      "ls",
      "ls evals/..",
      "tar -xf src/x.tar -C src/out",
      "git apply src/ok.diff",
    ])("%s stays allowed", (command) => {
      const decision = check("wide", "Bash", bash(command));
      expect(decision.decision, decision.reason).toBe("allow");
    });

    it("refuses a '>' redirect before anything else could read it", () => {
      const decision = check("wide", "Bash", bash("echo x > agents/coder.yaml"));
      expect(decision.decision).toBe("deny");
      expect(decision.code).toBe("command/operator");
    });
  });

  describe("MCP and other tools", () => {
    it.each([
      ["mcp__fs__write_file", { path: "agents/coder.yaml", content: "x" }, GOVERNANCE_POLICY],
      ["mcp__fs__edit_file", { path: "Agents/Coder.yaml", edits: [] }, GOVERNANCE_POLICY],
      [
        "mcp__fs__move_file",
        { source: "src/a.ts", destination: "jig.config.yaml" },
        GOVERNANCE_POLICY,
      ],
      ["mcp__fs__delete_directory", { path: "." }, GOVERNANCE_POLICY],
      ["mcp__fs__read_file", { path: "evals/refunds.yaml" }, HOLDOUT_POLICY],
      [
        "mcp__fs__read_multiple_files",
        { paths: ["src/a.ts", "evals/refunds.yaml"] },
        HOLDOUT_POLICY,
      ],
    ])("%s %j is denied", (tool, input, policy) => {
      expectBuiltin(check("wide", tool, input), policy);
    });

    it("resolves file:// URIs and absolute paths into the repo", () => {
      expectBuiltin(
        check("wide", "mcp__fs__write_file", {
          path: `file://${join(fixture.root, "agents", "coder.yaml")}`,
          content: "x",
        }),
        GOVERNANCE_POLICY,
      );
    });

    it("lets read-only MCP tools read governance inputs, and any tool touch other files", () => {
      for (const [tool, input] of [
        ["mcp__fs__read_file", { path: "agents/coder.yaml" }],
        ["mcp__fs__write_file", { path: "src/new.ts", content: "x" }],
        ["mcp__fs__list_directory", { path: "." }],
      ] as const) {
        const decision = check("wide", tool, input);
        expect(decision.decision, decision.reason).toBe("allow");
      }
    });
  });
});
