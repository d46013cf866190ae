import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { classBasis, createAutonomyStore } from "../../src/autonomy/autonomy-store.js";
import { parseAutonomy } from "../../src/autonomy/parse-autonomy.js";
import { openJigDatabase } from "../../src/store/index.js";
import { useSeededRepo } from "../../src/test-support/seeded-repo.js";
import type { TempRepo } from "../../src/test-support/temp-repo.js";
import { seedGuardedRepo } from "./guarded-repo.js";
import { toolText, useJigMcpClients } from "./mcp-clients.js";
import { JIG_BIN, runJig } from "./run-jig.js";

const CONFIG = `domains:
  billing: ["src/billing/**"]
  ui: ["src/ui/**"]
`;

const AUTONOMY = `classes:
  - agent: coder
    domain: "*"
    mode: full-auto
  - agent: coder
    domain: billing
    mode: blocked
  - agent: coder
    domain: ui
    mode: supervised
`;

const SDK = (path: string): string =>
  new URL(`../../node_modules/@modelcontextprotocol/sdk/dist/esm/${path}`, import.meta.url).href;

/** A real upstream MCP server process with one tool, refund. */
const UPSTREAM = `
import { Server } from "${SDK("server/index.js")}";
import { StdioServerTransport } from "${SDK("server/stdio.js")}";
import { CallToolRequestSchema, ListToolsRequestSchema } from "${SDK("types.js")}";
const server = new Server({ name: "Billing", version: "1.0.0" }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: [{ name: "refund", description: "Refund a payment", inputSchema: { type: "object" } }],
}));
server.setRequestHandler(CallToolRequestSchema, async (request) => ({
  content: [{ type: "text", text: "refunded " + request.params.arguments.amount }],
}));
await server.connect(new StdioServerTransport());
`;

type Via = "daemon" | "in-process";

