import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useSeededRepo } from "../../src/test-support/seeded-repo.js";
import type { TempRepo } from "../../src/test-support/temp-repo.js";
import { seedGuardedRepo } from "./guarded-repo.js";
import { JIG_BIN, runJig } from "./run-jig.js";

/*
 * Issue #12, rows 2 and 3, as reproducers: the hook is spawned as Claude Code
 * spawns it, with the event on stdin, in-process and through the warm daemon.
 */

const NFD = "cafe\u0301";
const NFC = "caf\u00e9";
const BY_DAEMON = "jig guard: answered by the daemon";

interface HookCall {
  /** The hook process's own working folder (Claude Code's session folder). */
  cwd?: string;
  /** The event's `cwd` field, which the agent can steer. */
  eventCwd?: string;
  root?: string;
  projectDir?: string;
  via?: "daemon" | "in-process";
}

function hook(
  repo: TempRepo,
  event: { tool_name: string; tool_input: unknown },
  call: HookCall = {},
): { decision: string; reason: string; stderr: string } {
  const args = ["guard", "claude-hook", "--agent", "coder"];
  if (call.root !== undefined) args.push("--root", call.root);
  const result = runJig(args, {
    cwd: call.cwd ?? repo.dir,
    input: JSON.stringify({
      hook_event_name: "PreToolUse",
      cwd: call.eventCwd ?? repo.dir,
      ...event,
    }),
    env: {
      JIG_SPEC: "SPEC-0001",
      JIG_DEBUG: "1",
      JIG_GUARD_DAEMON: call.via === "daemon" ? undefined : "off",
      CLAUDE_PROJECT_DIR: call.projectDir,
    },
  });
  expect(result.code, result.stderr).toBe(0);
  const lines = result.stdout.trim().split("\n");
  expect(lines, result.stdout).toHaveLength(1);
  const output = JSON.parse(result.stdout) as {
    hookSpecificOutput: { permissionDecision: string; permissionDecisionReason: string };
  };
  return {
    decision: output.hookSpecificOutput.permissionDecision,
    reason: output.hookSpecificOutput.permissionDecisionReason,
    stderr: result.stderr,
  };
}

const write = (file_path: string) => ({
  tool_name: "Write",
  tool_input: { file_path, content: "x" },
});
const edit = (file_path: string) => ({
  tool_name: "Edit",
  tool_input: { file_path, old_string: "a", new_string: "b" },
});
const bash = (command: string) => ({ tool_name: "Bash", tool_input: { command } });

/** A manifest an agent could write into its own scope: everything, everywhere. */
const PLANTED_MANIFEST = `name: coder
role: planted by the agent
permissions:
  tools:
    allow: [Read, Write, Edit, Bash]
  files:
    read: ["/**"]
    write: ["/**"]
  commands: [[bash]]
`;

