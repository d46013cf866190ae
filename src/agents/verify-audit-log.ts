import type Database from "better-sqlite3";
import {
  type AnchorEnv,
  type AuditAnchorSource,
  advanceAuditAnchor,
  auditAnchorPath,
  readAuditAnchor,
  runAuditAnchors,
} from "./audit-anchor.js";
import type { AuditLog, AuditProblem, AuditVerifyResult } from "./audit-log.js";

/** `jig audit verify`'s answer: the chain's own checks plus its anchors. */
export interface AuditVerification extends AuditVerifyResult {
  anchor: {
    /** The anchor file for this store. */
    path: string;
    /** What the file held before this verification. */
    state: "found" | "missing" | "unreadable";
    /** The record it anchored, when found. */
    seq?: number;
    /** The record the file anchors after this verification (moved to the head when the log is intact). */
    anchoredSeq?: number;
  };
  /** How many recorded gate runs carry an audit head. */
  runAnchors: number;
}

/**
 * Verify the audit log against itself and against every anchor: the file
 * under the user's config dir and the heads recorded by gate runs. An intact
 * log moves the anchor file to its head, so the next truncation shows. A
 * missing anchor file is not a failure: the result says the head was not
 * anchored yet, because records removed before now cannot be detected.
 */
export function verifyAuditLog(
  db: Database.Database,
  log: AuditLog,
  options: { storePath: string; env: AnchorEnv; now: () => Date },
): AuditVerification {
  const path = auditAnchorPath(options.storePath, options.env);
  const read = readAuditAnchor(path);
  const runs = runAuditAnchors(db);
  const anchors: AuditAnchorSource[] = [
    ...(read.state === "found"
      ? [{ source: `the anchor file ${path}`, seq: read.anchor.seq, hash: read.anchor.hash }]
      : []),
    ...runs,
  ];
  const result = log.verify({ anchors });
  const problems: AuditProblem[] = [...result.problems];
  if (read.state === "unreadable") {
    problems.push({
      seq: 0,
      problem: "anchor",
      message: `the anchor file ${path} cannot be read (${read.reason}): truncation cannot be ruled out; inspect it, then delete it to anchor the current head`,
    });
  }
  const ok = problems.length === 0;
  let anchoredSeq = read.state === "found" ? read.anchor.seq : undefined;
  if (ok) {
    try {
      anchoredSeq = advanceAuditAnchor(db, path, options.storePath, options.now)?.seq;
    } catch {
      // a read-only config dir: the result still says what was anchored before
    }
  }
  return {
    ...result,
    ok,
    problems,
    anchor: {
      path,
      state: read.state,
      ...(read.state === "found" ? { seq: read.anchor.seq } : {}),
      ...(anchoredSeq !== undefined ? { anchoredSeq } : {}),
    },
    runAnchors: runs.length,
  };
}
