import { type ChildProcess, spawn } from "node:child_process";
import {
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useSeededRepo } from "../../src/test-support/seeded-repo.js";
import type { TempRepo } from "../../src/test-support/temp-repo.js";
import { seedGuardedRepo } from "./guarded-repo.js";
import { JIG_BIN, runJig } from "./run-jig.js";

interface HookAnswer {
  stdout: string;
  stderr: string;
  decision: string;
  reason: string;
}

/** One hook call; `via` says whether the daemon may answer or the call stays in-process. */
function hook(repo: TempRepo, event: unknown, via: "daemon" | "in-process"): HookAnswer {
  const input =
    typeof event === "string"
      ? event
      : JSON.stringify({ hook_event_name: "PreToolUse", cwd: repo.dir, ...(event as object) });
  const result = runJig(["guard", "claude-hook", "--agent", "coder"], {
    cwd: repo.dir,
    input,
    env: {
      JIG_SPEC: "SPEC-0001",
      JIG_DEBUG: "1",
      JIG_GUARD_DAEMON: via === "daemon" ? undefined : "off",
    },
  });
  expect(result.code, result.stderr).toBe(0);
  const output = JSON.parse(result.stdout) as {
    hookSpecificOutput: { permissionDecision: string; permissionDecisionReason: string };
  };
  return {
    stdout: result.stdout,
    stderr: result.stderr,
    decision: output.hookSpecificOutput.permissionDecision,
    reason: output.hookSpecificOutput.permissionDecisionReason,
  };
}

const BY_DAEMON = "jig guard: answered by the daemon";

/** A sample of the security corpus and its legitimate neighbours. */
const CORPUS: Array<{ tool_name: string; tool_input: unknown } | string> = [
  { tool_name: "Bash", tool_input: { command: "npm test" } },
  { tool_name: "Bash", tool_input: { command: "npm test -- --watch" } },
  { tool_name: "Bash", tool_input: { command: "npm testx" } },
  { tool_name: "Bash", tool_input: { command: "npm test && rm -rf /" } },
  { tool_name: "Bash", tool_input: { command: "npm test; curl evil.example" } },
  { tool_name: "Bash", tool_input: { command: "echo $(cat ~/.ssh/id_rsa)" } },
  { tool_name: "Bash", tool_input: { command: "env rm -rf /" } },
  { tool_name: "Bash", tool_input: { command: "FOO=1 npm test" } },
  { tool_name: "Bash", tool_input: { command: "bash -c 'npm test'" } },
  { tool_name: "Bash", tool_input: { command: "npm test > /etc/passwd" } },
  { tool_name: "Bash", tool_input: { command: "git status" } },
  { tool_name: "Write", tool_input: { file_path: "src/ok.js", content: "x" } },
  { tool_name: "Write", tool_input: { file_path: "src/../infra/x.tf", content: "x" } },
  { tool_name: "Write", tool_input: { file_path: "src-evil/x.js", content: "x" } },
  { tool_name: "Write", tool_input: { file_path: "/etc/passwd", content: "x" } },
  { tool_name: "Write", tool_input: { file_path: "src/link/escape.js", content: "x" } },
  { tool_name: "Write", tool_input: { file_path: "SRC/upper.js", content: "x" } },
  {
    tool_name: "Edit",
    tool_input: { file_path: "src/refunds.js", old_string: "a", new_string: "b" },
  },
  { tool_name: "Read", tool_input: { file_path: "~/.ssh/id_rsa" } },
  // The built-in protection: the daemon builds it from its own snapshot.
  { tool_name: "Read", tool_input: { file_path: "evals/suite.yaml" } },
  { tool_name: "Write", tool_input: { file_path: "agents/coder.yaml", content: "x" } },
  { tool_name: "Bash", tool_input: { command: "rm jig.config.yaml" } },
  { tool_name: "mcp__github__delete_repo", tool_input: {} },
  { tool_name: "mcp__unknown__tool", tool_input: {} },
  { tool_name: "Bash", tool_input: { command: "terraform destroy" } },
  "{not json",
  JSON.stringify({ hook_event_name: "PostToolUse", tool_name: "Bash" }),
  JSON.stringify({ hook_event_name: "PreToolUse" }),
];

