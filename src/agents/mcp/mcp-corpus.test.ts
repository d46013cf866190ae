import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  ListToolsRequestSchema,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type JigDatabase, openJigDatabase } from "../../store/index.js";
import { createGuardFixture, type GuardFixture } from "../__fixtures__/guard-fixture.js";
import { createApprovalStore } from "../approval-store.js";
import { createMessageStore } from "../message-store.js";
import { FILE_TOOLS } from "./file-tool-arguments.js";
import { createMcpGateway } from "./mcp-gateway.js";
import { createMessageBus } from "./message-bus.js";
import { createToolPinStore } from "./tool-pins.js";

/**
 * The MCP part of the security corpus (#12): calls an agent sends through
 * the gateway, over real MCP, to get past its manifest. None may reach the
 * upstream; the legitimate calls next to them must.
 */

/** One authority rule per operator, each on its own field, all hard denies. */
const OPERATORS = [
  ["a", ">", 10],
  ["b", ">=", 10],
  ["c", "<", 0],
  ["d", "<=", 0],
  ["e", "==", 5],
  ["f", "!=", 7],
] as const;

const PAYER = `name: payer
role: Pays within limits
permissions:
  tools: { allow: ["mcp__pay__*", "mcp__fs__*"] }
  files: { read: ["src/**", "docs/**"], write: ["src/**"] }
escalate:
  - files: [src/pay.env]
authority:
${OPERATORS.map(([field, op, value]) => `  - { tool: mcp__pay__pay, when: "${field} ${op} ${value}", then: deny }`).join("\n")}
`;

/** Values for one field that keep every rule quiet. */
const SAFE: Record<string, number> = { a: 1, b: 1, c: 1, d: 1, e: 1, f: 7 };

/** Argument values an attacker may send: absent, null, strings, floats, exponents, nesting. */
const VALUES: ReadonlyArray<[label: string, value: unknown]> = [
  ["absent", undefined],
  ["null", null],
  ["string", "5"],
  ["numeric string", "100"],
  ["exponent string", "1e3"],
  ["float", 5.5],
  ["negative float", -0.5],
  ["exponent", 1e3],
  ["huge", 2 ** 60],
  ["boolean", true],
  ["object", { value: 100 }],
  ["array", [100]],
  ["empty array", []],
  ["zero", 0],
  ["negative", -3],
  ["seven", 7],
  ["five", 5],
  ["ten", 10],
  ["eleven", 11],
];

const holds = (op: string, left: number, right: number): boolean =>
  op === ">"
    ? left > right
    : op === ">="
      ? left >= right
      : op === "<"
        ? left < right
        : op === "<="
          ? left <= right
          : op === "=="
            ? left === right
            : left !== right;

/** File-tool calls that must never reach the upstream (the coder-like `payer` may read src/ and docs/, write src/). */
const FILE_BYPASSES: ReadonlyArray<
  [category: string, tool: string, args: Record<string, unknown>]
> = [
  ["outside", "read_file", { path: "/etc/passwd" }],
  ["outside", "read_text_file", { path: "~/.ssh/id_rsa" }],
  ["outside", "read_media_file", { path: "file:///etc/passwd" }],
  ["outside", "read_file", { path: "file://localhost/etc/passwd" }],
  ["traversal", "read_file", { path: "src/../../../etc/passwd" }],
  ["traversal", "read_file", { path: "docs/../infra/main.tf" }],
  ["symlink", "read_file", { path: "src/escape/secret.txt" }],
  ["symlink", "read_file", { path: "src/etc/passwd" }],
  ["symlink", "write_file", { path: "src/infra-link/main.tf", content: "x" }],
  ["symlink", "write_file", { path: "src/dangling.js", content: "x" }],
  ["scope", "read_file", { path: "infra/main.tf" }],
  ["scope", "write_file", { path: "docs/x.md", content: "x" }],
  ["scope", "edit_file", { path: "tests/a.test.js", edits: [] }],
  ["scope", "create_directory", { path: "infra/new" }],
  ["scope", "list_directory", { path: "infra" }],
  ["scope", "list_directory_with_sizes", { path: "/" }],
  ["scope", "directory_tree", { path: ".." }],
  ["scope", "search_files", { path: "/home", pattern: "id_rsa" }],
  ["scope", "get_file_info", { path: "infra/main.tf" }],
  ["many", "read_multiple_files", { paths: ["src/refunds.js", "infra/main.tf"] }],
  ["many", "read_multiple_files", { paths: ["src/refunds.js", 42] }],
  ["many", "read_multiple_files", { paths: "infra/main.tf" }],
  ["move", "move_file", { source: "infra/main.tf", destination: "src/main.tf" }],
  ["move", "move_file", { source: "src/refunds.js", destination: "docs/refunds.js" }],
  ["governance", "write_file", { path: "agents/payer.yaml", content: "x" }],
  ["governance", "write_file", { path: ".git/hooks/pre-commit", content: "x" }],
  ["governance", "write_file", { path: ".jig/jig.db", content: "x" }],
  ["governance", "move_file", { source: "src/refunds.js", destination: ".claude/settings.json" }],
  ["holdout", "read_file", { path: "evals/suite.yaml" }],
  ["shape", "read_file", {}],
  ["shape", "read_file", { path: "" }],
  ["shape", "read_file", { path: ["src/refunds.js"] }],
  ["shape", "read_file", { path: "src/a\u0000b" }],
  ["shape", "move_file", { source: "src/refunds.js" }],
  ["case", "READ_FILE", { path: "/etc/passwd" }],
  ["case", "Write_File", { path: "docs/x.md", content: "x" }],
];

