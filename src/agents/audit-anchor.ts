import { createHash } from "node:crypto";
import { readFileSync, realpathSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, isAbsolute, join } from "node:path";
import type Database from "better-sqlite3";
// Deep import: core/index.ts loads YAML and zod, which the hook path does not need.
import { writeFileAtomicSync } from "../core/write-file-atomic.js";
import type { AuditProblem, AuditRecord } from "./audit-log.js";

/** The environment variables the anchor path reads (`XDG_CONFIG_HOME`, `HOME`). */
export type AnchorEnv = Readonly<Record<string, string | undefined>>;

/**
 * A copy of the audit log's head kept where the agent cannot write: the
 * seq and hash of the last record some trusted jig process saw. A log that
 * later ends before `seq`, or holds another hash at `seq`, lost or rewrote
 * history that was once anchored.
 */
export interface AuditAnchor {
  seq: number;
  hash: string;
  /** When the anchor was written. */
  at: string;
  /** The store file it anchors, for the human who opens the anchor file. */
  store: string;
}

/** An anchor as `verify` compares it: where it was found, and what it says. */
export interface AuditAnchorSource {
  /** e.g. `anchor file ~/.config/jig/anchors/1a2b….json`, `run 20261125T101500Z-0001`. */
  source: string;
  seq: number;
  hash: string;
}

/** What reading the anchor file found. */
export type AuditAnchorRead =
  | { state: "missing" }
  | { state: "unreadable"; reason: string }
  | { state: "found"; anchor: AuditAnchor };

/**
 * The anchor file for one run store: `<config dir>/jig/anchors/<id>.json`,
 * where the config dir is `$XDG_CONFIG_HOME` or `~/.config`, and the id
 * hashes the store file's real path. Keyed on the store, not the repository:
 * each work tree of one repository has its own `.jig/jig.db` and its own log.
 * The folder is outside every repository, so the hook denies agents writes
 * there, and `jig run`'s sandbox binds it read-only.
 */
export function auditAnchorPath(storePath: string, env: AnchorEnv): string {
  const configHome =
    env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME)
      ? env.XDG_CONFIG_HOME
      : join(env.HOME ?? homedir(), ".config");
  const id = createHash("sha256").update(realStorePath(storePath)).digest("hex").slice(0, 32);
  return join(configHome, "jig", "anchors", `${id}.json`);
}

/** The store's path with its folder's symlinks resolved (the file may not exist yet). */
function realStorePath(storePath: string): string {
  try {
    return join(realpathSync(dirname(storePath)), basename(storePath));
  } catch {
    return storePath;
  }
}

/** Read an anchor file; a malformed one is reported, never trusted or ignored. */
export function readAuditAnchor(path: string): AuditAnchorRead {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { state: "missing" };
    return { state: "unreadable", reason: (error as Error).message };
  }
  try {
    const value: unknown = JSON.parse(text);
    if (isAnchor(value)) return { state: "found", anchor: value };
  } catch {
    // falls through to the shape error
  }
  return { state: "unreadable", reason: "it is not a jig audit anchor" };
}

function isAnchor(value: unknown): value is AuditAnchor {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return (
    Number.isSafeInteger(record.seq) &&
    (record.seq as number) > 0 &&
    typeof record.hash === "string" &&
    /^[0-9a-f]{64}$/.test(record.hash) &&
    typeof record.at === "string" &&
    typeof record.store === "string"
  );
}

/**
 * Compare a chain (in storage order) with the anchors it once had. Pure: the
 * rule is that every anchored record is still there, unchanged.
 */
