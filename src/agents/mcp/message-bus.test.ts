import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type JigDatabase, openJigDatabase } from "../../store/index.js";
import { createGuardFixture, type GuardFixture } from "../__fixtures__/guard-fixture.js";
import { createMessageStore, type MessageStore } from "../message-store.js";
import { createMessageBus } from "./message-bus.js";

describe("message bus", () => {
  let fixture: GuardFixture;
  let db: JigDatabase;
  let dir: string;
  let messages: MessageStore;
  beforeEach(async () => {
    fixture = await createGuardFixture();
    dir = mkdtempSync(join(tmpdir(), "jig-bus-"));
    db = openJigDatabase(join(dir, "jig.db"));
    messages = createMessageStore(db);
  });
  afterEach(() => {
    db.close();
    fixture.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const NOW = new Date("2026-01-01T00:00:00Z");
  async function connectAs(agent: string, session = `session-${agent}`): Promise<Client> {
    const bus = createMessageBus({
      agent,
      session,
      guard: fixture.guard({ adapter: "bus" }),
      messages,
      knownAgents: new Set(["coder", "reviewer", "ops"]),
      now: () => NOW,
      version: "test",
    });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await bus.connect(serverSide);
    const client = new Client({ name: agent, version: "1" });
    await client.connect(clientSide);
    return client;
  }

  const text = (result: Awaited<ReturnType<Client["callTool"]>>): string =>
    (result.content as Array<{ text: string }>)[0]?.text ?? "";

  it("authorizes sends by the sender's messages permissions and stores them", async () => {
    const coder = await connectAs("coder");
    const ok = await coder.callTool({
      name: "send_message",
      arguments: { to: "reviewer", type: "review-request", body: "PR 1" },
    });
    expect(ok.isError).toBeFalsy();
    const wrongType = await coder.callTool({
      name: "send_message",
      arguments: { to: "reviewer", type: "deploy-request", body: "x" },
    });
    expect(wrongType.isError).toBe(true);
    const wrongAgent = await coder.callTool({
      name: "send_message",
      arguments: { to: "ops", type: "review-request", body: "x" },
    });
    expect(wrongAgent.isError).toBe(true);
    const reviewer = await connectAs("reviewer");
    const inbox = JSON.parse(text(await reviewer.callTool({ name: "read_inbox", arguments: {} })));
    expect(inbox).toMatchObject([
      { from: "coder", to: "reviewer", type: "review-request", body: "PR 1", chain: ["coder"] },
    ]);
    const rows = db.prepare("SELECT sender, recipient, status FROM messages").all();
    expect(rows).toEqual([{ sender: "coder", recipient: "reviewer", status: "acting" }]);
  });

  it("acting on a message narrows the reader to the intersection with its senders (no confused deputy)", async () => {
    const reviewer = await connectAs("reviewer");
    const ops = await connectAs("ops");
    // ops may message anyone with deploy-request; reviewer may message coder only.
    expect(
      (
        await reviewer.callTool({
          name: "send_message",
          arguments: { to: "ops", type: "x", body: "x" },
        })
      ).isError,
    ).toBe(true);
    const coderBus = await connectAs("coder");
    await ops.callTool({
      name: "send_message",
      arguments: { to: "coder", type: "deploy-request", body: "please" },
    });
    const guard = fixture.guard({ delegation: (agent) => messages.actingOnBehalfOf(agent, NOW) });
    const writeSrc = {
      agent: "coder",
      tool: "Write",
      input: { file_path: "src/a.js", content: "x" },
    };
    const runTests = { agent: "coder", tool: "Bash", input: { command: "npm test" } };
    expect(guard.check(runTests).decision).toBe("allow");
    await coderBus.callTool({ name: "read_inbox", arguments: {} });
    expect(messages.actingOnBehalfOf("coder", NOW)).toEqual(["ops"]);
    // ops may write src/ too, so that stays allowed; ops may not run npm test, so coder may not either.
    expect(guard.check(writeSrc).decision).toBe("allow");
    const deputy = guard.check(runTests);
    expect(deputy.decision).toBe("deny");
    expect(deputy.reason).toContain("ops");
    const id = (db.prepare("SELECT id FROM messages").get() as { id: number }).id;
    expect(
      (await coderBus.callTool({ name: "complete_message", arguments: { id } })).isError,
    ).toBeFalsy();
    // Completing the request does not end acting for ops (the confused deputy of #12 row 10).
    expect(guard.check(runTests).decision).toBe("deny");
    messages.endSession("session-coder", NOW);
    expect(guard.check(runTests).decision).toBe("allow");
  });

  it("keeps a read request's delegation, and its chain, until the deadline or the session's end", async () => {
    const ops = await connectAs("ops");
    const coder = await connectAs("coder", "coder-1");
    await ops.callTool({
      name: "send_message",
      arguments: { to: "coder", type: "deploy-request", body: "edit infra/prod.tf" },
    });
    const [request] = JSON.parse(text(await coder.callTool({ name: "read_inbox", arguments: {} })));
    expect(request.deadline).toBe("2026-01-02T00:00:00.000Z");
    await coder.callTool({ name: "complete_message", arguments: { id: request.id } });
    expect(db.prepare("SELECT status FROM messages").get()).toEqual({ status: "done" });
    // Every later message of the session carries ops in its chain.
    for (const body of ["first", "second"]) {
      const sent = await coder.callTool({
        name: "send_message",
        arguments: { to: "reviewer", type: "review-request", body },
      });
      expect(JSON.parse(text(sent)).chain).toEqual(["ops", "coder"]);
    }
    const at = (iso: string) => new Date(iso);
    expect(messages.actingOnBehalfOf("coder", at("2026-01-01T23:59:59Z"))).toEqual(["ops"]);
    expect(messages.actingOnBehalfOf("coder", at("2026-01-02T00:00:00Z"))).toEqual([]);
    // Another session of the same agent ending leaves this one's delegation alone.
    expect(messages.endSession("coder-2", NOW)).toBe(0);
    expect(messages.actingOnBehalfOf("coder", NOW)).toEqual(["ops"]);
    expect(messages.endSession("coder-1", NOW)).toBe(1);
    expect(messages.actingOnBehalfOf("coder", NOW)).toEqual([]);
    expect(messages.chainFor("coder", NOW)).toEqual(["coder"]);
  });
});
