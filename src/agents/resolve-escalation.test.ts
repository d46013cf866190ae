import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openJigDatabase } from "../store/index.js";
import { createGuardFixture, type GuardFixture } from "./__fixtures__/guard-fixture.js";
import { PAYER_MANIFEST } from "./__fixtures__/payer-manifest.js";
import { createApprovalStore } from "./approval-store.js";
import { createAuditLog } from "./audit-log.js";

const write = (content: string) => ({
  agent: "payer",
  tool: "Write",
  input: { file_path: "src/pay.env", content },
});

const T0 = new Date("2026-01-01T00:00:00Z");
const minutes = (count: number) => new Date(T0.getTime() + count * 60_000);

describe("approvals through the guard (resolveEscalation)", () => {
  let fixture: GuardFixture;
  let dir: string;
  let databases = 0;
  beforeAll(async () => {
    fixture = await createGuardFixture({ agents: { "payer.yaml": PAYER_MANIFEST } });
    dir = mkdtempSync(join(tmpdir(), "jig-approvals-"));
  });
  afterAll(() => {
    fixture.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh store and a guard over it whose clock the test moves. */
  const setUp = (options: { dryRun?: boolean } = {}) => {
    const db = openJigDatabase(join(dir, `${databases++}.db`));
    const approvals = createApprovalStore(db, { ttlMinutes: 60 });
    const audit = createAuditLog(db);
    const clock = { now: T0 };
    const guard = fixture.guard({ approvals, audit, now: () => clock.now, ...options });
    return { db, approvals, audit, clock, guard };
  };

  it("asks, then allows exactly the approved call once, recording every change", () => {
    const { db, approvals, audit, clock, guard } = setUp();
    const destroy = { agent: "coder", tool: "Bash", input: { command: "terraform destroy" } };

    const first = guard.check(destroy);
    expect(first.decision).toBe("ask");
    const id = first.approvalId as string;
    expect(id).toMatch(/^apr-/);
    expect(guard.check(destroy).approvalId).toBe(id);
    expect(approvals.list(clock.now, { status: "pending" }).map((a) => a.id)).toEqual([id]);

    approvals.decide(id, "approved", clock.now, "alice", "planned teardown");
    const allowed = guard.check(destroy);
    expect(allowed).toMatchObject({ decision: "allow", approvalId: id });
    expect(allowed.reason).toContain(`approved in ${id}: use 1 of 1`);
    // Used once: the identical call asks again, under a new request.
    const again = guard.check(destroy);
    expect(again.decision).toBe("ask");
    expect(again.approvalId).not.toBe(id);
    expect(approvals.get(id, clock.now)).toMatchObject({ status: "used", uses: 1, maxUses: 1 });
    expect(approvals.events(id).map((event) => event.to)).toEqual(["pending", "approved", "used"]);
    expect(() => approvals.decide(id, "approved", clock.now, "alice")).toThrow(/is used/);
    // A different call is not covered by anything granted for this one.
    const target = { ...destroy, input: { command: "terraform destroy -target=x" } };
    expect(guard.check(target).decision).toBe("ask");

    // A pending request lapses after the TTL; the next call raises a new one.
    clock.now = minutes(120);
    const lapsed = guard.check(destroy);
    expect(lapsed.decision).toBe("ask");
    expect(lapsed.approvalId).not.toBe(again.approvalId);
    expect(approvals.get(again.approvalId as string, clock.now)?.status).toBe("expired");

    approvals.decide(lapsed.approvalId as string, "denied", clock.now, "bob", "not today");
    const denied = guard.check(destroy);
    expect(denied.decision).toBe("deny");
    expect(denied.reason).toContain(`${lapsed.approvalId}: not today`);

    expect(audit.tail({ limit: 100 }).map((record) => record.decision)).toEqual([
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

  it("binds an approval to a Write's content: approving PAY=1 does not allow PAY=2", () => {
    const { db, approvals, audit, clock, guard } = setUp();
    const asked = guard.check(write("PAY=1\n"));
    expect(asked.decision).toBe("ask");
    const id = asked.approvalId as string;
    approvals.decide(id, "approved", clock.now, "alice");

    const other = guard.check(write("PAY=2\n"));
    expect(other.decision).toBe("ask");
    expect(other.approvalId).not.toBe(id);
    // The other content did not spend the grant, and the request records it whole.
    expect(approvals.get(id, clock.now)?.uses).toBe(0);
    const stored = approvals.get(other.approvalId as string, clock.now)?.input as string;
    expect(JSON.parse(stored).payload).toEqual({ content: "PAY=2\n" });
    // The same call with its keys in another order is the same call.
    const reordered = {
      ...write(""),
      input: { content: "PAY=2\n", file_path: "src/pay.env" },
    };
    expect(guard.check(reordered).approvalId).toBe(other.approvalId);

    expect(guard.check(write("PAY=1\n"))).toMatchObject({ decision: "allow", approvalId: id });
    // The audit names each content by its digest instead of copying it.
    const inputs = audit.tail({ limit: 10 }).map((record) => JSON.parse(record.input));
    expect(new Set(inputs.map((input) => input.payloadSha256)).size).toBe(2);
    expect(JSON.stringify(inputs)).not.toContain("PAY=");
    db.close();
  });

  it("binds an approval to an Edit's strings", () => {
    const { db, approvals, clock, guard } = setUp();
    const edit = (next: string) => ({
      agent: "payer",
      tool: "Edit",
      input: { file_path: "src/pay.env", old_string: "PAY=0", new_string: next },
    });
    const id = guard.check(edit("PAY=1")).approvalId as string;
    approvals.decide(id, "approved", clock.now, "alice");
    expect(guard.check(edit("PAY=2")).decision).toBe("ask");
    expect(guard.check(edit("PAY=1")).decision).toBe("allow");
    db.close();
  });

  it("a grant of N uses allows N identical calls, then asks again", () => {
    const { db, approvals, clock, guard } = setUp();
    const id = guard.check(write("PAY=1\n")).approvalId as string;
    approvals.decide(id, "approved", clock.now, "alice", "batch", { uses: 3 });
    for (const use of [1, 2, 3]) {
      const allowed = guard.check(write("PAY=1\n"));
      expect(allowed.decision).toBe("allow");
      expect(allowed.reason).toContain(`use ${use} of 3`);
    }
    const fourth = guard.check(write("PAY=1\n"));
    expect(fourth.decision).toBe("ask");
    expect(fourth.approvalId).not.toBe(id);
    expect(approvals.events(id).map((event) => [event.to, event.reason])).toEqual([
      ["pending", "payment settings need a human"],
      ["approved", "batch"],
      ["approved", "use 1 of 3"],
      ["approved", "use 2 of 3"],
      ["used", "use 3 of 3"],
    ]);
    db.close();
  });

  it("a time-window grant allows the call any number of times until the window closes", () => {
    const { db, approvals, clock, guard } = setUp();
    const id = guard.check(write("PAY=1\n")).approvalId as string;
    approvals.decide(id, "approved", clock.now, "alice", undefined, { durationMs: 30 * 60_000 });
    for (const at of [0, 1, 10, 29]) {
      clock.now = minutes(at);
      expect(guard.check(write("PAY=1\n")).decision, `minute ${at}`).toBe("allow");
    }
    clock.now = minutes(30);
    const closed = guard.check(write("PAY=1\n"));
    expect(closed.decision).toBe("ask");
    expect(closed.approvalId).not.toBe(id);
    expect(approvals.get(id, clock.now)).toMatchObject({ status: "expired", uses: 4 });
    db.close();
  });

  it("a count and a window together: whichever runs out first", () => {
    const { db, approvals, clock, guard } = setUp();
    const id = guard.check(write("PAY=1\n")).approvalId as string;
    approvals.decide(id, "approved", clock.now, "alice", undefined, {
      uses: 2,
      durationMs: 10 * 60_000,
    });
    expect(guard.check(write("PAY=1\n")).decision).toBe("allow");
    clock.now = minutes(11);
    expect(guard.check(write("PAY=1\n")).decision).toBe("ask");
    expect(approvals.get(id, clock.now)).toMatchObject({ status: "expired", uses: 1 });
    db.close();
  });

  it("in a dry run reports the approvals without requesting, using or auditing", () => {
    const real = setUp();
    const dry = fixture.guard({
      approvals: real.approvals,
      audit: real.audit,
      now: () => real.clock.now,
      dryRun: true,
    });
    const none = dry.check(write("PAY=1\n"));
    expect(none.decision).toBe("ask");
    expect(none.reason).toContain("no approval covers this exact call yet");
    expect(real.approvals.list(real.clock.now)).toEqual([]);

    const id = real.guard.check(write("PAY=1\n")).approvalId as string;
    expect(dry.check(write("PAY=1\n"))).toMatchObject({ decision: "ask", approvalId: id });
    real.approvals.decide(id, "approved", real.clock.now, "alice");
    const allowed = dry.check(write("PAY=1\n"));
    expect(allowed.decision).toBe("allow");
    expect(allowed.reason).toContain("would be use 1 of 1");
    expect(real.approvals.get(id, real.clock.now)).toMatchObject({ status: "approved", uses: 0 });
    // Only the real guard's one call was audited.
    expect(real.audit.tail({ limit: 10 })).toHaveLength(1);
    real.db.close();
  });
});
