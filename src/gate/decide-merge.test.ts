import { describe, expect, it } from "vitest";
import { createModeTable, parseAutonomy } from "../autonomy/index.js";
import { decideMerge } from "./decide-merge.js";

const file = parseAutonomy(
  [
    "classes:",
    "  - {agent: coder, domain: docs, mode: full-auto}",
    "  - {agent: coder, domain: '*', mode: full-auto}",
    "  - {agent: coder, domain: billing, mode: supervised}",
    "  - {agent: helper, domain: docs, mode: full-auto}",
  ].join("\n"),
  "autonomy.yaml",
).autonomy;

const where = "the base (1a2b3c4)";

describe("decideMerge", () => {
  it("is auto only for a pass whose every touched domain is full-auto for the agent", () => {
    const table = createModeTable(file);
    const merge = decideMerge({
      outcome: "pass",
      table,
      agents: ["coder"],
      domains: ["*", "docs"],
      where,
    });
    expect(merge).toEqual({
      decision: "auto",
      reason: "verdict pass, and * and docs are full-auto for coder",
      agents: ["coder"],
      domains: [
        { agent: "coder", domain: "*", mode: "full-auto", source: "autonomy.yaml classes[1]" },
        { agent: "coder", domain: "docs", mode: "full-auto", source: "autonomy.yaml classes[0]" },
      ],
    });
  });

  it("is human, naming each reason, for another verdict or a domain short of full-auto", () => {
    const table = createModeTable(file);
    const failed = decideMerge({
      outcome: "needs-human",
      table,
      agents: ["coder"],
      domains: ["docs"],
      where,
    });
    expect(failed).toMatchObject({ decision: "human", reason: "verdict needs-human" });
    const billing = decideMerge({
      outcome: "needs-human",
      table,
      agents: ["coder"],
      domains: ["billing", "docs"],
      where,
    });
    expect(billing.reason).toBe("verdict needs-human; billing is supervised for coder");
    // Every agent of the change must hold full-auto: helper is not listed for `*`.
    const two = decideMerge({
      outcome: "pass",
      table,
      agents: ["coder", "helper"],
      domains: ["docs", "*"],
      where,
    });
    expect(two).toMatchObject({ decision: "human", reason: "* is supervised for helper" });
    expect(two.domains).toHaveLength(4);
  });

  it("uses the demoted mode, and says where it came from", () => {
    const table = createModeTable(file, [{ agent: "coder", domain: "docs", to: "auto-logged" }]);
    const merge = decideMerge({
      outcome: "pass",
      table,
      agents: ["coder"],
      domains: ["docs"],
      where,
    });
    expect(merge.decision).toBe("human");
    expect(merge.reason).toBe("docs is auto-logged for coder");
    expect(merge.domains[0]?.source).toMatch(/^demoted to auto-logged/);
  });

  it("is human without autonomy.yaml, without an agent, or without a touched domain", () => {
    const none = decideMerge({
      outcome: "pass",
      table: createModeTable(undefined),
      agents: ["coder"],
      domains: ["docs"],
      where,
    });
    expect(none).toEqual({
      decision: "human",
      reason: "autonomy.yaml not present on the base (1a2b3c4)",
      agents: ["coder"],
      domains: [],
    });
    const table = createModeTable(file);
    expect(
      decideMerge({ outcome: "pass", table, agents: [], domains: ["docs"], where }).reason,
    ).toBe("no agent attribution");
    expect(
      decideMerge({ outcome: "pass", table, agents: ["coder"], domains: [], where }),
    ).toMatchObject({
      decision: "human",
      reason: "the change touches no file",
    });
  });
});