export function checkAuditAnchors(
  records: readonly Pick<AuditRecord, "seq" | "hash">[],
  anchors: readonly AuditAnchorSource[],
): AuditProblem[] {
  const problems: AuditProblem[] = [];
  const hashes = new Map(records.map((record) => [record.seq, record.hash]));
  const lastSeq = records.reduce((last, record) => Math.max(last, record.seq), 0);
  // Runs that saw the same head would each report the same break: keep the first.
  const seen = new Set<string>();
  for (const anchor of anchors) {
    const key = `${anchor.seq}:${anchor.hash}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const hash = hashes.get(anchor.seq);
    if (lastSeq < anchor.seq) {
      problems.push({
        seq: anchor.seq,
        problem: "truncated",
        message: `the log ends at record ${lastSeq} but ${anchor.source} saw record ${anchor.seq}: records were removed from the end`,
      });
    } else if (hash !== anchor.hash) {
      problems.push({
        seq: anchor.seq,
        problem: "rewritten",
        message: `record ${anchor.seq} ${hash === undefined ? "is missing" : "is not the one"} ${anchor.source} saw: history was rewritten`,
      });
    }
  }
  return problems;
}

/**
 * Keeps the anchor file at the log's head, cheaply: `schedule` (called on
 * every append) arms one unref'd timer, and `flush` (at the latest when the
 * process closes the store) writes the file. A hook process appends once and
 * flushes on close; the daemon and the gateway flush at most once a second.
 *
 * It never moves an anchor the database no longer agrees with: if the record
 * at the anchored seq is gone or changed, the evidence stays for `verify`.
 * Writing is best effort: inside `jig run`'s sandbox the folder is read-only,
 * and a guard decision must never fail over its anchor.
 */
export interface AuditAnchorKeeper {
  schedule(): void;
  flush(): void;
}

export function createAuditAnchorKeeper(
  db: Database.Database,
  options: { path: string; store: string; now: () => Date; delayMs?: number },
): AuditAnchorKeeper {
  let timer: NodeJS.Timeout | undefined;
  let pending = false;
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    pending = false;
    try {
      advanceAuditAnchor(db, options.path, options.store, options.now);
    } catch {
      // best effort, see above
    }
  };
  return {
    schedule() {
      pending = true;
      if (timer) return;
      timer = setTimeout(flush, options.delayMs ?? 1000);
      timer.unref();
    },
    flush,
  };
}

/**
 * Move the anchor file to the log's current head when the log still holds
 * the anchored record unchanged. Returns the anchor now on disk, if any.
 */
export function advanceAuditAnchor(
  db: Database.Database,
  path: string,
  store: string,
  now: () => Date,
): AuditAnchor | undefined {
  const head = consistentHead(db);
  const current = readAuditAnchor(path);
  if (current.state === "unreadable") return undefined;
  const anchored = current.state === "found" ? current.anchor : undefined;
  if (!head || (anchored && anchored.seq >= head.seq)) return anchored;
  if (anchored) {
    const still = db
      .prepare<[number], { hash: string }>("SELECT hash FROM audit_log WHERE seq = ?")
      .get(anchored.seq);
    if (still?.hash !== anchored.hash) return anchored;
  }
  const anchor: AuditAnchor = { seq: head.seq, hash: head.hash, at: now().toISOString(), store };
  writeFileAtomicSync(path, `${JSON.stringify(anchor, null, 2)}\n`);
  return anchor;
}

/**
 * The log's head when the head row and the last record agree, else
 * undefined: a head row pointing past the records (or at another hash) is
 * a break `verify` reports, and must not become an anchor.
 */
function consistentHead(db: Database.Database): { seq: number; hash: string } | undefined {
  const head = db
    .prepare<[], { seq: number; hash: string }>("SELECT seq, hash FROM audit_head WHERE id = 1")
    .get();
  const last = db
    .prepare<[], { seq: number; hash: string }>(
      "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
    )
    .get();
  return head && last && head.seq === last.seq && head.hash === last.hash ? head : undefined;
}

/** The keeper for the store at `storePath`, with its anchor file under the user's config dir. */
export function auditAnchorKeeperFor(
  db: Database.Database,
  storePath: string,
  env: AnchorEnv,
  now: () => Date,
): AuditAnchorKeeper {
  return createAuditAnchorKeeper(db, {
    path: auditAnchorPath(storePath, env),
    store: storePath,
    now,
  });
}

/**
 * Record the audit head as this gate run saw it, in the run's own row, and
 * bring the anchor file up to it. Best effort for the file, like the keeper.
 */
export function anchorAuditHeadInRun(
  db: Database.Database,
  runId: string,
  anchorFile: { storePath: string; env: AnchorEnv; now: () => Date },
): void {
  const head = consistentHead(db);
  if (!head) return;
  db.prepare("INSERT OR REPLACE INTO run_audit_anchors (run_id, seq, hash) VALUES (?, ?, ?)").run(
    runId,
    head.seq,
    head.hash,
  );
  try {
    advanceAuditAnchor(
      db,
      auditAnchorPath(anchorFile.storePath, anchorFile.env),
      anchorFile.storePath,
      anchorFile.now,
    );
  } catch {
    // best effort: the run's row holds the head either way
  }
}

/** The heads recorded by gate runs, newest run first. */
export function runAuditAnchors(db: Database.Database): AuditAnchorSource[] {
  return db
    .prepare<[], { run_id: string; seq: number; hash: string }>(
      `SELECT a.run_id, a.seq, a.hash FROM run_audit_anchors a JOIN runs r ON r.id = a.run_id
       ORDER BY r.started_at DESC, r.id DESC`,
    )
    .all()
    .map((row) => ({ source: `run ${row.run_id}`, seq: row.seq, hash: row.hash }));
}
