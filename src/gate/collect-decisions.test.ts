import { describe, expect, it } from "vitest";
import type { CriterionResult, LayerReport } from "../contract/index.js";
import type { Finding } from "../core/finding.js";
import { collectDecisions } from "./collect-decisions.js";

const layer = (name: string, extra: Partial<LayerReport> = {}): LayerReport => ({
  name,
  status: "passed",
  durationMs: 1,
  findings: 0,
  notes: [],
  ...extra,
});

const criterion = (
  id: string,
  status: CriterionResult["status"],
  evidence?: string,
): CriterionResult => ({
  id: `SPEC-0001/${id}`,
  specId: "SPEC-0001",
  criterion: id,
  text: `text of ${id}`,
  status,
  ...(evidence ? { evidence } : {}),
});

describe("collectDecisions", () => {
  it("lists governance findings with their location, standing for their layer's summary", () => {
    const finding: Finding = {
      id: "integrity-1",
      layer: "integrity",
      ruleId: "JIG-T001",
      severity: "critical",
      title: "The change edits jig.config.yaml",
      message: "m",
      file: "jig.config.yaml",
      line: 3,
      needsHuman: true,
    };
    const decisions = collectDecisions({
      layers: [layer("integrity", { needsHuman: ["the change touches governance"] })],
      findings: [finding],
      criteria: [],
      criteriaNeedEvidence: true,
    });
    expect(decisions).toEqual([
      {
        kind: "governance",
        summary: "JIG-T001: The change edits jig.config.yaml",
        location: "jig.config.yaml:3",
      },
    ]);
  });

  it("lists a layer's escalation when no finding locates it", () => {
    const decisions = collectDecisions({
      layers: [layer("review", { needsHuman: ["12 changed line(s) were too large"] })],
      findings: [],
      criteria: [],
      criteriaNeedEvidence: true,
    });
    expect(decisions).toEqual([
      { kind: "escalation", summary: "review: 12 changed line(s) were too large" },
    ]);
  });

  it("lists unclear criteria with the reviewer's question and unchecked ones with their text", () => {
    const decisions = collectDecisions({
      layers: [],
      findings: [],
      criteria: [
        criterion("AC-1", "met", "3/3 eval runs passed"),
        criterion("AC-2", "unclear", "Does a\n partial refund count?"),
        criterion("AC-3", "unchecked"),
      ],
      criteriaNeedEvidence: true,
      specPath: "specs/SPEC-0001-refunds.md",
    });
    expect(decisions).toEqual([
      {
        kind: "criterion",
        summary: "SPEC-0001/AC-2 is unclear: Does a partial refund count?",
        location: "specs/SPEC-0001-refunds.md AC-2",
      },
      {
        kind: "criterion",
        summary: "SPEC-0001/AC-3 has no evidence: text of AC-3",
        location: "specs/SPEC-0001-refunds.md AC-3",
      },
    ]);
  });

  it("leaves criteria out when they need no evidence (gate.criteria: any)", () => {
    const decisions = collectDecisions({
      layers: [],
      findings: [],
      criteria: [criterion("AC-3", "unchecked")],
      criteriaNeedEvidence: false,
    });
    expect(decisions).toEqual([]);
  });
});
