import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openJigDatabase } from "../store/index.js";
import { createGuardFixture, type GuardFixture } from "./__fixtures__/guard-fixture.js";
import { createApprovalStore } from "./approval-store.js";
import { createAuditLog } from "./audit-log.js";

describe("approvals through the guard", () => {
  let fixture: GuardFixture;
  let dir: string;
  beforeAll(async () => {
    fixture = await createGuardFixture();
    dir = mkdtempSync(join(tmpdir(), "jig-approvals-"));
  });
  afterAll(() => {
    fixture.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it("asks, then allows exactly the approved call until it expires, recording every change", () => {
    const db = openJigDatabase(join(dir, "a.db"));
    let now = new Date("2026-01-01T00:00:00Z");
    const approvals = createApprovalStore(db, { ttlMinutes: 60 });
    const audit = createAuditLog(db);
    const guard = fixture.guard({ approvals, audit, now: () => now });
    const destroy = { agent: "coder", tool: "Bash", input: { command: "terraform destroy" } };

    const first = guard.check(destroy);
    expect(first.decision).toBe("ask");
    expect(first.approvalId).toMatch(/^apr-/);
    const id = first.approvalId as string;
    expect(guard.check(destroy).approvalId).toBe(id);
    expect(approvals.list(now, { status: "pending" }).map((approval) => approval.id)).toEqual([id]);

    approvals.decide(id, "approved", now, "alice", "planned teardown");
    const allowed = guard.check(destroy);
    expect(allowed.decision).toBe("allow");
    expect(allowed.approvalId).toBe(id);
    // A different call is not covered by the approval.
    expect(
      guard.check({ ...destroy, input: { command: "terraform destroy -target=x" } }).decision,
    ).toBe("ask");

    now = new Date("2026-01-01T02:00:00Z");
    const expired = guard.check(destroy);
    expect(expired.decision).toBe("ask");
    expect(expired.approvalId).not.toBe(id);
    expect(approvals.get(id, now)?.status).toBe("expired");
    expect(approvals.events(id).map((event) => event.to)).toEqual([
      "pending",
      "approved",
      "expired",
    ]);
    expect(() => approvals.decide(id, "approved", now, "alice")).toThrow(/expired/);

    const later = guard.check(destroy).approvalId as string;
    approvals.decide(later, "denied", now, "bob", "no");
    const denied = guard.check(destroy);
    expect(denied.decision).toBe("deny");
    expect(denied.reason).toContain(later);

    const tail = audit.tail({ limit: 100 });
    expect(tail.map((record) => record.decision)).toEqual([
      "ask",
      "ask",
      "allow",
      "ask",
      "ask",
      "ask",
      "deny",
    ]);
    expect(audit.verify().ok).toBe(true);
    db.close();
  });
});
