import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type JigDatabase, openJigDatabase } from "../store/index.js";
import {
  advanceAuditAnchor,
  auditAnchorKeeperFor,
  auditAnchorPath,
  checkAuditAnchors,
  createAuditAnchorKeeper,
  readAuditAnchor,
} from "./audit-anchor.js";
import { type AuditLog, createAuditLog } from "./audit-log.js";
import { verifyAuditLog } from "./verify-audit-log.js";

const hash = (char: string) => char.repeat(64);
const now = () => new Date("2026-12-05T10:00:00Z");

describe("checkAuditAnchors", () => {
  const records = [1, 2, 3].map((seq) => ({ seq, hash: hash(String(seq)) }));

  it("accepts a chain that still holds every anchored record", () => {
    expect(checkAuditAnchors(records, [{ source: "file", seq: 3, hash: hash("3") }])).toEqual([]);
    expect(checkAuditAnchors(records, [{ source: "run r1", seq: 2, hash: hash("2") }])).toEqual([]);
  });

  it("reports a log that ends before an anchor as truncated", () => {
    const problems = checkAuditAnchors(records, [{ source: "file", seq: 5, hash: hash("5") }]);
    expect(problems).toEqual([
      {
        seq: 5,
        problem: "truncated",
        message:
          "the log ends at record 3 but file saw record 5: records were removed from the end",
      },
    ]);
  });

  it("reports another hash at the anchored seq as rewritten, once per distinct anchor", () => {
    const anchors = [
      { source: "run r2", seq: 2, hash: hash("f") },
      { source: "run r1", seq: 2, hash: hash("f") },
    ];
    expect(checkAuditAnchors(records, anchors)).toEqual([
      {
        seq: 2,
        problem: "rewritten",
        message: "record 2 is not the one run r2 saw: history was rewritten",
      },
    ]);
  });
});

describe("audit anchor file", () => {
  let dir: string;
  let db: JigDatabase;
  let log: AuditLog;
  let env: Record<string, string>;
  let storePath: string;
  const append = (target: AuditLog, index: number, reason = "r") =>
    target.append({
      at: `2026-01-01T00:00:0${index}Z`,
      agent: "coder",
      tool: "Bash",
      adapter: "test",
      input: "{}",
      decision: "allow",
      reason,
      policies: [],
    });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "jig-anchor-"));
    storePath = join(dir, "repo", ".jig", "jig.db");
    db = openJigDatabase(storePath);
    env = { XDG_CONFIG_HOME: join(dir, "config"), HOME: join(dir, "home") };
    log = createAuditLog(db, { anchor: auditAnchorKeeperFor(db, storePath, env, now) });
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("lives under $XDG_CONFIG_HOME/jig/anchors, else ~/.config, keyed on the store file", () => {
    const path = auditAnchorPath(storePath, env);
    expect(dirname(path)).toBe(join(dir, "config", "jig", "anchors"));
    expect(dirname(auditAnchorPath(storePath, { HOME: env.HOME }))).toBe(
      join(dir, "home", ".config", "jig", "anchors"),
    );
    // A relative XDG_CONFIG_HOME is invalid by the spec: ignored.
    expect(dirname(auditAnchorPath(storePath, { ...env, XDG_CONFIG_HOME: "cfg" }))).toBe(
      join(dir, "home", ".config", "jig", "anchors"),
    );
    expect(auditAnchorPath(join(dir, "other.db"), env)).not.toBe(path);
  });

  it("is written on flush, not on append, and then holds the head", () => {
    const path = auditAnchorPath(storePath, env);
    append(log, 1);
    const second = append(log, 2);
    expect(existsSync(path)).toBe(false);
    log.flushAnchor();
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({
      seq: 2,
      hash: second.hash,
      at: now().toISOString(),
      store: storePath,
    });
  });

  it("writes on its own after the delay, for long-lived processes", async () => {
    const path = auditAnchorPath(storePath, env);
    const quick = createAuditLog(db, {
      anchor: createAuditAnchorKeeper(db, { path, store: storePath, now, delayMs: 10 }),
    });
    append(quick, 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(readAuditAnchor(path)).toMatchObject({ state: "found", anchor: { seq: 1 } });
  });

  it("never moves an anchor the log no longer agrees with, so the evidence stays", () => {
    const path = auditAnchorPath(storePath, env);
    for (let index = 1; index <= 5; index++) append(log, index);
    log.flushAnchor();
    db.prepare("DELETE FROM audit_log WHERE seq > 2").run();
    const kept = db.prepare("SELECT seq, hash FROM audit_log WHERE seq = 2").get() as {
      seq: number;
      hash: string;
    };
    db.prepare("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1").run(kept.seq, kept.hash);
    // New decisions pass seq 5 again; record 5 is now another record.
    for (let index = 3; index <= 7; index++) append(log, index, "after the truncation");
    log.flushAnchor();
    expect(readAuditAnchor(path)).toMatchObject({ state: "found", anchor: { seq: 5 } });
    const result = verifyAuditLog(db, log, { storePath, env, now });
    expect(result.ok).toBe(false);
    expect(result.problems.map((problem) => problem.problem)).toEqual(["rewritten"]);
  });

  it("does not anchor a head row that points past the records", () => {
    const path = auditAnchorPath(storePath, env);
    append(log, 1);
    db.prepare("UPDATE audit_head SET seq = 1000, hash = ? WHERE id = 1").run(hash("a"));
    log.flushAnchor();
    expect(readAuditAnchor(path)).toEqual({ state: "missing" });
  });

  it("reports an unreadable anchor file instead of trusting or replacing it", () => {
    const path = auditAnchorPath(storePath, env);
    append(log, 1);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, '{"seq": "many"}');
    expect(advanceAuditAnchor(db, path, storePath, now)).toBeUndefined();
    const result = verifyAuditLog(db, log, { storePath, env, now });
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatchObject({ problem: "anchor" });
    expect(readFileSync(path, "utf8")).toBe('{"seq": "many"}');
  });

  it("says when the head was not anchored yet, and anchors an intact log on verify", () => {
    append(log, 1);
    const result = verifyAuditLog(db, log, { storePath, env, now });
    expect(result).toMatchObject({ ok: true, anchor: { state: "missing", anchoredSeq: 1 } });
    expect(verifyAuditLog(db, log, { storePath, env, now }).anchor).toMatchObject({
      state: "found",
      seq: 1,
    });
  });
});
