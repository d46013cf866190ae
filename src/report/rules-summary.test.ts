import { describe, expect, it } from "vitest";
import { rulesSummary } from "./rules-summary.js";

describe("rulesSummary", () => {
  it("names the base revision and counts the files read by kind", () => {
    expect(
      rulesSummary({
        source: "base",
        revision: "1a2b3c4d5e6f",
        bootstrap: false,
        files: [
          { path: "jig.config.yaml", kind: "config" },
          { path: "agents/coder.yaml", kind: "agents" },
          { path: "agents/reviewer.yaml", kind: "agents" },
          { path: "specs/SPEC-0001-x.md", kind: "specs" },
        ],
      }),
    ).toBe("base 1a2b3c4 (jig.config.yaml, agents 2, specs 1), never the change");
  });

  it("says when nothing is trusted yet, and when the rules came from the working tree", () => {
    expect(
      rulesSummary({ source: "base", revision: "abcdef0123", bootstrap: true, files: [] }),
    ).toBe("base abcdef0: no jig.config.yaml there, defaults (nothing trusted yet)");
    expect(rulesSummary({ source: "working-tree", bootstrap: false, files: [] })).toBe(
      "the working tree (a unified diff has no base)",
    );
  });
});
