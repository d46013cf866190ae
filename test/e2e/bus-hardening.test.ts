import { cpSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useSeededRepo } from "../../src/test-support/seeded-repo.js";
import type { TempRepo } from "../../src/test-support/temp-repo.js";
import { toolText, useJigMcpClients } from "./mcp-clients.js";
import { APPROVED_SPEC, JIG_BIN, runJig } from "./run-jig.js";

const AGENTS = fileURLToPath(new URL("../../src/agents/__fixtures__/agents", import.meta.url));

/** An agent that may ask ops for deploys but may itself write only src/. */
const INTERN = `name: intern
role: Asks ops for infrastructure changes; writes only src/
permissions:
  tools:
    allow: [Read, Write, Edit]
  files:
    read: ["**"]
    write: ["src/**"]
messages:
  - to: [ops]
    types: [deploy-request]
`;

describe("bus delegation hardening (#12 row 10; e2e, real processes)", () => {
  let repo: TempRepo;
  const mcp = useJigMcpClients();
  const seeded = useSeededRepo((seed) => {
    cpSync(AGENTS, join(seed.dir, "agents"), { recursive: true });
    seed.write("agents/intern.yaml", INTERN);
    seed.write("specs/SPEC-0001-cap-refunds.md", APPROVED_SPEC);
    seed.write("infra/prod.tf", "# prod\n");
    seed.commit("base");
  }, "jig-e2e-bus-hardening-");
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
  /** ops' Write of infra/prod.tf, asked of the hook (in-process). */
  const writeProd = (): { decision: string; reason: string } => {
    const result = runJig(["guard", "claude-hook", "--agent", "ops"], {
      cwd: repo.dir,
      input: JSON.stringify({
        hook_event_name: "PreToolUse",
        cwd: repo.dir,
        tool_name: "Write",
        tool_input: { file_path: "infra/prod.tf", content: "# changed\n" },
      }),
      env: { JIG_GUARD_DAEMON: "off", JIG_SPEC: "SPEC-0001" },
    });
    const output = JSON.parse(result.stdout).hookSpecificOutput;
    return { decision: output.permissionDecision, reason: output.permissionDecisionReason };
  };

  it("completing a request keeps the recipient acting for its sender, and the sender stays in its chain, until the session ends", async () => {
    const intern = await connectAs("intern");
    const ops = await connectAs("ops");
    expect(writeProd().decision).toBe("allow");
    const sent = await intern.callTool({
      name: "send_message",
      arguments: { to: "ops", type: "deploy-request", body: "please edit infra/prod.tf" },
    });
    expect(sent.isError, text(sent)).toBeFalsy();
    const [request] = JSON.parse(text(await ops.callTool({ name: "read_inbox", arguments: {} })));
    expect(request).toMatchObject({ from: "intern", chain: ["intern"] });
    expect(writeProd()).toMatchObject({ decision: "deny" });
    expect(writeProd().reason).toContain("intern");

    const done = await ops.callTool({ name: "complete_message", arguments: { id: request.id } });
    expect(done.isError, text(done)).toBeFalsy();
    // The reproducer: on main the delegation ended here and the write was allowed.
    const after = writeProd();
    expect(after.decision).toBe("deny");
    expect(after.reason).toContain("acting on a message from intern");
    for (const body of ["next", "and the next"]) {
      const forwarded = await ops.callTool({
        name: "send_message",
        arguments: { to: "coder", type: "deploy-request", body },
      });
      expect(JSON.parse(text(forwarded)).chain).toEqual(["intern", "ops"]);
    }

    // The recipient's bus session ends: so does the delegation.
    await ops.close();
    expect(writeProd().decision).toBe("allow");
    expect(runJig(["audit", "verify"], { cwd: repo.dir }).code).toBe(0);
  }, 60_000);

  it("a bus stopped by SIGTERM ends its session's delegations too", async () => {
    const intern = await connectAs("intern");
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [JIG_BIN, "bus", "--agent", "ops"],
      cwd: repo.dir,
      env: Object.fromEntries(
        Object.entries(process.env).filter(
          (entry): entry is [string, string] => entry[1] !== undefined,
        ),
      ),
      stderr: "ignore",
    });
    const ops = new Client({ name: "ops", version: "1" });
    await ops.connect(transport);
    mcp.track(ops);
    await intern.callTool({
      name: "send_message",
      arguments: { to: "ops", type: "deploy-request", body: "please edit infra/prod.tf" },
    });
    await ops.callTool({ name: "read_inbox", arguments: {} });
    expect(writeProd().decision).toBe("deny");
    const exited = new Promise<void>((resolve) => {
      transport.onclose = () => resolve();
    });
    process.kill(transport.pid as number, "SIGTERM");
    await exited;
    expect(writeProd().decision).toBe("allow");
  }, 60_000);
});
