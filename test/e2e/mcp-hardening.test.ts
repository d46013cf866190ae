import { cpSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useSeededRepo } from "../../src/test-support/seeded-repo.js";
import type { TempRepo } from "../../src/test-support/temp-repo.js";
import { toolText, useJigMcpClients } from "./mcp-clients.js";
import { APPROVED_SPEC, runJig } from "./run-jig.js";

const AGENTS = fileURLToPath(new URL("../../src/agents/__fixtures__/agents", import.meta.url));
const SDK = (path: string): string =>
  new URL(`../../node_modules/@modelcontextprotocol/sdk/dist/esm/${path}`, import.meta.url).href;

/**
 * A real upstream MCP server, its own process. It re-reads the tools it
 * lists from tools.json on every tools/list, so a test can add or rename
 * tools under the running gateway; it logs every call to calls.log, and its
 * read_file really reads, as the official filesystem server's does.
 */
const UPSTREAM = `
import { appendFileSync, readFileSync } from "node:fs";
import { Server } from "${SDK("server/index.js")}";
import { StdioServerTransport } from "${SDK("server/stdio.js")}";
import { CallToolRequestSchema, ListToolsRequestSchema } from "${SDK("types.js")}";
const server = new Server({ name: "upstream", version: "1.0.0" }, { capabilities: { tools: {} } });
const schema = { type: "object" };
server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: JSON.parse(readFileSync("tools.json", "utf8")).map((name) => ({ name, description: "d", inputSchema: schema })),
}));
server.setRequestHandler(CallToolRequestSchema, async ({ params }) => {
  appendFileSync("calls.log", JSON.stringify(params) + "\\n");
  const text = params.name === "read_file" ? readFileSync(params.arguments.path, "utf8") : params.name + " " + JSON.stringify(params.arguments);
  return { content: [{ type: "text", text }] };
});
await server.connect(new StdioServerTransport());
`;

describe("MCP gateway hardening (#12 row 8, file-tool arguments; e2e, real processes)", () => {
  let repo: TempRepo;
  const mcp = useJigMcpClients();
  const seeded = useSeededRepo((seed) => {
    cpSync(AGENTS, join(seed.dir, "agents"), { recursive: true });
    seed.write("specs/SPEC-0001-cap-refunds.md", APPROVED_SPEC);
    seed.write("upstream.mjs", UPSTREAM);
    seed.write("tools.json", JSON.stringify(["refund"]));
    seed.write("evals/suite.yaml", "cases: [secret expected answers]\n");
    seed.write("src/refunds.js", "export {};\n");
    seed.commit("base");
  }, "jig-e2e-mcp-hardening-");
  beforeEach(() => {
    repo = seeded();
  });
  afterEach(async () => {
    repo.cleanup();
  });

  function gateway(name: string): Promise<Client> {
    const upstream = [process.execPath, "upstream.mjs"];
    return mcp.connect(["guard", "mcp", "--agent", "coder", "--name", name, "--", ...upstream], {
      cwd: repo.dir,
      env: { JIG_SPEC: "SPEC-0001" },
    });
  }
  const text = toolText;
  const jig = (...args: string[]) => runJig(args, { cwd: repo.dir });
  const pending = (): Array<{ id: string; kind: string; tool: string }> =>
    JSON.parse(jig("approvals", "list", "--status", "pending", "--format", "json").stdout);
  const calls = (): string[] => {
    try {
      return readFileSync(join(repo.dir, "calls.log"), "utf8").trim().split("\n").filter(Boolean);
    } catch {
      return [];
    }
  };

  it("row 8: a tool renamed or added mid-session waits for a human, is audited, and the renamed tool stays under refund's authority rules", async () => {
    const client = await gateway("billing");
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(["refund"]);
    repo.write("tools.json", JSON.stringify(["Refund", "refund_v2"]));
    expect((await client.listTools()).tools).toEqual([]);

    const renamed = await client.callTool({ name: "Refund", arguments: { amount: 900000 } });
    expect(renamed.isError).toBe(true);
    expect(text(renamed)).toContain("needs a human approval");
    const added = await client.callTool({ name: "refund_v2", arguments: { amount: 900000 } });
    expect(added.isError).toBe(true);
    expect(calls()).toEqual([]);

    const pins = pending().filter((approval) => approval.kind === "tool-pin");
    expect(pins.map((approval) => approval.tool).sort()).toEqual([
      "mcp__billing__Refund",
      "mcp__billing__refund_v2",
    ]);
    const pin = pins.find((approval) => approval.tool === "mcp__billing__Refund");
    expect(text(renamed)).toContain(pin?.id);
    const tail = jig("audit", "tail", "--agent", "coder").stdout;
    expect(tail).toContain("mcp__billing__Refund");
    expect(tail).toContain("mcp__billing__refund_v2");

    expect(jig("approvals", "approve", pin?.id as string, "--reason", "rename").code).toBe(0);
    expect(text(await client.callTool({ name: "Refund", arguments: { amount: 5 } }))).toBe(
      'Refund {"amount":5}',
    );
    // refund's authority rules (escalate above 50000, deny above 1000000) hold for Refund.
    const big = await client.callTool({ name: "Refund", arguments: { amount: 900000 } });
    expect(big.isError).toBe(true);
    expect(text(big)).toMatch(/needs a human approval \(apr-[0-9a-f]+\)/);
    const huge = await client.callTool({ name: "Refund", arguments: { amount: 5000000 } });
    expect(text(huge)).toContain("denied");
    // refund_v2 is not the same tool: still waiting for its own approval.
    expect((await client.callTool({ name: "refund_v2", arguments: { amount: 5 } })).isError).toBe(
      true,
    );
    expect(calls()).toHaveLength(1);
    expect(jig("audit", "verify").code).toBe(0);
  }, 60_000);

  it("file tools: path arguments are held to files.read and files.write before the upstream sees them", async () => {
    repo.write("tools.json", JSON.stringify(["read_file", "write_file", "move_file"]));
    const client = await gateway("github");
    const denied = [
      ["read_file", { path: "/etc/passwd" }, "not in coder's files.read scope"],
      ["read_file", { path: "evals/suite.yaml" }, "holdout eval suites"],
      ["write_file", { path: "docs/x.md", content: "x" }, "not in coder's files.write scope"],
      ["move_file", { source: "specs/SPEC-0001-cap-refunds.md", destination: "src/x.md" }, "specs"],
    ] as const;
    for (const [name, args, reason] of denied) {
      const result = await client.callTool({ name, arguments: args });
      expect(result.isError, name).toBe(true);
      expect(text(result)).toContain(reason);
    }
    expect(calls()).toEqual([]);
    expect(
      text(await client.callTool({ name: "read_file", arguments: { path: "src/refunds.js" } })),
    ).toBe("export {};\n");
    const write = await client.callTool({
      name: "write_file",
      arguments: { path: "src/new.js", content: "x" },
    });
    expect(write.isError, text(write)).toBeFalsy();
    expect(calls()).toHaveLength(2);
  }, 60_000);
});
