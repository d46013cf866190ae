import { describe, expect, it } from "vitest";
import { compilePolicies } from "./compile-policies.js";
import { parseManifest } from "./load-agents.js";

const { manifest, problems } = parseManifest(
  `name: ops
role: ops
permissions:
  tools: { allow: [Bash, "mcp__billing__*"] }
authority:
  - { tool: mcp__billing__refund, when: amount > 500, then: escalate }
  - { tool: Bash, when: 'program == "rm"', then: deny }
escalate:
  - files: ["infra/**"]
  - commands: [[terraform, destroy]]
  - deletes: 3
  - { files: ["infra/**"], deletes: 2 }
  - tools: ["mcp__github__*"]
  - tools: ["Web*"]
`,
  "agents/ops.yaml",
);

describe("compilePolicies", () => {
  if (!manifest) throw new Error(JSON.stringify(problems));
  const { policies } = compilePolicies([{ manifest, path: "agents/ops.yaml" }], [], {
    requireSpec: false,
  });
  const scope = (id: string): string =>
    /forbid\(principal == Agent::"ops", (.*?), resource\)/.exec(policies[id] ?? "")?.[1] ?? "";

  it("scopes authority and escalation forbids to the only actions they can fire on", () => {
    expect(scope("ops.authority.0")).toBe('action == Action::"call"');
    expect(scope("ops.escalate.0")).toBe('action == Action::"write"');
    expect(scope("ops.escalate.1")).toBe('action == Action::"exec"');
    expect(scope("ops.escalate.2")).toBe('action == Action::"exec"');
    expect(scope("ops.escalate.3")).toBe('action in [Action::"write", Action::"exec"]');
    expect(scope("ops.escalate.4")).toBe('action == Action::"call"');
  });

  it("keeps every action in scope when a tool pattern could be any kind of tool", () => {
    expect(scope("ops.authority.1")).toBe("action");
    expect(scope("ops.escalate.5")).toBe("action");
  });
});
