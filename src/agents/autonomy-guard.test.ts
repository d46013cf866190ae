import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AutonomyMode } from "../autonomy/autonomy-mode.js";
import { autonomySchema } from "../autonomy/autonomy-schema.js";
import { classBasis, createAutonomyStore, type Demotion } from "../autonomy/autonomy-store.js";
import { openJigDatabase } from "../store/index.js";
import { createGuardFixture, type GuardFixture } from "./__fixtures__/guard-fixture.js";
import { createApprovalStore } from "./approval-store.js";
import { createAuditLog } from "./audit-log.js";
import { actionKindOf, createGuardAutonomy, isSampled } from "./autonomy-guard.js";
import { createAutonomyQueue } from "./autonomy-queue.js";
import { canonicalizeCall, type ToolCall } from "./canonicalize-call.js";
import { guardEvidence } from "./guard-evidence.js";

const DOMAINS = { billing: ["src/billing/**"], src: ["src/**"], docs: ["docs/**"] };
const NOW = new Date("2026-01-01T00:00:00Z");

const editAllowed: ToolCall = {
  agent: "coder",
  tool: "Edit",
  input: { file_path: "src/refunds.js", old_string: "a", new_string: "b" },
};
const writeDenied: ToolCall = {
  agent: "coder",
  tool: "Write",
  input: { file_path: "src-evil/x.js", content: "x" },
};
const bashAllowed: ToolCall = { agent: "coder", tool: "Bash", input: { command: "npm test" } };
const bashEscalated: ToolCall = {
  agent: "coder",
  tool: "Bash",
  input: { command: "terraform destroy" },
};
const CALLS = { editAllowed, writeDenied, bashAllowed, bashEscalated };

function autonomyFor(
  classes: Array<{ agent: string; domain: string; mode: AutonomyMode; actions?: string[] }>,
  sample = 0.1,
) {
  return autonomySchema.parse({ sample, classes });
}

