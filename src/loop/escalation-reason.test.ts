import { describe, expect, it } from "vitest";
import { escalationReason, type LoopRound, stopReason } from "./escalation-reason.js";

function round(number: number, overrides: Partial<LoopRound> = {}): LoopRound {
  return {
    round: number,
    runId: `run-${number}`,
    outcome: "fail",
    reasons: ["1 finding at or above high"],
    findings: [
      {
        ruleId: "general",
        severity: "high",
        title: "bug",
        layer: "review",
        file: "a.js",
        line: number,
      },
    ],
    diffstat: "",
    costUsd: 0,
    ...overrides,
  };
}

describe("escalationReason", () => {
  it("goes on while rounds remain and findings move", () => {
    expect(escalationReason([round(0), round(1), round(2)], 5)).toBeUndefined();
  });
  it("escalates at the last round", () => {
    expect(
      escalationReason(
        [0, 1, 2, 3, 4, 5].map((n) => round(n)),
        5,
      ),
    ).toBe("max-iterations");
  });
  it("escalates when the same findings come back three rounds in a row", () => {
    const same = {
      findings: [{ ruleId: "general", severity: "high" as const, title: "bug", layer: "review" }],
    };
    expect(
      escalationReason([round(0, same), round(1, same), round(2, same), round(3, same)], 5),
    ).toBe("unchanged-findings");
    // The check before the coder's first round is not a round.
    expect(escalationReason([round(0, same), round(1, same), round(2, same)], 5)).toBeUndefined();
    // Rounds 1 to 3 agree although round 0 differed: still three unchanged rounds.
    expect(escalationReason([round(0), round(1, same), round(2, same), round(3, same)], 5)).toBe(
      "unchanged-findings",
    );
  });
  it("escalates when the coder failed twice, and on needs-human", () => {
    expect(
      escalationReason(
        [round(0, { coderExitCode: 1 }), round(1, { coderExitCode: 2 }), round(2)],
        5,
      ),
    ).toBe("coder-failed");
    expect(escalationReason([round(0, { outcome: "needs-human" })], 5)).toBe("needs-human");
  });
});

describe("stopReason", () => {
  it("stops for the budget when a layer carries the typed budget code, whatever its wording", () => {
    const rounds = [round(0)];
    expect(stopReason([{ errorCode: "models/budget" }], rounds, 5)).toBe("budget");
    expect(stopReason([{}, { errorCode: "models/budget" }], rounds, 5)).toBe("budget");
  });
  it("does not guess a budget stop from an error's text", () => {
    // A reviewer that quotes the flag in an unrelated failure is not a spent budget.
    const layers = [
      { errorCode: "models/invalid-output", error: "the model said: raise --max-cost" },
    ];
    expect(stopReason(layers, [round(0)], 5)).toBeUndefined();
    expect(
      stopReason(
        layers,
        [0, 1, 2, 3, 4, 5].map((n) => round(n)),
        5,
      ),
    ).toBe("max-iterations");
  });
});
