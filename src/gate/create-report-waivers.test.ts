import { describe, expect, it } from "vitest";
import { defaultConfig } from "../config/config-schema.js";
import type { LayerReport } from "../contract/index.js";
import type { Change } from "../core/change.js";
import type { Finding } from "../core/finding.js";
import type { WaiverSet } from "../waivers/apply-waivers.js";
import { createReport } from "./create-report.js";

const CHANGE: Change = {
  base: "a".repeat(40),
  head: "b".repeat(40),
  baseRef: "main",
  headRef: "HEAD",
  workingTree: false,
  files: [],
  commits: [],
};

const SQL: Finding = {
  id: "failure-models-1",
  layer: "failure-models",
  ruleId: "FM-SQL-001",
  severity: "high",
  file: "src/users.js",
  line: 12,
  title: "SQL by concatenation",
  message: "m",
  fingerprint: "0123456789abcdef",
};

const LAYER: LayerReport = {
  name: "failure-models",
  status: "failed",
  durationMs: 1,
  findings: 1,
  notes: [],
};

function report(waivers: WaiverSet, day: string, extra: Finding[] = []) {
  const config = defaultConfig();
  config.gate.criteria = "any";
  return createReport({
    runId: "r1",
    startedAt: new Date(`${day}T10:00:00Z`),
    finishedAt: new Date(`${day}T10:00:01Z`),
    jigVersion: "0.0.0",
    range: {
      base: CHANGE.base,
      head: CHANGE.head,
      baseRef: "main",
      headRef: "HEAD",
      workingTree: false,
      description: "main...HEAD",
    },
    change: CHANGE,
    config,
    citation: { others: [], problems: [] },
    gate: { layers: [LAYER], findings: [SQL, ...extra], criteria: [] },
    waivers,
  });
}

const waivers = (expires: string): WaiverSet => ({
  waivers: [{ fingerprint: SQL.fingerprint ?? "", reason: "a fixture", expires }],
  label: "jig.waivers.yaml@1234567",
});

describe("createReport with waivers", () => {
  it("passes a change whose only blocking finding a person waived, keeping it in the report", () => {
    const result = report(waivers("2027-01-31"), "2027-01-01");
    expect(result.verdict.outcome).toBe("pass");
    expect(result.findings).toEqual([
      { ...SQL, waiver: expect.objectContaining({ reason: "a fixture", expires: "2027-01-31" }) },
    ]);
    expect(result.layers[0]?.status).toBe("passed");
  });

  it("fails again once the waiver expired, and says so", () => {
    const result = report(waivers("2026-12-31"), "2027-01-01");
    expect(result.verdict.outcome).toBe("fail");
    expect(result.verdict.reasons.join("\n")).toMatch(
      /waiver expired for FM-SQL-001 \(0123456789abcdef, 2026-12-31\)/,
    );
    expect(result.findings[0]?.waiver?.expired).toBe(true);
    expect(result.layers[0]?.status).toBe("failed");
  });

  it("a needs-human brief names a matched waiver that expires within 14 days", () => {
    const asking: Finding = {
      id: "integrity-1",
      layer: "integrity",
      ruleId: "JIG-T001",
      severity: "critical",
      title: "The change edits jig.config.yaml",
      message: "m",
      needsHuman: true,
    };
    const result = report(waivers("2027-01-10"), "2027-01-01", [asking]);
    expect(result.verdict.outcome).toBe("needs-human");
    expect(result.decisions).toContainEqual({
      kind: "waiver",
      summary: expect.stringMatching(/waiver 0123456789abcdef expires in 9 days, on 2027-01-10/),
      location: "jig.waivers.yaml",
    });
    const later = report(waivers("2027-06-30"), "2027-01-01", [asking]);
    expect(later.decisions?.some((decision) => decision.kind === "waiver")).toBe(false);
  });
});