describe("the guard under autonomy modes", () => {
  let fixture: GuardFixture;
  beforeAll(async () => {
    fixture = await createGuardFixture();
  });
  afterAll(() => fixture.cleanup());

  const decide = (mode: AutonomyMode | undefined, call: ToolCall) => {
    const file = mode ? autonomyFor([{ agent: "coder", domain: "*", mode }]) : undefined;
    const autonomy = createGuardAutonomy(file, DOMAINS, []);
    // src/ paths are in the src domain: list it too so the mode covers every path.
    const both = mode
      ? createGuardAutonomy(
          autonomyFor([
            { agent: "coder", domain: "*", mode },
            { agent: "coder", domain: "src", mode },
          ]),
          DOMAINS,
          [],
        )
      : autonomy;
    return fixture.guard({ autonomy: both, asksInteractively: true }).check(call).decision;
  };

  it("without autonomy.yaml decides exactly as the manifests do", () => {
    const plain = fixture.guard();
    const none = fixture.guard({ autonomy: createGuardAutonomy(undefined, DOMAINS, []) });
    for (const call of Object.values(CALLS)) {
      expect(none.check(call)).toEqual(plain.check(call));
      expect(none.check(call).autonomy).toBeUndefined();
    }
  });

  it("maps each mode and manifest decision, and never widens one", () => {
    const table: Record<string, Record<string, string>> = {};
    for (const mode of [
      "blocked",
      "shadow",
      "supervised",
      "auto-logged",
      "full-auto",
    ] as AutonomyMode[]) {
      table[mode] = Object.fromEntries(
        Object.entries(CALLS).map(([name, call]) => [name, decide(mode, call)]),
      );
    }
    const engine = Object.fromEntries(
      Object.entries(CALLS).map(([name, call]) => [name, decide(undefined, call)]),
    );
    expect(engine).toEqual({
      editAllowed: "allow",
      writeDenied: "deny",
      bashAllowed: "allow",
      bashEscalated: "ask",
    });
    expect(table).toEqual({
      blocked: {
        editAllowed: "deny",
        writeDenied: "deny",
        bashAllowed: "deny",
        bashEscalated: "deny",
      },
      shadow: {
        editAllowed: "ask",
        writeDenied: "deny",
        bashAllowed: "ask",
        bashEscalated: "ask",
      },
      supervised: {
        editAllowed: "ask",
        writeDenied: "deny",
        bashAllowed: "ask",
        bashEscalated: "ask",
      },
      "auto-logged": engine,
      "full-auto": engine,
    });
  });

  it("names the mode and the autonomy.yaml entry in a blocked deny", () => {
    const autonomy = createGuardAutonomy(
      autonomyFor([{ agent: "coder", domain: "*", mode: "blocked", actions: ["command"] }]),
      DOMAINS,
      [],
    );
    const decision = fixture.guard({ autonomy }).check(bashAllowed);
    expect(decision.decision).toBe("deny");
    expect(decision.reason).toContain("autonomy mode blocked");
    expect(decision.reason).toContain("autonomy.yaml classes[0]");
    expect(decision.autonomy).toMatchObject({ mode: "blocked", action: "command", domain: "*" });
  });

  it("leaves built-in protections and ungoverned reads alone", () => {
    const autonomy = createGuardAutonomy(
      autonomyFor([
        { agent: "coder", domain: "*", mode: "full-auto" },
        { agent: "coder", domain: "src", mode: "blocked" },
      ]),
      DOMAINS,
      [],
    );
    const guard = fixture.guard({ autonomy });
    const protectedWrite = guard.check({
      agent: "coder",
      tool: "Write",
      input: { file_path: "autonomy.yaml", content: "classes: []" },
    });
    expect(protectedWrite.decision).toBe("deny");
    expect(protectedWrite.autonomy).toBeUndefined();
    expect(protectedWrite.reason).not.toContain("autonomy mode");
    const read = guard.check({
      agent: "coder",
      tool: "Read",
      input: { file_path: "src/refunds.js" },
    });
    expect(read.decision).toBe("allow");
    expect(read.autonomy).toBeUndefined();
  });

  it("takes the strictest domain of a path in several, and a demotion in force lowers a mode", () => {
    const file = autonomyFor([
      { agent: "coder", domain: "src", mode: "full-auto" },
      { agent: "coder", domain: "billing", mode: "supervised" },
    ]);
    const guard = fixture.guard({
      autonomy: createGuardAutonomy(file, DOMAINS, []),
      asksInteractively: true,
    });
    const billing = guard.check({
      agent: "coder",
      tool: "Write",
      input: { file_path: "src/billing/pay.js", content: "x" },
    });
    expect(billing).toMatchObject({
      decision: "ask",
      autonomy: { mode: "supervised", domain: "billing" },
    });
    expect(guard.check(editAllowed).decision).toBe("allow");

    const demotion: Demotion = {
      at: NOW.toISOString(),
      agent: "coder",
      domain: "src",
      from: "full-auto",
      to: "supervised",
      trigger: "incident",
      reason: "an incident in src",
      basis: classBasis(file.classes[0], "coder", "src"),
    };
    const demoted = fixture.guard({
      autonomy: createGuardAutonomy(file, DOMAINS, [demotion]),
      asksInteractively: true,
    });
    expect(demoted.check(editAllowed)).toMatchObject({
      decision: "ask",
      autonomy: { mode: "supervised", domain: "src" },
    });
    // A person re-granting the class (a new entry, so a new basis) lifts the demotion.
    const regranted = autonomyFor([
      { agent: "coder", domain: "src", mode: "full-auto", actions: ["edit", "command"] },
    ]);
    expect(
      fixture
        .guard({ autonomy: createGuardAutonomy(regranted, DOMAINS, [demotion]) })
        .check(editAllowed).decision,
    ).toBe("allow");
  });

  it("names MCP actions by server", () => {
    expect(actionKindOf({ tool: "mcp__billing__refund" })).toBe("mcp:billing");
    expect(actionKindOf({ tool: "MultiEdit" })).toBe("edit");
    expect(actionKindOf({ tool: "Bash" })).toBe("command");
    expect(actionKindOf({ tool: "Grep" })).toBeUndefined();
  });

  describe("with a store", () => {
    const open = () => openJigDatabase(join(fixture.root, ".jig", "jig.db"));

    it("records the mode in the audit chain, which still verifies", () => {
      const db = open();
      try {
        const audit = createAuditLog(db);
        const autonomy = createGuardAutonomy(
          autonomyFor([{ agent: "coder", domain: "src", mode: "supervised" }]),
          DOMAINS,
          [],
        );
        fixture.guard({ audit }).check(bashAllowed);
        fixture.guard({ audit, autonomy, asksInteractively: true }).check(editAllowed);
        const [before, moded] = audit.tail({ limit: 2 });
        expect(before?.mode).toBeUndefined();
        expect(moded).toMatchObject({ decision: "ask", mode: "supervised", domain: "src" });
        expect(audit.verify().ok).toBe(true);
        // Guard evidence comes from these records, not from a second write per call.
        expect(guardEvidence(db)).toEqual([
          {
            at: NOW.toISOString(),
            agent: "coder",
            domain: "src",
            action: "edit",
            kind: "guard",
            subject: `audit:${moded?.seq}`,
            detail: { decision: "ask", mode: "supervised", tool: "Edit" },
          },
        ]);
        db.prepare("UPDATE audit_log SET mode = 'full-auto' WHERE seq = ?").run(moded?.seq);
        expect(audit.verify().ok).toBe(false);
      } finally {
        db.close();
      }
    });

    it("samples auto-logged calls deterministically into the review queue", () => {
      const db = open();
      try {
        const queue = createAutonomyQueue(db);
        const before = queue.sampled().length;
        const guardAt = (sample: number) =>
          fixture.guard({
            queue,
            autonomy: createGuardAutonomy(
              autonomyFor([{ agent: "coder", domain: "src", mode: "auto-logged" }], sample),
              DOMAINS,
              [],
            ),
          });
        expect(guardAt(0).check(editAllowed).autonomy?.sampled).toBe(false);
        expect(queue.sampled()).toHaveLength(before);
        const sampled = guardAt(1).check(editAllowed);
        expect(sampled).toMatchObject({ decision: "allow", autonomy: { sampled: true } });
        expect(sampled.reason).toContain("sampled for review");
        expect(queue.sampled().at(-1)).toMatchObject({
          agent: "coder",
          domain: "src",
          action: "edit",
        });
        // About a tenth of distinct calls, the same answer for the same call.
        const base = { repoRoot: fixture.root, cwd: fixture.root, home: fixture.outside };
        let hits = 0;
        for (let index = 0; index < 2000; index++) {
          const call = canonicalizeCall(
            {
              agent: "coder",
              tool: "Edit",
              input: { file_path: `src/f${index}.js`, old_string: "a", new_string: "b" },
            },
            base,
          );
          if (!call.ok) throw new Error(call.reason);
          const first = isSampled(call.call, 0.1);
          expect(isSampled(call.call, 0.1)).toBe(first);
          if (first) hits++;
        }
        expect(hits).toBeGreaterThan(140);
        expect(hits).toBeLessThan(260);
        const id = queue.sampled().at(-1)?.id as number;
        expect(queue.review(id, "agree", NOW)).toBe(true);
        expect(queue.review(id, "agree", NOW)).toBe(false);
        expect(
          createAutonomyStore(db)
            .events({ kinds: ["answer"] })
            .at(-1),
        ).toMatchObject({ outcome: "agree", subject: `review:${id}` });
      } finally {
        db.close();
      }
    });

    it("turns a mode's ask into an approval request where no person is prompted", () => {
      const db = open();
      try {
        const approvals = createApprovalStore(db, { ttlMinutes: 60 });
        const guard = fixture.guard({
          approvals,
          adapter: "mcp",
          autonomy: createGuardAutonomy(
            autonomyFor([{ agent: "coder", domain: "*", mode: "supervised" }]),
            DOMAINS,
            [],
          ),
        });
        const refund = { agent: "coder", tool: "mcp__billing__refund", input: { amount: 100 } };
        const asked = guard.check(refund);
        expect(asked).toMatchObject({ decision: "ask", autonomy: { action: "mcp:billing" } });
        expect(asked.approvalId).toBeDefined();
        approvals.decide(asked.approvalId as string, "approved", NOW, "alice");
        expect(guard.check(refund)).toMatchObject({
          decision: "allow",
          approvalId: asked.approvalId,
        });
      } finally {
        db.close();
      }
    });

    it("records the person's answer to an ask: allowed by PostToolUse, denied by silence", () => {
      const db = open();
      try {
        const queue = createAutonomyQueue(db);
        const ask = (toolUseId: string, engine: "allow" | "ask", at: Date) =>
          queue.ask({
            toolUseId,
            at: at.toISOString(),
            agent: "coder",
            domain: "src",
            action: "edit",
            mode: "supervised",
            engine,
            summary: "Edit (write): src/refunds.js",
          });
        ask("toolu_1", "allow", NOW);
        ask("toolu_2", "allow", NOW);
        ask("toolu_3", "ask", NOW);
        expect(queue.allowed("toolu_1", NOW)).toBe(true);
        expect(queue.allowed("toolu_1", NOW)).toBe(false);
        expect(queue.allowed("toolu_unknown", NOW)).toBe(false);
        expect(queue.expire(new Date(NOW.getTime() + 60_000))).toBe(0);
        expect(queue.expire(new Date(NOW.getTime() + 31 * 60_000))).toBe(2);
        const answers = createAutonomyStore(db)
          .events({ kinds: ["answer"] })
          .filter((event) => event.subject?.startsWith("toolu_"));
        expect(
          answers.map((event) => [event.subject, event.detail?.answer, event.outcome]),
        ).toEqual([
          ["toolu_1", "allowed", "agree"],
          ["toolu_2", "denied", "disagree"],
          ["toolu_3", "denied", "agree"],
        ]);
      } finally {
        db.close();
      }
    });
  });
});
