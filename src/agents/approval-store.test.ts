import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS, openJigDatabase } from "../store/index.js";
import { type ApprovalRequest, createApprovalStore } from "./approval-store.js";

const NOW = new Date("2026-01-01T00:00:00Z");

const request = (callKey: string): ApprovalRequest => ({
  kind: "call",
  agent: "payer",
  tool: "Write",
  callKey,
  summary: "Write (write): src/pay.env",
  input: '{"payload":{"content":"PAY=1\\n"}}',
  reason: "payment settings need a human",
  policies: ["payer.escalate.0"],
});

describe("the approval store", () => {
  let dir: string;
  let databases = 0;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "jig-approval-store-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const freshPath = () => join(dir, `${databases++}.db`);

  it("spends a use once across connections: two processes cannot both use the last one", () => {
    const path = freshPath();
    const first = openJigDatabase(path);
    const second = openJigDatabase(path);
    const a = createApprovalStore(first, { ttlMinutes: 60 });
    const b = createApprovalStore(second, { ttlMinutes: 60 });
    const id = a.request(request("k1"), NOW).id;
    a.decide(id, "approved", NOW, "alice");
    // Both saw the grant before either used it.
    expect(a.find("payer", "k1", NOW)?.status).toBe("approved");
    expect(b.find("payer", "k1", NOW)?.status).toBe("approved");
    expect(a.use(id, NOW)).toMatchObject({ status: "used", uses: 1 });
    expect(b.use(id, NOW)).toBeUndefined();
    expect(b.get(id, NOW)).toMatchObject({ status: "used", uses: 1, maxUses: 1 });
    // A used-up grant is not handed out again: the call gets a new request.
    expect(b.request(request("k1"), NOW).id).not.toBe(id);
    first.close();
    second.close();
  });

  it("refuses a grant of no uses or no time, and uses nothing that is not granted", () => {
    const db = openJigDatabase(freshPath());
    const store = createApprovalStore(db, { ttlMinutes: 60 });
    const id = store.request(request("k2"), NOW).id;
    expect(store.use(id, NOW)).toBeUndefined();
    expect(() => store.decide(id, "approved", NOW, "alice", undefined, { uses: 0 })).toThrow(
      /positive integer/,
    );
    expect(() => store.decide(id, "approved", NOW, "alice", undefined, { durationMs: -1 })).toThrow(
      /positive duration/,
    );
    expect(store.get(id, NOW)?.status).toBe("pending");
    // find is read-only: a lapsed request reads as expired, and is written so by the next write.
    const later = new Date(NOW.getTime() + 61 * 60_000);
    expect(store.find("payer", "k2", later)?.status).toBe("expired");
    expect(store.events(id).map((event) => event.to)).toEqual(["pending"]);
    expect(store.get(id, later)?.status).toBe("expired");
    expect(store.events(id).map((event) => event.to)).toEqual(["pending", "expired"]);
    db.close();
  });

  it("migrates a version 4 store: history kept, call approvals bound to old keys lapse, tool pins stay", () => {
    const path = freshPath();
    const old = openJigDatabase(path, { migrations: MIGRATIONS.slice(0, 4) });
    const insert = old.prepare(
      `INSERT INTO approvals (id, kind, agent, tool, call_key, summary, input, reason, policies, status, created_at, expires_at, decided_at, decided_by)
       VALUES (?, ?, 'coder', ?, ?, 's', '{}', 'r', '[]', ?, '2025-12-31T23:00:00.000Z', '2026-01-02T00:00:00.000Z', ?, ?)`,
    );
    insert.run(
      "apr-old",
      "call",
      "Write",
      "path-only-key",
      "approved",
      "2025-12-31T23:30:00.000Z",
      "alice",
    );
    insert.run(
      "apr-pin",
      "tool-pin",
      "mcp__billing__refund",
      "definition-hash",
      "pending",
      null,
      null,
    );
    const event = old.prepare(
      "INSERT INTO approval_events (approval_id, at, from_status, to_status, actor) VALUES (?, ?, ?, ?, ?)",
    );
    event.run("apr-old", "2025-12-31T23:00:00.000Z", null, "pending", "coder");
    event.run("apr-old", "2025-12-31T23:30:00.000Z", "pending", "approved", "alice");
    event.run("apr-pin", "2025-12-31T23:00:00.000Z", null, "pending", "coder");
    old.close();

    const db = openJigDatabase(path);
    const store = createApprovalStore(db, { ttlMinutes: 60 });
    expect(store.get("apr-old", NOW)).toMatchObject({
      status: "expired",
      uses: 0,
      decidedBy: "alice",
    });
    expect(store.events("apr-old").map((row) => row.to)).toEqual([
      "pending",
      "approved",
      "expired",
    ]);
    expect(store.get("apr-pin", NOW)?.status).toBe("pending");
    expect(store.decide("apr-pin", "approved", NOW, "alice")).toMatchObject({
      status: "approved",
      maxUses: 1,
    });
    // The rebuilt events table still refuses an event for no approval.
    expect(() =>
      db
        .prepare(
          "INSERT INTO approval_events (approval_id, at, to_status, actor) VALUES ('apr-none', 'x', 'pending', 'x')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