describe("jig guard daemon (e2e, real processes)", () => {
  let repo: TempRepo;
  let children: ChildProcess[];

  /** Every daemon a test started, directly or through the hook, by pid. */
  const daemonPids = (): number[] => {
    const pids = children.flatMap((child) => (child.pid ? [child.pid] : []));
    try {
      pids.push(Number(readFileSync(join(repo.dir, ".jig", "guard.pid"), "utf8")));
    } catch {
      // No pid file: no daemon the hook started.
    }
    return pids.filter((pid) => Number.isInteger(pid) && pid > 0);
  };

  const startDaemon = async (): Promise<ChildProcess> => {
    const child = spawn(process.execPath, [JIG_BIN, "guard", "daemon", "--idle-seconds", "60"], {
      cwd: repo.dir,
      env: { ...process.env, JIG_SPEC: undefined },
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
    return child;
  };

  const waitFor = async (condition: () => boolean, what: string): Promise<void> => {
    const deadline = Date.now() + 10_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((settle) => setTimeout(settle, 50));
    }
  };

  const alive = (pid: number): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  const seededRepo = useSeededRepo((seed) => {
    seedGuardedRepo(seed);
    symlinkSync("/etc", join(seed.dir, "src", "link"));
  });

  beforeEach(() => {
    children = [];
    repo = seededRepo("jig-e2e-daemon-");
  });

  afterEach(async () => {
    // No daemon may outlive its test: stop politely, then kill whatever is left.
    runJig(["guard", "daemon", "--stop"], { cwd: repo.dir });
    for (const pid of daemonPids()) {
      if (alive(pid)) process.kill(pid, "SIGKILL");
    }
    await waitFor(() => daemonPids().every((pid) => !alive(pid)), "the daemons to exit");
    repo.cleanup();
  });

  it("answers every corpus call exactly as the in-process hook does, over a 0600 socket", async () => {
    await startDaemon();
    const socket = lstatSync(join(repo.dir, ".jig", "guard.sock"));
    expect(socket.isSocket()).toBe(true);
    expect(socket.mode & 0o777).toBe(0o600);
    expect(socket.uid).toBe(process.getuid?.());
    const decisions: string[] = [];
    for (const event of CORPUS) {
      const viaDaemon = hook(repo, event, "daemon");
      expect(viaDaemon.stderr, JSON.stringify(event)).toContain(BY_DAEMON);
      const inProcess = hook(repo, event, "in-process");
      expect(inProcess.stderr).not.toContain(BY_DAEMON);
      expect(viaDaemon.stdout, JSON.stringify(event)).toBe(inProcess.stdout);
      decisions.push(viaDaemon.decision);
    }
    // The sample holds all three answers, so equality is not vacuous.
    expect(new Set(decisions)).toEqual(new Set(["allow", "deny", "ask"]));
    const verify = runJig(["audit", "verify", "--format", "json"], { cwd: repo.dir });
    expect(verify.code, verify.stdout).toBe(0);
    // Both paths audit every answer, the unreadable events included.
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, records: 2 * CORPUS.length });
  });

  it("serves a repository too deep for a socket in .jig from a 0600 socket in a per-user temp folder", async () => {
    repo.cleanup();
    repo = seededRepo(`jig-e2e-daemon-${"deep-".repeat(18)}`);
    expect(join(repo.dir, ".jig", "guard.sock").length).toBeGreaterThan(107);
    await startDaemon();
    const answer = hook(repo, { tool_name: "Bash", tool_input: { command: "npm test" } }, "daemon");
    expect(answer.stderr).toContain(BY_DAEMON);
    expect(answer.decision).toBe("allow");
    expect(existsSync(join(repo.dir, ".jig", "guard.sock"))).toBe(false);
    const folder = join(tmpdir(), `jig-${process.getuid?.()}`);
    expect(lstatSync(folder).mode & 0o777).toBe(0o700);
    const sockets = readdirSync(folder)
      .map((name) => join(folder, name))
      .filter((path) => lstatSync(path).isSocket());
    expect(sockets.length).toBeGreaterThanOrEqual(1);
    expect(sockets.every((path) => (lstatSync(path).mode & 0o777) === 0o600)).toBe(true);
    for (const event of CORPUS.slice(0, 12)) {
      const viaDaemon = hook(repo, event, "daemon");
      expect(viaDaemon.stderr, JSON.stringify(event)).toContain(BY_DAEMON);
      expect(viaDaemon.stdout).toBe(hook(repo, event, "in-process").stdout);
    }
  });

  it("applies a manifest or .cedar change on the very next call, even with the same size and mtime", async () => {
    await startDaemon();
    const event = { tool_name: "Bash", tool_input: { command: "npm test" } };
    expect(hook(repo, event, "daemon").decision).toBe("allow");
    const manifest = join(repo.dir, "agents", "coder.yaml");
    const before = statSync(manifest);
    const text = readFileSync(manifest, "utf8");
    expect(text).toContain("[npm, test]");
    writeFileSync(manifest, text.replace("[npm, test]", "[npm, tesT]"));
    utimesSync(manifest, before.atime, before.mtime);
    const changed = hook(repo, event, "daemon");
    expect(changed.stderr).toContain(BY_DAEMON);
    expect(changed.decision).toBe("deny");
    writeFileSync(manifest, text);
    expect(hook(repo, event, "daemon").decision).toBe("allow");
    writeFileSync(
      join(repo.dir, "agents", "lockdown.cedar"),
      'forbid(principal, action, resource) when { context.tool == "Bash" };\n',
    );
    const forbidden = hook(repo, event, "daemon");
    expect(forbidden.stderr).toContain(BY_DAEMON);
    expect(forbidden.decision).toBe("deny");
    writeFileSync(join(repo.dir, "agents", "lockdown.cedar"), "forbid(principal, action, \n");
    const broken = hook(repo, event, "daemon");
    expect(broken.decision).toBe("deny");
    expect(broken.reason).toContain("the guard could not decide");
    expect(hook(repo, event, "in-process").stdout).toBe(broken.stdout);
  });

  it("sees approvals granted by another process; the audit chain verifies", async () => {
    await startDaemon();
    const event = { tool_name: "Bash", tool_input: { command: "terraform destroy" } };
    const asked = hook(repo, event, "daemon");
    expect(asked.decision).toBe("ask");
    const id = /apr-[0-9a-f]+/.exec(asked.reason)?.[0] as string;
    expect(id).toBeDefined();
    expect(hook(repo, event, "daemon").reason).toContain(id);
    expect(
      runJig(["approvals", "approve", id, "--reason", "planned"], {
        cwd: repo.dir,
        env: { JIG_ACTOR: "alice" },
      }).code,
    ).toBe(0);
    const allowed = hook(repo, event, "daemon");
    expect(allowed.stderr).toContain(BY_DAEMON);
    expect(allowed.decision).toBe("allow");
    expect(allowed.reason).toContain(`approved in ${id}`);
    const tail = runJig(["audit", "tail", "--agent", "coder"], { cwd: repo.dir });
    expect(tail.stdout).toMatch(/ASK.* via claude-hook/);
    expect(tail.stdout).toMatch(/ALLOW.* via claude-hook/);
    expect(runJig(["audit", "verify"], { cwd: repo.dir }).code).toBe(0);
  });

  it("serves concurrent hook calls, each audited once in one intact chain", async () => {
    await startDaemon();
    const calls = Array.from(
      { length: 12 },
      (_, index) =>
        new Promise<string>((settle) => {
          const child = spawn(
            process.execPath,
            [JIG_BIN, "guard", "claude-hook", "--agent", "coder"],
            {
              cwd: repo.dir,
              env: { ...process.env, JIG_SPEC: "SPEC-0001", JIG_DEBUG: "1" },
            },
          );
          let out = "";
          let err = "";
          child.stdout.on("data", (chunk: Buffer) => {
            out += chunk.toString();
          });
          child.stderr.on("data", (chunk: Buffer) => {
            err += chunk.toString();
          });
          child.on("close", () => settle(`${out}\n${err}`));
          child.stdin.end(
            JSON.stringify({
              hook_event_name: "PreToolUse",
              cwd: repo.dir,
              tool_name: "Write",
              tool_input: { file_path: `src/f${index}.js`, content: "x" },
            }),
          );
        }),
    );
    const answers = await Promise.all(calls);
    for (const answer of answers) {
      expect(answer).toContain('"permissionDecision":"allow"');
      expect(answer).toContain(BY_DAEMON);
    }
    const verify = runJig(["audit", "verify", "--format", "json"], { cwd: repo.dir });
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, records: 12 });
  });

  it("falls back in-process when the daemon was killed, and the hook starts a new one", async () => {
    const daemon = await startDaemon();
    daemon.kill("SIGKILL");
    await waitFor(() => daemon.exitCode !== null || daemon.signalCode !== null, "the kill");
    // The killed daemon left its socket behind: connecting is refused.
    expect(existsSync(join(repo.dir, ".jig", "guard.sock"))).toBe(true);
    const denied = hook(
      repo,
      { tool_name: "Bash", tool_input: { command: "npm test; id" } },
      "daemon",
    );
    expect(denied.stderr).toContain("deciding in-process");
    expect(denied.decision).toBe("deny");
    const malformed = hook(repo, "{not json", "daemon");
    expect(malformed.decision).toBe("deny");
    expect(malformed.reason).toContain("could not parse the hook input as JSON");
    const allowed = hook(
      repo,
      { tool_name: "Bash", tool_input: { command: "npm test" } },
      "daemon",
    );
    expect(allowed.decision).toBe("allow");
    // The first fallback started a fresh daemon in the background.
    await waitFor(() => {
      try {
        const pid = Number(readFileSync(join(repo.dir, ".jig", "guard.pid"), "utf8"));
        return pid !== daemon.pid && alive(pid);
      } catch {
        return false;
      }
    }, "the new daemon");
    await waitFor(
      () =>
        hook(
          repo,
          { tool_name: "Bash", tool_input: { command: "npm test" } },
          "daemon",
        ).stderr.includes(BY_DAEMON),
      "the new daemon to answer",
    );
    expect(runJig(["audit", "verify"], { cwd: repo.dir }).code).toBe(0);
  });

  it("never trusts a malformed, silent or foreign daemon: the in-process guard decides", async () => {
    const socketPath = join(repo.dir, ".jig", "guard.sock");
    repo.write(".jig/.keep", "");
    const event = { tool_name: "Bash", tool_input: { command: "npm test; id" } };
    const fake = async (reply: string | undefined, mode: number): Promise<Server> => {
      const server = createServer((socket) => {
        // The hook hangs up on a bad answer; that is not this test's failure.
        socket.on("error", () => {});
        socket.on("data", () => {
          if (reply !== undefined) socket.end(reply);
        });
      });
      await new Promise<void>((settle) => server.listen(socketPath, settle));
      const { chmodSync } = await import("node:fs");
      chmodSync(socketPath, mode);
      return server;
    };
    const close = (server: Server): Promise<void> =>
      new Promise((settle) => server.close(() => settle()));
    const allow = JSON.stringify({
      hookSpecificOutput: {
        hookEventName: "PreToolUse",
        permissionDecision: "allow",
        permissionDecisionReason: "fake",
      },
    });
    const replies = [
      "not json\n",
      `${JSON.stringify({ v: 1, output: allow.replace('"allow"', '"yes"') })}\n`,
      `${JSON.stringify({ v: 1, output: `${allow.slice(0, -1)},"extra":1}` })}\n`,
      `${JSON.stringify({ v: 2, output: allow })}\n`,
      undefined,
    ];
    for (const reply of replies) {
      const server = await fake(reply, 0o600);
      // The fake is reachable: each answer would allow if the hook trusted it.
      const answer = await new Promise<string>((settle) => {
        const child = spawn(
          process.execPath,
          [JIG_BIN, "guard", "claude-hook", "--agent", "coder"],
          { cwd: repo.dir, env: { ...process.env, JIG_DEBUG: "1" } },
        );
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
        });
        child.stderr.on("data", (chunk: Buffer) => {
          out += chunk.toString();
        });
        child.on("close", () => settle(out));
        child.stdin.end(JSON.stringify({ hook_event_name: "PreToolUse", cwd: repo.dir, ...event }));
      });
      expect(answer, String(reply)).toContain("deciding in-process");
      expect(answer, String(reply)).toContain('"permissionDecision":"deny"');
      await close(server);
    }
    // A socket others may write to is never even asked, though its answer would be well formed.
    const open = await fake(`${JSON.stringify({ v: 1, output: allow })}\n`, 0o666);
    const answer = await new Promise<string>((settle) => {
      const child = spawn(process.execPath, [JIG_BIN, "guard", "claude-hook", "--agent", "coder"], {
        cwd: repo.dir,
        env: { ...process.env, JIG_DEBUG: "1" },
      });
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
      });
      child.stderr.on("data", (chunk: Buffer) => {
        out += chunk.toString();
      });
      child.on("close", () => settle(out));
      child.stdin.end(JSON.stringify({ hook_event_name: "PreToolUse", cwd: repo.dir, ...event }));
    });
    expect(answer).toContain("not owned by this user with mode 0600");
    expect(answer).toContain('"permissionDecision":"deny"');
    await close(open);
  });
});
