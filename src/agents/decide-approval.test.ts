import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openJigDatabase } from "../store/index.js";
import { ApprovalStateError, createApprovalStore } from "./approval-store.js";
import { createAuditLog } from "./audit-log.js";
import { decideApproval } from "./decide-approval.js";

const NOW = new Date("2026-12-05T12:00:00Z");
const dir = mkdtempSync(join(tmpdir(), "jig-decide-approval-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function open(name: string) {
  const db = openJigDatabase(join(dir, `${name}.db`));
  return { db, approvals: createApprovalStore(db, { ttlMinutes: 60 }), audit: createAuditLog(db) };
}

const request = {
  kind: "call" as const,
  agent: "coder",
  tool: "Write",
  callKey: "k1",
  summary: "Write (write): infra/main.tf",
  input: '{"payload":{"content":"x"}}',
  reason: "infrastructure changes need a human",
  policies: ["coder.escalate.0"],
};

describe("decideApproval", () => {
  it("records the decision and appends it to the hash chain with who, where and why", () => {
    const stores = open("approve");
    const id = stores.approvals.request(request, NOW).id;
    const approval = decideApproval(stores, {
      id,
      decision: "approve",
      at: NOW,
      actor: "Dana <dana@example.com>",
      reason: "planned maintenance",
      adapter: "cli",
    });
    expect(approval.status).toBe("approved");
    const records = stores.audit.tail();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      agent: "coder",
      tool: "Write",
      adapter: "cli",
      decision: "allow",
      approvalId: id,
      reason: `${id} approved by Dana <dana@example.com>: planned maintenance`,
    });
    expect(stores.audit.verify().ok).toBe(true);
    stores.db.close();
  });

  it("writes no audit record when the approval cannot be decided", () => {
    const stores = open("twice");
    const id = stores.approvals.request(request, NOW).id;
    decideApproval(stores, { id, decision: "deny", at: NOW, actor: "dana", adapter: "ui" });
    expect(() =>
      decideApproval(stores, { id, decision: "approve", at: NOW, actor: "dana", adapter: "ui" }),
    ).toThrow(ApprovalStateError);
    expect(stores.audit.tail().map((record) => record.decision)).toEqual(["deny"]);
    stores.db.close();
  });
});
