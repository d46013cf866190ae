import { cpSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useSeededRepo } from "../../src/test-support/seeded-repo.js";
import type { TempRepo } from "../../src/test-support/temp-repo.js";
import { toolText, useJigMcpClients } from "./mcp-clients.js";
import { APPROVED_SPEC, runJig } from "./run-jig.js";

const AGENTS = fileURLToPath(new URL("../../src/agents/__fixtures__/agents", import.meta.url));

describe("jig bus (e2e, real processes)", () => {
  let repo: TempRepo;
  const mcp = useJigMcpClients();
  const seeded = useSeededRepo((seed) => {
    cpSync(AGENTS, join(seed.dir, "agents"), { recursive: true });
    seed.write("specs/SPEC-0001-cap-refunds.md", APPROVED_SPEC);
    seed.commit("base");
  }, "jig-e2e-bus-");
  beforeEach(() => {
    repo = seeded();
  });
  afterEach(async () => {
    repo.cleanup();
  });

  function connectAs(agent: string): Promise<Client> {
    return mcp.connect(["bus", "--agent", agent], { cwd: repo.dir, name: agent });
  }
  const text = toolText;
  const hook = (tool: string, input: unknown): { decision: string; reason: string } => {
    const result = runJig(["guard", "claude-hook", "--agent", "coder"], {
      cwd: repo.dir,
      input: JSON.stringify({
        hook_event_name: "PreToolUse",
        cwd: repo.dir,
        tool_name: tool,
        tool_input: input,
      }),
      env: { JIG_GUARD_DAEMON: "off", JIG_SPEC: "SPEC-0001" },
    });
    const output = JSON.parse(result.stdout).hookSpecificOutput;
    return { decision: output.permissionDecision, reason: output.permissionDecisionReason };
  };

  it("stores authorized messages in SQLite with their chain, and narrows the reader to the intersection", async () => {
    const ops = await connectAs("ops");
    const coder = await connectAs("coder");
    const refused = await coder.callTool({
      name: "send_message",
      arguments: { to: "ops", type: "review-request", body: "x" },
    });
    expect(refused.isError).toBe(true);
    const sent = await ops.callTool({
      name: "send_message",
      arguments: { to: "coder", type: "deploy-request", body: "ship it" },
    });
    expect(sent.isError, text(sent)).toBeFalsy();

    const rows = () =>
      (() => {
        const db = new Database(join(repo.dir, ".jig", "jig.db"), { readonly: true });
        try {
          return db.prepare("SELECT sender, recipient, type, body, status FROM messages").all();
        } finally {
          db.close();
        }
      })();
    expect(rows()).toEqual([
      {
        sender: "ops",
        recipient: "coder",
        type: "deploy-request",
        body: "ship it",
        status: "unread",
      },
    ]);

    expect(hook("Bash", { command: "npm test" }).decision).toBe("allow");
    const inbox = JSON.parse(text(await coder.callTool({ name: "read_inbox", arguments: {} })));
    expect(inbox).toMatchObject([{ from: "ops", type: "deploy-request", chain: ["ops"] }]);

    // Acting on ops' message: ops may write src/ too, but may not run npm test.
    expect(hook("Write", { file_path: "src/a.js", content: "x" }).decision).toBe("allow");
    const deputy = hook("Bash", { command: "npm test" });
    expect(deputy.decision).toBe("deny");
    expect(deputy.reason).toContain("ops");

    // A message coder sends now carries the chain it acts on.
    const forwarded = await coder.callTool({
      name: "send_message",
      arguments: { to: "reviewer", type: "review-request", body: "please review" },
    });
    expect(JSON.parse(text(forwarded)).chain).toEqual(["ops", "coder"]);

    const id = (inbox[0] as { id: number }).id;
    expect(
      (await coder.callTool({ name: "complete_message", arguments: { id } })).isError,
    ).toBeFalsy();
    // Completing it ends nothing: coder still holds ops' request until its session ends.
    expect(hook("Bash", { command: "npm test" }).decision).toBe("deny");
    await coder.close();
    expect(hook("Bash", { command: "npm test" }).decision).toBe("allow");
    expect(runJig(["audit", "verify"], { cwd: repo.dir }).code).toBe(0);
  }, 60_000);

  it("refuses an unknown agent identity with exit 2", () => {
    const result = runJig(["bus", "--agent", "ghost"], { cwd: repo.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("ghost");
  });
});