describe("jig guard claude-hook hardening (issue #12 rows 2 and 3, e2e)", () => {
  let repo: TempRepo;
  let children: ChildProcess[];
  const seeded = useSeededRepo((seed) => seedGuardedRepo(seed), "jig-e2e-harden-");

  beforeEach(() => {
    children = [];
    repo = seeded();
  });

  afterEach(async () => {
    runJig(["guard", "daemon", "--stop"], { cwd: repo.dir });
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
    repo.cleanup();
  });

  const startDaemon = async (): Promise<void> => {
    const child = spawn(process.execPath, [JIG_BIN, "guard", "daemon", "--idle-seconds", "60"], {
      cwd: repo.dir,
      env: { ...process.env, JIG_SPEC: undefined, CLAUDE_PROJECT_DIR: undefined },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    await new Promise<void>((settle, reject) => {
      let out = "";
      child.stdout?.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes("serving")) settle();
      });
      child.once("exit", (code) => reject(new Error(`daemon exited with ${code}: ${out}`)));
    });
  };

  /** Row 3's plant: a repository of the agent's own inside its write scope. */
  const plantRepository = (): string => {
    const pkg = join(repo.dir, "src", "pkg");
    mkdirSync(join(pkg, "agents"), { recursive: true });
    execFileSync("git", ["init", "-q"], { cwd: pkg });
    writeFileSync(join(pkg, "jig.config.yaml"), "agents:\n  requireSpec: false\n");
    writeFileSync(join(pkg, "agents", "coder.yaml"), PLANTED_MANIFEST);
    return pkg;
  };

  describe("row 2: an NFD-named symlink into .git", () => {
    beforeEach(() => {
      symlinkSync("../.git/hooks", join(repo.dir, "src", NFD));
      mkdirSync(join(repo.dir, "src", "nfc"));
      symlinkSync("../../.git", join(repo.dir, "src", "nfc", NFC));
    });

    const ATTEMPTS = [
      write(`src/${NFD}/pre-commit`),
      edit(`src/${NFD}/../config`),
      bash(`rm src/${NFD}/pre-push`),
      // An NFC-named link into .git, asked for in NFC, and in NFD (mixed).
      write(`src/nfc/${NFC}/hooks/pre-commit`),
      write(`src/nfc/${NFD}/hooks/pre-commit`),
    ];

    it.each(["in-process", "daemon"] as const)("denies every attempt (%s)", async (via) => {
      if (via === "daemon") await startDaemon();
      for (const attempt of ATTEMPTS) {
        const answer = hook(repo, attempt, { via });
        expect(answer.decision, `${JSON.stringify(attempt)}: ${answer.reason}`).toBe("deny");
        if (via === "daemon") expect(answer.stderr).toContain(BY_DAEMON);
      }
      expect(hook(repo, write(`src/${NFD}/pre-commit`), { via }).reason).toContain("NFC spelling");
      // Neighbours stay allowed: a plain NFD file name, an ordinary write.
      for (const allowed of [write(`src/${NFD}x.js`), write("src/ok.js")]) {
        const answer = hook(repo, allowed, { via });
        expect(answer.decision, `${JSON.stringify(allowed)}: ${answer.reason}`).toBe("allow");
      }
    });
  });

  describe("row 3: a planted repository at the event's cwd", () => {
    const ATTEMPTS = [
      write(".git/hooks/pre-commit"),
      write("../../.git/hooks/pre-commit"),
      bash("bash -i"),
    ];

    it("the planted policy would allow them, which is what the hook must not pick up", () => {
      const pkg = plantRepository();
      for (const attempt of [...ATTEMPTS.slice(1)]) {
        const answer = hook(repo, attempt, { root: pkg, eventCwd: pkg });
        expect(answer.decision, `${JSON.stringify(attempt)}: ${answer.reason}`).toBe("allow");
      }
    });

    it.each(["in-process", "daemon"] as const)(
      "judges by the real root's policy, whatever the event's cwd (%s)",
      async (via) => {
        const pkg = plantRepository();
        if (via === "daemon") await startDaemon();
        const setups: HookCall[] = [
          { eventCwd: pkg },
          { eventCwd: pkg, root: repo.dir, cwd: pkg },
          { eventCwd: pkg, projectDir: repo.dir, cwd: pkg },
          { eventCwd: pkg, root: "", projectDir: repo.dir, cwd: pkg },
        ];
        for (const setup of setups) {
          for (const attempt of [...ATTEMPTS, write(`${repo.dir}/.git/hooks/pre-commit`)]) {
            const answer = hook(repo, attempt, { ...setup, via });
            expect(answer.decision, `${JSON.stringify({ setup, attempt })}: ${answer.reason}`).toBe(
              "deny",
            );
            if (via === "daemon") expect(answer.stderr).toContain(BY_DAEMON);
          }
          // Still the real policy, not a blanket deny.
          const allowed = hook(repo, bash("npm test"), { ...setup, via });
          expect(allowed.decision, allowed.reason).toBe("allow");
        }
        // The real store audited every call; the planted folder got none.
        const tail = runJig(["audit", "tail", "--lines", "200", "--format", "json"], {
          cwd: repo.dir,
        });
        const records = JSON.parse(tail.stdout) as Array<{ reason: string; decision: string }>;
        expect(records.filter((record) => record.reason.includes("'bash -i'"))).toHaveLength(
          setups.length,
        );
        expect(existsSync(join(pkg, ".jig", "jig.db"))).toBe(false);
      },
    );

    it("the agent cannot plant it through the hook in the first place", () => {
      for (const attempt of [
        write("src/pkg/.git"),
        write("src/pkg/.git/HEAD"),
        write("src/pkg/.git/config"),
        bash("rm src/pkg/.git/index"),
      ]) {
        const answer = hook(repo, attempt);
        expect(answer.decision, `${JSON.stringify(attempt)}: ${answer.reason}`).toBe("deny");
      }
    });

    it("denies in one line when the configured root is no repository", () => {
      const outside = join(repo.dir, "..");
      for (const setup of [
        { root: join(repo.dir, "missing") },
        { root: "/" },
        { projectDir: "/" },
      ]) {
        const answer = hook(repo, bash("npm test"), { ...setup, cwd: outside });
        expect(answer.decision).toBe("deny");
        expect(answer.reason).toMatch(/^jig: cannot find the repository whose policy applies: /);
      }
    });
  });

  it("installs a hook anchored on $CLAUDE_PROJECT_DIR, which then holds from a planted folder", () => {
    const installed = runJig(["agents", "install", "claude", "--agent", "coder"], {
      cwd: repo.dir,
    });
    expect(installed.code, installed.stderr).toBe(0);
    const settings = JSON.parse(readFileSync(join(repo.dir, ".claude", "settings.json"), "utf8"));
    const command: string = settings.hooks.PreToolUse[0].hooks[0].command;
    expect(command).toContain('--root "$CLAUDE_PROJECT_DIR"');
    // Run it the way Claude Code does: through a shell, in the session's folder.
    const pkg = plantRepository();
    const jigCommand = command.replace(/^jig /, `${process.execPath} ${JIG_BIN} `);
    const result = execFileSync("sh", ["-c", jigCommand], {
      cwd: pkg,
      input: JSON.stringify({ hook_event_name: "PreToolUse", cwd: pkg, ...bash("bash -i") }),
      env: {
        ...process.env,
        CLAUDE_PROJECT_DIR: repo.dir,
        JIG_GUARD_DAEMON: "off",
        JIG_SPEC: "SPEC-0001",
      },
      encoding: "utf8",
    });
    expect(JSON.parse(result).hookSpecificOutput.permissionDecision).toBe("deny");
  });
});
