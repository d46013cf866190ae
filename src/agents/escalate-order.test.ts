import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGuardFixture, type GuardFixture } from "./__fixtures__/guard-fixture.js";
import { renderStarterManifest } from "./starter-manifest.js";

/**
 * docs/agents.md promises an order: deny (not permitted, or denied) wins,
 * then escalate, then allow. An escalate rule never widens what the
 * permissions grant; it only makes a person decide within them.
 */
const MANIFEST = `name: builder
role: Test agent for the deny-before-escalate order
permissions:
  tools: { allow: [Write, Bash], deny: [] }
  files: { read: ["**"], write: ["src/**"] }
  commands: [[npm, test], [npm, publish]]
escalate:
  - files: ["infra/**", "src/db/**"]
  - commands: [[npm, publish], [git, push]]
`;

describe("deny before escalate", () => {
  let fixture: GuardFixture;
  beforeAll(async () => {
    fixture = await createGuardFixture({
      agents: { "builder.yaml": MANIFEST, "starter.yaml": renderStarterManifest("starter") },
    });
  });
  afterAll(() => fixture.cleanup());
  const check = (agent: string, tool: string, input: Record<string, unknown>) =>
    fixture.guard().check({ agent, tool, input });

  it("denies a write outside files.write even when an escalate rule names the path", () => {
    const decision = check("builder", "Write", { file_path: "infra/main.tf", content: "x" });
    expect(decision.decision).toBe("deny");
    expect(decision.reason).toBe("infra/main.tf is not in builder's files.write scope");
  });

  it("asks for a write inside files.write that an escalate rule names", () => {
    expect(
      check("builder", "Write", { file_path: "src/db/schema.sql", content: "x" }).decision,
    ).toBe("ask");
    expect(check("builder", "Write", { file_path: "src/app.ts", content: "x" }).decision).toBe(
      "allow",
    );
  });

  it("asks for an allowed command an escalate rule names", () => {
    expect(check("builder", "Bash", { command: "npm publish" }).decision).toBe("ask");
  });

  it("the starter manifest from jig agents new behaves as its comments say", () => {
    expect(check("starter", "Bash", { command: "npm test" }).decision).toBe("allow");
    expect(check("starter", "Write", { file_path: "infra/main.tf", content: "x" }).decision).toBe(
      "deny",
    );
    expect(
      check("starter", "Write", { file_path: "src/migrations/001.sql", content: "x" }).decision,
    ).toBe("ask");
    expect(check("starter", "WebSearch", { query: "x" }).decision).toBe("deny");
  });

  it("denies a command outside permissions.commands even when an escalate rule names it", () => {
    const decision = check("builder", "Bash", { command: "git push" });
    expect(decision.decision).toBe("deny");
    expect(decision.reason).toBe(
      "'git push' does not start with any of builder's permissions.commands",
    );
  });
});
