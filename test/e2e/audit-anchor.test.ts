import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AuditRecord, hashAuditRecord } from "../../src/agents/audit-log.js";
import { useSeededRepo } from "../../src/test-support/seeded-repo.js";
import type { TempRepo } from "../../src/test-support/temp-repo.js";
import { JIG_BIN, runJig } from "./run-jig.js";

const AGENTS = fileURLToPath(new URL("../../src/agents/__fixtures__/agents", import.meta.url));
const COMMANDS = ["npm test", "git status", "curl evil.example", "terraform destroy", "ls"];

type Row = Record<string, unknown> & { seq: number; hash: string; prev_hash: string };

/**
 * The audit log's anchors: an agent that can write the database can delete
 * the newest records and move `audit_head` back with one UPDATE, which the
 * chain alone cannot see. These reproducers pass `jig audit verify` on a jig
 * without anchors; here they must fail it.
 */
describe("jig audit verify against anchors (e2e)", () => {
  let repo: TempRepo;
  let configHome: string;
  // Ten records in the template; each test's copy adds one of its own, so
  // the copy's own anchor file (keyed on its store path) holds record 11.
  const seeded = useSeededRepo((seed) => {
    cpSync(AGENTS, join(seed.dir, "agents"), { recursive: true });
    seed.commit("base");
    const scratch = mkdtempSync(join(tmpdir(), "jig-e2e-anchor-seed-"));
    for (const command of [...COMMANDS, ...COMMANDS]) hook(seed.dir, command, scratch);
    rmSync(scratch, { recursive: true, force: true });
  }, "jig-e2e-anchor-");

  beforeEach(() => {
    repo = seeded();
    configHome = mkdtempSync(join(tmpdir(), "jig-e2e-anchor-config-"));
  });
  afterEach(() => {
    repo.cleanup();
    rmSync(configHome, { recursive: true, force: true });
  });

  const env = () => ({ XDG_CONFIG_HOME: configHome, JIG_GUARD_DAEMON: "off" });
  const verify = () => runJig(["audit", "verify"], { cwd: repo.dir, env: env() });
  const anchorFiles = () => {
    const folder = join(configHome, "jig", "anchors");
    return existsSync(folder) ? readdirSync(folder).map((name) => join(folder, name)) : [];
  };
  const tamper = (change: (db: Database.Database, rows: Row[]) => void): void => {
    const db = new Database(join(repo.dir, ".jig", "jig.db"));
    try {
      change(db, db.prepare("SELECT * FROM audit_log ORDER BY seq").all() as Row[]);
    } finally {
      db.close();
    }
  };
  /** The attack of the issue: drop the newest `count` records, point the head at the new last row. */
  const truncate = (count: number) =>
    tamper((db, rows) => {
      const keep = rows.at(-count - 1) as Row;
      db.prepare("DELETE FROM audit_log WHERE seq > ?").run(keep.seq);
      db.prepare("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1").run(keep.seq, keep.hash);
    });

  it("anchors the head in a file under the config dir when a hook process records a decision", () => {
    hook(repo.dir, "git status", configHome);
    const [file, ...others] = anchorFiles();
    expect(others).toEqual([]);
    const anchor = JSON.parse(readFileSync(file as string, "utf8")) as {
      seq: number;
      store: string;
    };
    expect(anchor.seq).toBe(11);
    expect(anchor.store).toBe(join(repo.dir, ".jig", "jig.db"));
    const result = verify();
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toContain("11 records");
    expect(result.stdout).toContain("record 11 was anchored");
  });

  it("fails when the newest 5 records are deleted and audit_head is moved back with one UPDATE", () => {
    hook(repo.dir, "git status", configHome);
    truncate(5);
    const result = verify();
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /record 11: truncated: the log ends at record 6 but the anchor file .* saw record 11/,
    );
    expect(result.stdout).toContain("FAILED");
    // The evidence stays: a later decision must not move the anchor past the gap.
    hook(repo.dir, "npm test", configHome);
    expect(verify().code).toBe(1);
  });

  it("fails when the anchored record is rewritten and the chain re-hashed to look intact", () => {
    hook(repo.dir, "terraform destroy", configHome);
    tamper((db, rows) => {
      // A careful tamperer: flip the last decision and recompute its hash.
      const last = rows.at(-1) as Row;
      const record = toRecord({ ...last, decision: "allow" });
      const { hash: _old, ...unsigned } = record;
      const hash = hashAuditRecord(unsigned);
      db.prepare("UPDATE audit_log SET decision = 'allow', hash = ? WHERE seq = ?").run(
        hash,
        last.seq,
      );
      db.prepare("UPDATE audit_head SET hash = ? WHERE id = 1").run(hash);
    });
    const result = verify();
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /record 11: rewritten: record 11 is not the one the anchor file .* saw/,
    );
  });

  it("says honestly that a head was never anchored, then anchors it", () => {
    const first = verify();
    expect(first.code, first.stdout).toBe(0);
    expect(first.stdout).toContain("the head was not anchored yet");
    expect(first.stdout).toContain("anchored the head (record 10) now");
    truncate(3);
    const second = verify();
    expect(second.code).toBe(1);
    expect(second.stdout).toContain("record 10: truncated");
  });

  it("keeps the head in each recorded gate run, so truncation shows even without the anchor file", () => {
    repo.write("jig.config.yaml", "version: 1\n");
    repo.commit("config");
    const check = runJig(["check", "--no-ai"], { cwd: repo.dir, env: env() });
    expect(check.code, check.stderr).not.toBeNull();
    for (const file of anchorFiles()) rmSync(file);
    truncate(4);
    const result = verify();
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /record 10: truncated: the log ends at record 6 but run \S+ saw record 10/,
    );
  });

  it("anchors decisions the warm guard daemon records, within a second, off the hook's path", async () => {
    const daemon = spawn(process.execPath, [JIG_BIN, "guard", "daemon", "--idle-seconds", "30"], {
      cwd: repo.dir,
      env: { ...process.env, XDG_CONFIG_HOME: configHome, JIG_SPEC: undefined },
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      await new Promise<void>((settle, reject) => {
        let out = "";
        daemon.stdout?.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes("serving")) settle();
        });
        daemon.once("exit", (code) => reject(new Error(`daemon exited with ${code}: ${out}`)));
      });
      const answered = runJig(["guard", "claude-hook", "--agent", "coder"], {
        cwd: repo.dir,
        input: JSON.stringify({
          hook_event_name: "PreToolUse",
          cwd: repo.dir,
          tool_name: "Bash",
          tool_input: { command: "git status" },
        }),
        env: { XDG_CONFIG_HOME: configHome, JIG_DEBUG: "1" },
      });
      expect(answered.stderr).toContain("answered by the daemon");
      const deadline = Date.now() + 10_000;
      while (anchorFiles().length === 0 && Date.now() < deadline)
        await new Promise((settle) => setTimeout(settle, 50));
      const [file] = anchorFiles();
      expect(JSON.parse(readFileSync(file as string, "utf8"))).toMatchObject({ seq: 11 });
    } finally {
      runJig(["guard", "daemon", "--stop"], { cwd: repo.dir });
      if (daemon.exitCode === null) daemon.kill("SIGKILL");
    }
    truncate(2);
    expect(verify().stdout).toContain("record 11: truncated");
  });

  it("escapes control characters that a tampered run id carries into its messages", () => {
    tamper((db) => {
      db.prepare(
        `INSERT INTO runs (id, status, started_at, base, head, base_ref, head_ref) VALUES (?, 'running', '2026-01-01', 'a', 'b', 'main', 'HEAD')`,
      ).run("evil\u001b[2K\rok");
      db.prepare("INSERT INTO run_audit_anchors (run_id, seq, hash) VALUES (?, 99, ?)").run(
        "evil\u001b[2K\rok",
        "0".repeat(64),
      );
    });
    const result = verify();
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain("\u001b");
    expect(result.stdout).toContain("evil\\u{1b}[2K\\u{d}ok");
  });
});

function hook(dir: string, command: string, configHome: string): void {
  const result = runJig(["guard", "claude-hook", "--agent", "coder"], {
    cwd: dir,
    input: JSON.stringify({
      hook_event_name: "PreToolUse",
      cwd: dir,
      tool_name: "Bash",
      tool_input: { command },
    }),
    env: { JIG_GUARD_DAEMON: "off", XDG_CONFIG_HOME: configHome },
  });
  if (result.code !== 0) throw new Error(`hook failed: ${result.stderr}`);
}

function toRecord(row: Row): AuditRecord {
  return {
    seq: row.seq,
    at: row.at as string,
    agent: row.agent as string,
    tool: row.tool as string,
    adapter: row.adapter as string,
    input: row.input as string,
    decision: row.decision as AuditRecord["decision"],
    reason: row.reason as string,
    policies: JSON.parse(row.policies as string) as string[],
    ...(row.approval_id ? { approvalId: row.approval_id as string } : {}),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
