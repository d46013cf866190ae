import { describe, expect, it } from "vitest";
import { sampleReport } from "../testing/sample-report.js";
import { textReporter } from "./text-reporter.js";

const ANSI = /\u001b\[[0-9;]*m/;

describe("textReporter", () => {
  it("renders the sample report", () => {
    expect(textReporter.render(sampleReport(), { color: false })).toMatchSnapshot();
  });

  it("has no ANSI codes when color is off and has them when on", () => {
    const plain = textReporter.render(sampleReport(), { color: false });
    const colored = textReporter.render(sampleReport(), { color: true });
    expect(plain).not.toMatch(ANSI);
    expect(colored).toMatch(ANSI);
    expect(colored.replace(new RegExp(ANSI.source, "g"), "")).toBe(plain);
  });

  it("names the command that made the report in its header", () => {
    expect(textReporter.render(sampleReport(), { color: false })).toMatch(/^jig check run /);
    const review = textReporter.render(sampleReport(), { color: false, title: "jig review" });
    expect(review).toMatch(/^jig review run /);
  });

  it("shows the range, change stats, every layer status, findings and the verdict", () => {
    const output = textReporter.render(sampleReport(), { color: false });
    expect(output).toContain("main...HEAD (merge-base 1a2b3c4) + uncommitted changes");
    expect(output).toContain("4 files, +87 -12, 2 commits");
    expect(output).toMatch(/○ review\s+skipped — no reviewer model configured/);
    expect(output).toMatch(/! failure-models\s+error — catalog \.jig\/failures\.yaml:3:5/);
    expect(output).toMatch(/✓ scope\s+passed/);
    expect(output).toMatch(/✗ spec\s+failed/);
    expect(output).toContain("specs/SPEC-0007-session-timeout.md:14  JIG-S004  Vague word");
    expect(output).toContain("→ Name the setting");
    expect(output).toMatch(/Verdict: FAIL\n {2}- holdout: 1 critical finding/);
    // Worst first: the critical group comes before the info group.
    expect(output.indexOf("critical (1)")).toBeLessThan(output.indexOf("info (1)"));
  });

  it("says so when there are no findings and the gate passed", () => {
    const report = sampleReport();
    report.findings = [];
    report.criteria = [];
    report.verdict = { outcome: "pass", reasons: [] };
    const output = textReporter.render(report, { color: false });
    expect(output).toContain("Findings none");
    expect(output).toContain("Verdict: PASS");
    expect(output).not.toContain("Acceptance criteria");
  });
});

describe("textReporter on a needs-human report", () => {
  const report = () => {
    const sample = sampleReport();
    sample.verdict = {
      outcome: "needs-human",
      reasons: ["criteria without evidence: SPEC-0007/AC-2"],
    };
    sample.decisions = [
      {
        kind: "criterion",
        summary: "SPEC-0007/AC-2 has no evidence: t",
        location: "specs/x.md AC-2",
      },
      { kind: "escalation", summary: "review: budget" },
    ];
    sample.criteria = [
      {
        id: "SPEC-0007/AC-1",
        specId: "SPEC-0007",
        criterion: "AC-1",
        text: "t",
        status: "not_met",
        sources: [
          { kind: "tests", status: "met", detail: "2 tests passed" },
          { kind: "review", status: "not_met", detail: "the timeout is never reset" },
        ],
      },
    ];
    return sample;
  };

  it("opens with what a person must decide, one line each, before the layers", () => {
    const output = textReporter.render(report(), { color: false });
    const brief = output.indexOf("What a person must decide");
    expect(brief).toBeGreaterThan(0);
    expect(brief).toBeLessThan(output.indexOf("Layers"));
    expect(output).toContain("  ? SPEC-0007/AC-2 has no evidence: t (specs/x.md AC-2)\n");
    expect(output).toContain("  ? review: budget\n");
  });

  it("shows every source of a criterion when they disagree", () => {
    const output = textReporter.render(report(), { color: false });
    expect(output).toContain("      tests: met, 2 tests passed\n");
    expect(output).toContain("      review: not met, the timeout is never reset\n");
  });

  it("has no brief on a pass or fail", () => {
    expect(textReporter.render(sampleReport(), { color: false })).not.toContain(
      "What a person must decide",
    );
  });
});
