import { describe, expect, it } from "vitest";
import type { CriterionResult, LayerReport } from "../contract/index.js";
import type { Finding } from "../core/finding.js";
import type { Severity } from "../core/severity.js";
import { decideVerdict, settleLayerStatus } from "./decide-verdict.js";

const policy = { failOn: "high" as Severity, require: ["spec"] };

function layer(
  name: string,
  status: LayerReport["status"],
  extra: Partial<LayerReport> = {},
): LayerReport {
  return { name, status, durationMs: 1, findings: 0, notes: [], ...extra };
}

function finding(severity: Severity): Finding {
  return { id: "x-1", layer: "x", ruleId: "R", severity, title: "t", message: "m" };
}

const criterion = (status: CriterionResult["status"]): CriterionResult => ({
  id: "SPEC-0001/AC-1",
  specId: "SPEC-0001",
  criterion: "AC-1",
  text: "t",
  status,
});

describe("decideVerdict", () => {
  it("passes a clean run", () => {
    expect(decideVerdict([layer("spec", "passed")], [], [], policy)).toEqual({
      outcome: "pass",
      reasons: [],
    });
  });

  it("fails on a finding at the threshold and names the count", () => {
    const verdict = decideVerdict([layer("spec", "failed")], [finding("high")], [], policy);
    expect(verdict.outcome).toBe("fail");
    expect(verdict.reasons[0]).toBe("1 finding at or above high (1 high)");
  });

  it("passes findings below the threshold", () => {
    const verdict = decideVerdict(
      [layer("spec", "passed")],
      [finding("medium"), finding("info")],
      [],
      policy,
    );
    expect(verdict.outcome).toBe("pass");
  });

  it("honours a stricter threshold", () => {
    const verdict = decideVerdict([layer("spec", "passed")], [finding("low")], [], {
      ...policy,
      failOn: "low",
    });
    expect(verdict.outcome).toBe("fail");
  });

  it("fails when a layer errors, even with no findings", () => {
    const verdict = decideVerdict(
      [layer("spec", "passed"), layer("review", "error", { error: "timeout" })],
      [],
      [],
      policy,
    );
    expect(verdict).toEqual({ outcome: "fail", reasons: ["layer review errored: timeout"] });
  });

  it("fails when a required layer is skipped, and never counts a skip as a pass", () => {
    const verdict = decideVerdict(
      [layer("spec", "skipped", { skipReason: "no spec dir" })],
      [],
      [],
      policy,
    );
    expect(verdict.outcome).toBe("fail");
    expect(verdict.reasons).toContain("required layer spec was skipped: no spec dir");
  });

  it("lists optional skipped layers in the reasons of a pass", () => {
    const verdict = decideVerdict(
      [layer("spec", "passed"), layer("review", "skipped", { skipReason: "no model" })],
      [],
      [],
      policy,
    );
    expect(verdict).toEqual({ outcome: "pass", reasons: ["skipped (not checked): review"] });
  });

  it("fails on an unmet acceptance criterion", () => {
    const verdict = decideVerdict([layer("review", "passed")], [], [criterion("not_met")], policy);
    expect(verdict.outcome).toBe("fail");
    expect(verdict.reasons[0]).toContain("SPEC-0001/AC-1");
  });

  it("asks for a human when a layer escalates and nothing fails", () => {
    const verdict = decideVerdict(
      [layer("scope", "passed", { needsHuman: ["touches infra/**"] })],
      [],
      [criterion("unclear")],
      policy,
    );
    expect(verdict).toEqual({ outcome: "needs-human", reasons: ["scope: touches infra/**"] });
  });

  it("prefers fail over needs-human", () => {
    const verdict = decideVerdict(
      [layer("scope", "passed", { needsHuman: ["x"] })],
      [finding("critical")],
      [],
      policy,
    );
    expect(verdict.outcome).toBe("fail");
  });
});

describe("settleLayerStatus", () => {
  it("derives passed/failed from findings against failOn, keeping skip and error", () => {
    expect(settleLayerStatus("failed", [finding("low")], [], "high")).toBe("passed");
    expect(settleLayerStatus("passed", [finding("critical")], [], "high")).toBe("failed");
    expect(settleLayerStatus("skipped", [finding("critical")], [], "high")).toBe("skipped");
    expect(settleLayerStatus("error", [], [], "high")).toBe("error");
    expect(settleLayerStatus("passed", [], [criterion("not_met")], "high")).toBe("failed");
  });
});

describe("decideVerdict with gate.criteria: evidence", () => {
  const strict = {
    ...policy,
    criteria: "evidence" as const,
    evidence: ["evals", "tests", "review"],
  };
  const layers = [layer("spec", "passed"), layer("review", "skipped", { skipReason: "no model" })];

  it("passes only when every criterion is met", () => {
    expect(decideVerdict(layers, [], [criterion("met")], strict).outcome).toBe("pass");
  });

  it("needs a human for an unchecked criterion, and says which evidence would make it a pass", () => {
    const verdict = decideVerdict(layers, [], [criterion("unchecked")], strict);
    expect(verdict.outcome).toBe("needs-human");
    expect(verdict.reasons[0]).toBe(
      "criteria without evidence: SPEC-0001/AC-1 (give each one evidence: an eval scenario with covers: [<id>], or a test named with the criterion's AC id, or a reviewer model (models.reviewer) (skipped in this run))",
    );
  });

  it("needs a human for an unclear criterion, naming it", () => {
    const verdict = decideVerdict(layers, [], [criterion("unclear")], strict);
    expect(verdict).toMatchObject({ outcome: "needs-human" });
    expect(verdict.reasons[0]).toBe("criteria unclear, a person must judge: SPEC-0001/AC-1");
  });

  it("still fails an unmet criterion rather than asking", () => {
    const verdict = decideVerdict(layers, [], [criterion("not_met"), criterion("unclear")], strict);
    expect(verdict.outcome).toBe("fail");
  });

  it("keeps the old behaviour with criteria: any", () => {
    const loose = { ...policy, criteria: "any" as const };
    expect(decideVerdict(layers, [], [criterion("unchecked")], loose).outcome).toBe("pass");
    expect(decideVerdict(layers, [], [criterion("unclear")], loose).outcome).toBe("pass");
  });
});
