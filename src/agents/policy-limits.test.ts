import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ValidationError } from "../core/index.js";
import { createGuardFixture } from "./__fixtures__/guard-fixture.js";
import { createBuiltinProtection } from "./builtin-protection.js";
import { compilePolicies } from "./compile-policies.js";
import { createGuard } from "./guard.js";
import { lintPolicies } from "./lint-policies.js";
import { loadAgents } from "./load-agents.js";
import { createPolicyEngine } from "./policy-engine.js";
import { createScopeIndex } from "./scope-index.js";

const DEEP = `forbid(principal, action, resource) when { ${"(".repeat(5000)}true${")".repeat(5000)} };\n`;
const MANIFEST = (write: string[]) =>
  [
    "name: coder",
    "role: writes code",
    "permissions:",
    "  tools:",
    "    allow: [Read, Write]",
    "  files:",
    '    read: ["**"]',
    "    write:",
    ...write.map((glob) => `      - "${glob}"`),
    "",
  ].join("\n");

describe("policy files Cedar cannot take", () => {
  let root: string;
  beforeEach(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), "jig-policy-limits-")));
    mkdirSync(join(root, "agents"));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const load = async (files: Record<string, string>) => {
    for (const [name, text] of Object.entries(files))
      writeFileSync(join(root, "agents", name), text);
    return loadAgents(join(root, "agents"), "agents");
  };

  it("a deeply nested .cedar is a located problem, not a stack overflow", async () => {
    const source = await load({ "coder.yaml": MANIFEST(["src/**"]), "deep.cedar": `\n${DEEP}` });
    expect(source.raw).toEqual([]);
    expect(source.problems).toEqual([
      expect.objectContaining({ code: "agents/cedar-limit", path: "agents/deep.cedar", line: 2 }),
    ]);
  });

  it("a glob over the limit is an input error at its line, before any matcher compiles it", async () => {
    const source = await load({ "coder.yaml": MANIFEST(["src/**", "a".repeat(70_000)]) });
    expect(source.problems).toEqual([
      expect.objectContaining({
        path: "agents/coder.yaml",
        line: 10,
        message: expect.stringContaining("glob is longer than 4,096 characters"),
      }),
    ]);
  });

  it("splits a file into policies at their lines with one Cedar parse, and lints them in one", async () => {
    const many = Array.from(
      { length: 500 },
      (_, index) =>
        `// policy ${index}\nforbid(principal, action, resource)\n  when { context.tool == "t${index}" };\n`,
    ).join("");
    const source = await load({ "coder.yaml": MANIFEST(["src/**"]), "many.cedar": many });
    expect(source.problems).toEqual([]);
    expect(source.raw).toHaveLength(500);
    expect(source.raw[499]).toMatchObject({ id: "agents/many.cedar#499", line: 3 * 499 + 2 });
    const compiled = compilePolicies(source.manifests, source.raw, { requireSpec: false });
    expect(await lintPolicies(compiled, source)).toEqual([]);
  });

  it("a manifest listing hundreds of tools compiles within the limits and lints clean", async () => {
    const tools = Array.from({ length: 600 }, (_, index) => `mcp__svc__tool${index}`);
    const text = MANIFEST(["src/**"]).replace(
      "allow: [Read, Write]",
      `allow: [${tools.join(", ")}]`,
    );
    const source = await load({ "coder.yaml": text });
    expect(source.problems).toEqual([]);
    const compiled = compilePolicies(source.manifests, source.raw, { requireSpec: false });
    expect(await lintPolicies(compiled, source)).toEqual([]);
  });

  it("the engine refuses policies past the limits, naming the file, even unlinted", async () => {
    const compiled = compilePolicies(
      [],
      [{ id: "agents/deep.cedar#0", file: "agents/deep.cedar", line: 3, text: DEEP }],
      {
        requireSpec: false,
      },
    );
    const scopes = createScopeIndex([], { home: root, specExempt: [] });
    const protection = createBuiltinProtection(
      {
        agentsDir: "agents",
        specsDir: "specs",
        evalsDir: "evals",
        failuresDir: "failure-models",
        governancePaths: [],
        storePath: ".jig/jig.db",
      },
      [],
    );
    const refused = await createPolicyEngine(compiled, scopes, protection).catch((error) => error);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as Error).message).toMatch(
      /^agents\/deep\.cedar:3:\d+: nesting deeper than 64 levels/,
    );
  });

  it("loading the guard over such a file fails with the file's name, so no guard can allow", async () => {
    const failed = await createGuardFixture({ agents: { "bad.cedar": DEEP } }).catch(
      (error) => error,
    );
    expect(failed).toBeInstanceOf(ValidationError);
    expect((failed as Error).message).toMatch(/^agents\/bad\.cedar:1:\d+: nesting deeper/);
  });

  it("an engine that fails mid-decision denies through guard.check, naming the policy files", async () => {
    const fixture = await createGuardFixture();
    try {
      const allowed = fixture
        .guard()
        .check({ agent: "coder", tool: "Read", input: { file_path: "src/refunds.js" } });
      expect(allowed.decision).toBe("allow");
      const { compiled, source } = fixture.policy;
      const manifests = source.manifests.map((entry) => entry.manifest);
      const real = createScopeIndex(manifests, { home: fixture.outside, specExempt: [] });
      // A scope index that fails while the engine builds Cedar's request: the
      // engine must answer deny, not throw past the guard.
      const failing = {
        ...real,
        resourceEntity: () => {
          throw new RangeError("Maximum call stack size exceeded");
        },
      };
      const engine = await createPolicyEngine(compiled, failing, fixture.policy.engine.protection);
      const guard = createGuard({
        engine,
        base: { repoRoot: fixture.root, cwd: fixture.root, home: fixture.outside },
        now: () => new Date("2026-01-01T00:00:00Z"),
        adapter: "test",
        specApproved: true,
      });
      const decision = guard.check({
        agent: "coder",
        tool: "Read",
        input: { file_path: "src/refunds.js" },
      });
      expect(decision.decision).toBe("deny");
      expect(decision.reason).toMatch(
        /^the policy engine failed on this call \(Maximum call stack size exceeded\) while evaluating the policies from .*agents\/coder\.yaml/,
      );
    } finally {
      fixture.cleanup();
    }
  });
});