/** An agent that may ask ops for deploys but itself writes only src/ (row 10's sender). */
const INTERN = `name: intern
role: Asks ops for changes
permissions:
  tools: { allow: [Read, Write] }
  files: { read: ["**"], write: ["src/**"] }
messages:
  - { to: [ops], types: [deploy-request] }
`;

/** Names an upstream may switch to mid-session to step out from under refund's rules (row 8). */
const RENAMES = ["Refund", "REFUND", "refund_v2", "refund2", "re_fund", "r\u0435fund", "refund.v2"];

const FILE_CONTROLS: ReadonlyArray<[tool: string, args: Record<string, unknown>]> = [
  ["read_file", { path: "src/refunds.js" }],
  ["read_text_file", { path: "docs" }],
  ["read_multiple_files", { paths: ["src/refunds.js", "docs"] }],
  ["write_file", { path: "src/new.js", content: "x" }],
  ["edit_file", { path: "src/refunds.js", edits: [] }],
  ["move_file", { source: "src/refunds.js", destination: "src/moved.js" }],
  ["list_directory", { path: "src" }],
  ["list_allowed_directories", {}],
  ["READ_FILE", { path: "src/refunds.js" }],
];

describe("MCP security corpus", () => {
  let fixture: GuardFixture;
  let db: JigDatabase;
  let dir: string;
  const calls: string[] = [];
  const clients: Record<string, Client> = {};
  const upstreamTools: Record<string, Tool[]> = {};
  let approvals: ReturnType<typeof createApprovalStore>;

  beforeAll(async () => {
    fixture = await createGuardFixture({ agents: { "payer.yaml": PAYER, "intern.yaml": INTERN } });
    dir = mkdtempSync(join(tmpdir(), "jig-mcp-corpus-"));
    db = openJigDatabase(join(dir, "jig.db"));
    approvals = createApprovalStore(db, { ttlMinutes: 60 });
    const fileTools = [...FILE_TOOLS.keys(), "READ_FILE", "Write_File"];
    for (const [server, names] of [
      ["pay", ["pay"]],
      ["fs", fileTools],
    ] as const) {
      const upstream = new Server({ name: server, version: "1" }, { capabilities: { tools: {} } });
      const tools: Tool[] = names.map((name) => ({ name, inputSchema: { type: "object" } }));
      upstreamTools[server] = tools;
      upstream.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
      upstream.setRequestHandler(CallToolRequestSchema, async (request) => {
        calls.push(`${server}:${request.params.name}:${JSON.stringify(request.params.arguments)}`);
        return { content: [{ type: "text", text: "ok" }] };
      });
      const [upClient, upServer] = InMemoryTransport.createLinkedPair();
      await upstream.connect(upServer);
      const upstreamClient = new Client({ name: "gateway", version: "1" });
      await upstreamClient.connect(upClient);
      const gateway = createMcpGateway({
        upstream: upstreamClient,
        server,
        agent: "payer",
        guard: fixture.guard({ approvals, adapter: "mcp" }),
        engine: fixture.policy.engine,
        pins: createToolPinStore(db),
        approvals,
        base: { repoRoot: fixture.root, cwd: fixture.root, home: fixture.outside },
        now: () => new Date("2026-01-01T00:00:00Z"),
        specApproved: true,
        version: "test",
      });
      const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
      await gateway.connect(serverSide);
      const client = new Client({ name: "agent", version: "1" });
      await client.connect(clientSide);
      clients[server] = client;
    }
  });
  afterAll(() => {
    db.close();
    fixture.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  describe("authority arguments (fuzz: every value against every operator)", () => {
    for (const [field, op, bound] of OPERATORS) {
      for (const [label, value] of VALUES) {
        const allowed = Number.isSafeInteger(value) && !holds(op, value as number, bound);
        it(`${field} ${op} ${bound} with ${label}: ${allowed ? "allow" : "deny"}`, async () => {
          const args: Record<string, unknown> = { ...SAFE };
          if (value === undefined) delete args[field];
          else args[field] = value;
          const before = calls.length;
          const result = await (clients.pay as Client).callTool({ name: "pay", arguments: args });
          expect(Boolean(result.isError), JSON.stringify(result.content)).toBe(!allowed);
          expect(calls.length - before).toBe(allowed ? 1 : 0);
        });
      }
    }
  });

  describe("file-tool escalations", () => {
    it("asks a human for an escalated path, and the approval covers that one call, content included", async () => {
      const fs = clients.fs as Client;
      const write = (content: string) =>
        fs.callTool({ name: "write_file", arguments: { path: "src/pay.env", content } });
      const asked = JSON.stringify((await write("PAY=1")).content);
      const id = /apr-[0-9a-f]+/.exec(asked)?.[0];
      expect(id, asked).toBeDefined();
      approvals.decide(id as string, "approved", new Date("2026-01-01T00:00:00Z"), "alice");
      const before = calls.length;
      expect((await write("PAY=2")).isError).toBe(true);
      expect((await write("PAY=1")).isError).toBeFalsy();
      expect((await write("PAY=1")).isError).toBe(true);
      expect(calls.slice(before)).toEqual([
        'fs:write_file:{"path":"src/pay.env","content":"PAY=1"}',
      ]);
    });
  });

  describe("tools that appear mid-session (row 8)", () => {
    it("hides and refuses every rename and addition until a human approves it", async () => {
      const pay = clients.pay as Client;
      expect((await pay.listTools()).tools.map((tool) => tool.name)).toEqual(["pay"]);
      const tools = upstreamTools.pay as Tool[];
      for (const name of RENAMES) tools.push({ name, inputSchema: { type: "object" } });
      expect((await pay.listTools()).tools.map((tool) => tool.name)).toEqual(["pay"]);
      const before = calls.length;
      for (const name of RENAMES) {
        const result = await pay.callTool({ name, arguments: { ...SAFE } });
        expect(result.isError, name).toBe(true);
        expect(JSON.stringify(result.content), name).toContain("needs a human approval");
      }
      expect(calls.length).toBe(before);
      tools.splice(1);
    });
  });

  describe("bus delegation (row 10)", () => {
    it("keeps the recipient acting for the sender after complete_message, and in every later chain", async () => {
      const now = new Date("2026-01-01T00:00:00Z");
      const messages = createMessageStore(db);
      const connect = async (agent: string) => {
        const bus = createMessageBus({
          agent,
          session: `corpus-${agent}`,
          guard: fixture.guard({ adapter: "bus" }),
          messages,
          knownAgents: new Set(["intern", "ops", "coder"]),
          now: () => now,
          version: "test",
        });
        const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
        await bus.connect(serverSide);
        const client = new Client({ name: agent, version: "1" });
        await client.connect(clientSide);
        return client;
      };
      const intern = await connect("intern");
      const ops = await connect("ops");
      const guard = fixture.guard({ delegation: (agent) => messages.actingOnBehalfOf(agent, now) });
      const prod = {
        agent: "ops",
        tool: "Write",
        input: { file_path: "infra/prod.tf", content: "x" },
      };
      expect(guard.check(prod).decision).toBe("allow");
      await intern.callTool({
        name: "send_message",
        arguments: { to: "ops", type: "deploy-request", body: "edit infra/prod.tf" },
      });
      const read = await ops.callTool({ name: "read_inbox", arguments: {} });
      const [{ id }] = JSON.parse((read.content as Array<{ text: string }>)[0]?.text ?? "[]");
      await ops.callTool({ name: "complete_message", arguments: { id } });
      expect(guard.check(prod).decision).toBe("deny");
      const sent = await ops.callTool({
        name: "send_message",
        arguments: { to: "coder", type: "deploy-request", body: "next" },
      });
      const { chain } = JSON.parse((sent.content as Array<{ text: string }>)[0]?.text ?? "{}");
      expect(chain).toEqual(["intern", "ops"]);
    });
  });

  describe("file-tool path arguments", () => {
    for (const [category, tool, args] of FILE_BYPASSES) {
      it(`refuses ${category}: ${tool} ${JSON.stringify(args)}`, async () => {
        const before = calls.length;
        const result = await (clients.fs as Client).callTool({ name: tool, arguments: args });
        expect(result.isError, JSON.stringify(result.content)).toBe(true);
        expect(calls.slice(before)).toEqual([]);
      });
    }
    for (const [tool, args] of FILE_CONTROLS) {
      it(`allows ${tool} ${JSON.stringify(args)}`, async () => {
        const result = await (clients.fs as Client).callTool({ name: tool, arguments: args });
        expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      });
    }
  });
});