describe("the guard enforces autonomy modes (e2e, the built jig)", () => {
  let repo: TempRepo;
  let children: ChildProcess[];
  const mcp = useJigMcpClients();
  const seeded = useSeededRepo((seed) => {
    seedGuardedRepo(seed, {
      "jig.config.yaml": CONFIG,
      "autonomy.yaml": AUTONOMY,
      "upstream.mjs": UPSTREAM,
    });
  }, "jig-e2e-autonomy-");
  beforeEach(() => {
    repo = seeded();
    children = [];
  });
  afterEach(() => {
    for (const child of children) child.kill("SIGTERM");
    try {
      const pid = Number(readFileSync(join(repo.dir, ".jig", "guard.pid"), "utf8"));
      if (Number.isInteger(pid) && pid > 0) process.kill(pid, "SIGTERM");
    } catch {
      // No daemon the hook started.
    }
    repo.cleanup();
  });

  const hook = (via: Via, event: Record<string, unknown>) => {
    const result = runJig(["guard", "claude-hook", "--agent", "coder"], {
      cwd: repo.dir,
      input: JSON.stringify({ hook_event_name: "PreToolUse", ...event }),
      env: {
        JIG_SPEC: "SPEC-0001",
        JIG_DEBUG: "1",
        JIG_GUARD_DAEMON: via === "daemon" ? undefined : "off",
      },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr.includes("answered by the daemon"), result.stderr).toBe(via === "daemon");
    const output = JSON.parse(result.stdout).hookSpecificOutput as {
      permissionDecision: string;
      permissionDecisionReason: string;
    };
    return { decision: output.permissionDecision, reason: output.permissionDecisionReason };
  };
  const write = (path: string) => ({
    tool_name: "Write",
    tool_input: { file_path: path, content: "x" },
  });

  const startDaemon = async (): Promise<void> => {
    const child = spawn(process.execPath, [JIG_BIN, "guard", "daemon", "--idle-seconds", "60"], {
      cwd: repo.dir,
      env: { ...process.env, JIG_SPEC: undefined },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    await new Promise<void>((settle, reject) => {
      let out = "";
      child.stdout?.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes("serving")) settle();
      });
      child.once("exit", (code) => reject(new Error(`daemon exited with ${code}: ${out}`)));
    });
  };

  const openStore = () => openJigDatabase(join(repo.dir, ".jig", "jig.db"));

  for (const via of ["in-process", "daemon"] as const) {
    it(`maps modes to Claude Code's decisions (${via})`, async () => {
      if (via === "daemon") await startDaemon();
      expect(hook(via, write("src/ok.js")).decision).toBe("allow");
      const blocked = hook(via, write("src/billing/pay.js"));
      expect(blocked.decision).toBe("deny");
      expect(blocked.reason).toContain("autonomy mode blocked");
      expect(blocked.reason).toContain("autonomy.yaml classes[1]");
      const supervised = hook(via, write("src/ui/a.js"));
      expect(supervised.decision).toBe("ask");
      expect(supervised.reason).toContain("autonomy mode supervised");
      // A mode never widens: outside coder's write scope stays denied under full-auto.
      expect(hook(via, write("src-evil/x.js")).decision).toBe("deny");
      // Reads are not governed by modes.
      expect(
        hook(via, { tool_name: "Read", tool_input: { file_path: "src/billing/pay.js" } }).decision,
      ).toBe("allow");
      // The agent cannot raise its own autonomy.
      const raise = hook(via, write("autonomy.yaml"));
      expect(raise.decision).toBe("deny");
      expect(raise.reason).not.toContain("autonomy mode");
      const edit = hook(via, {
        tool_name: "Edit",
        tool_input: { file_path: "autonomy.yaml", old_string: "blocked", new_string: "full-auto" },
      });
      expect(edit.decision).toBe("deny");
      expect(
        hook(via, { tool_name: "Bash", tool_input: { command: "rm autonomy.yaml" } }).decision,
      ).toBe("deny");

      // A person removing autonomy.yaml: not adopted, the manifests alone decide (seen on the next call).
      rmSync(join(repo.dir, "autonomy.yaml"));
      expect(hook(via, write("src/billing/pay.js")).decision).toBe("allow");
      expect(hook(via, write("src/ui/a.js")).decision).toBe("allow");

      const db = openStore();
      try {
        const rows = db
          .prepare("SELECT tool, decision, mode, domain FROM audit_log ORDER BY seq")
          .all() as Array<{ decision: string; mode: string | null; domain: string | null }>;
        expect(rows.slice(0, 3).map((row) => [row.decision, row.mode, row.domain])).toEqual([
          ["allow", "full-auto", "*"],
          ["deny", "blocked", "billing"],
          ["ask", "supervised", "ui"],
        ]);
        expect(rows.at(-1)?.mode).toBeNull();
      } finally {
        db.close();
      }
      expect(runJig(["audit", "verify"], { cwd: repo.dir }).code).toBe(0);
      // jig autonomy status counts the guard's decisions, read from the audit log.
      const status = JSON.parse(
        runJig(["autonomy", "status", "--format", "json"], { cwd: repo.dir }).stdout,
      ) as { classes: Array<{ agent: string; domain: string; evidence: { events: number } }> };
      const billing = status.classes.find((c) => c.agent === "coder" && c.domain === "billing");
      expect(billing?.evidence.events).toBeGreaterThanOrEqual(1);
    });
  }

  it("honours a demotion written to the store after the daemon warmed", async () => {
    await startDaemon();
    expect(hook("daemon", write("src/ok.js")).decision).toBe("allow");
    const entry = parseAutonomy(AUTONOMY, "autonomy.yaml").autonomy?.classes[0];
    const db = openStore();
    try {
      createAutonomyStore(db).demote({
        at: new Date().toISOString(),
        agent: "coder",
        domain: "*",
        from: "full-auto",
        to: "supervised",
        trigger: "model-change",
        reason: "coder now runs on another model",
        basis: classBasis(entry, "coder", "*"),
      });
    } finally {
      db.close();
    }
    const demoted = hook("daemon", write("src/ok.js"));
    expect(demoted.decision).toBe("ask");
    expect(demoted.reason).toContain("demoted to supervised");
  });

  it("records the person's answer to an ask from PostToolUse", () => {
    const asked = hook("in-process", { ...write("src/ui/a.js"), tool_use_id: "toolu_e2e_1" });
    expect(asked.decision).toBe("ask");
    expect(existsSync(join(repo.dir, ".jig", "asks", "toolu_e2e_1"))).toBe(true);
    const post = (toolUseId: string) =>
      runJig(["guard", "claude-hook", "--agent", "coder", "--post"], {
        cwd: repo.dir,
        input: JSON.stringify({
          hook_event_name: "PostToolUse",
          tool_name: "Write",
          tool_use_id: toolUseId,
          tool_input: { file_path: "src/ui/a.js", content: "x" },
          tool_response: { success: true },
        }),
      });
    // A call jig never asked about: answered on the fast path, nothing recorded.
    const other = post("toolu_other");
    expect(other).toMatchObject({ code: 0, stdout: "" });
    const answered = post("toolu_e2e_1");
    expect(answered.code, answered.stderr).toBe(0);
    expect(answered.stdout).toBe("");
    expect(existsSync(join(repo.dir, ".jig", "asks", "toolu_e2e_1"))).toBe(false);
    const db = openStore();
    try {
      const answers = createAutonomyStore(db).events({ kinds: ["answer"] });
      expect(answers).toHaveLength(1);
      expect(answers[0]).toMatchObject({
        agent: "coder",
        domain: "ui",
        action: "edit",
        outcome: "agree",
        subject: "toolu_e2e_1",
      });
    } finally {
      db.close();
    }
  });

  it("samples auto-logged calls into a review queue a person sees in jig approvals", () => {
    repo.write(
      "autonomy.yaml",
      `sample: 1\n${AUTONOMY.replace("mode: full-auto", "mode: auto-logged")}`,
    );
    const allowed = hook("in-process", write("src/ok.js"));
    expect(allowed.decision).toBe("allow");
    expect(allowed.reason).toContain("sampled for review");
    const listed = runJig(["approvals", "list"], { cwd: repo.dir });
    expect(listed.stdout).toMatch(
      /rev-1 {2}sampled for review {2}coder {2}Write \(write\): src\/ok\.js/,
    );
    const review = (...flags: string[]) =>
      runJig(["approvals", "review", "rev-1", ...flags], { cwd: repo.dir });
    expect(review().code).toBe(2);
    expect(review("--disagree")).toMatchObject({ code: 0, stdout: "rev-1 reviewed: disagree\n" });
    expect(review("--agree").code).toBe(2);
    expect(runJig(["approvals", "list"], { cwd: repo.dir }).stdout).not.toContain("rev-1");
    const db = openStore();
    try {
      expect(createAutonomyStore(db).events({ kinds: ["answer"] })).toMatchObject([
        { agent: "coder", domain: "*", action: "edit", outcome: "disagree", subject: "review:1" },
      ]);
    } finally {
      db.close();
    }
  });

  it("installs the PostToolUse hook next to the PreToolUse one", () => {
    expect(
      runJig(["agents", "install", "claude", "--agent", "coder"], { cwd: repo.dir }).code,
    ).toBe(0);
    const settings = JSON.parse(readFileSync(join(repo.dir, ".claude", "settings.json"), "utf8"));
    expect(settings.hooks.PostToolUse[0].hooks[0].command).toBe(
      'jig guard claude-hook --agent coder --root "$CLAUDE_PROJECT_DIR" --post',
    );
  });

  it("maps modes for mcp:<server> calls through the gateway", async () => {
    const gateway = () =>
      mcp.connect(
        [
          "guard",
          "mcp",
          "--agent",
          "coder",
          "--name",
          "billing",
          "--",
          process.execPath,
          "upstream.mjs",
        ],
        { cwd: repo.dir },
      );
    repo.write(
      "autonomy.yaml",
      `${AUTONOMY}  - agent: coder
    domain: "*"
    mode: blocked
    actions: ["mcp:billing"]
`,
    );
    const blocked = await (await gateway()).callTool({ name: "refund", arguments: { amount: 5 } });
    expect(blocked.isError).toBe(true);
    expect(toolText(blocked)).toContain("autonomy mode blocked");

    repo.write("autonomy.yaml", AUTONOMY.replace("mode: full-auto", "mode: supervised"));
    const client = await gateway();
    const asked = await client.callTool({ name: "refund", arguments: { amount: 5 } });
    expect(asked.isError).toBe(true);
    const id = /apr-[0-9a-f]+/.exec(toolText(asked))?.[0];
    expect(id, toolText(asked)).toBeDefined();
    expect(runJig(["approvals", "approve", id as string], { cwd: repo.dir }).code).toBe(0);
    expect(toolText(await client.callTool({ name: "refund", arguments: { amount: 5 } }))).toBe(
      "refunded 5",
    );

    repo.write("autonomy.yaml", AUTONOMY);
    const full = await (await gateway()).callTool({ name: "refund", arguments: { amount: 7 } });
    expect(toolText(full)).toBe("refunded 7");
  });
});
