import { describe, expect, it } from "vitest";
import type { Finding, Severity } from "../core/index.js";
import { SEVERITIES } from "../core/index.js";
import { sampleReport } from "../testing/sample-report.js";
import { MARKDOWN_MAX_BYTES, markdownReporter, renderMarkdown } from "./markdown-reporter.js";

const bytes = (text: string) => Buffer.byteLength(text, "utf8");

function manyFindings(perSeverity: number): Finding[] {
  const findings: Finding[] = [];
  for (const severity of SEVERITIES) {
    for (let index = 0; index < perSeverity; index += 1) {
      findings.push({
        id: `${severity}-${index}`,
        layer: "review",
        ruleId: `FM-${severity.toUpperCase()}-${String(index % 7).padStart(3, "0")}`,
        severity,
        file: `src/module-${index}.ts`,
        line: index + 1,
        title: `Finding ${index} of severity ${severity}`,
        // Multi-byte text, so a character count would under-estimate the size.
        message: `Überprüfung fehlgeschlagen — 検証に失敗しました ${"x".repeat(60)}`,
        suggestion: "Handle the error path.",
      });
    }
  }
  return findings;
}

/** Severity of each findings-table row, in output order. */
function rowSeverities(output: string): Severity[] {
  return output
    .split("\n")
    .map((line) => line.match(/^\| \S+ (critical|high|medium|low|info) \|/)?.[1])
    .filter((severity): severity is Severity => severity !== undefined);
}

describe("markdownReporter", () => {
  it("renders the sample report", () => {
    expect(markdownReporter.render(sampleReport(), { color: false })).toMatchSnapshot();
  });

  it("escapes table-breaking and HTML characters from user text", () => {
    const output = markdownReporter.render(sampleReport(), { color: false });
    expect(output).toContain(
      'AC-3 says "configurable" &amp; &lt;tenant&gt; without saying how \\| where.',
    );
    const report = sampleReport();
    report.findings[0]!.message = "line one\nline two";
    report.findings[0]!.ruleId = "odd`rule";
    const multiline = markdownReporter.render(report, { color: false });
    expect(multiline).toContain("line one<br>line two");
    expect(multiline).toContain("``odd`rule``");
  });

  it("is not truncated when it fits", () => {
    const output = markdownReporter.render(sampleReport(), { color: false });
    expect(output).not.toContain("Truncated");
    expect(rowSeverities(output)).toEqual(["critical", "high", "medium", "low", "info"]);
  });

  it("stays under 60 KB with thousands of findings, dropping the mildest and saying how many", () => {
    const report = sampleReport();
    report.findings = manyFindings(1000);
    const full = renderMarkdown(report, Number.MAX_SAFE_INTEGER);
    expect(bytes(full)).toBeGreaterThan(MARKDOWN_MAX_BYTES * 10);

    const output = markdownReporter.render(report, { color: false });
    expect(bytes(output)).toBeLessThanOrEqual(MARKDOWN_MAX_BYTES);
    // Nearly full: truncation does not throw away more than it must.
    expect(bytes(output)).toBeGreaterThan(MARKDOWN_MAX_BYTES - 1024);

    const kept = rowSeverities(output);
    const notice = output.match(
      /⚠️ \*\*Truncated:\*\* (\d+) of 5000 findings \((\d+\.\d) KB\) were left out/,
    );
    expect(notice).not.toBeNull();
    expect(Number(notice![1])).toBe(5000 - kept.length);
    expect(Number(notice![2])).toBeGreaterThan(500);
    // The worst findings are kept, the mildest dropped.
    expect(kept.slice(0, 5)).toEqual(["critical", "critical", "critical", "critical", "critical"]);
    expect(kept).not.toContain("info");
    // Layers, criteria and the verdict survive truncation.
    expect(output).toContain("| review | ⏭️ skipped |");
    expect(output).toContain("### Acceptance criteria");
    expect(output).toContain("## ❌ jig: fail");
  });

  it("honours a smaller budget", () => {
    const report = sampleReport();
    report.findings = manyFindings(20);
    const output = renderMarkdown(report, 8 * 1024);
    expect(bytes(output)).toBeLessThanOrEqual(8 * 1024);
    expect(output).toMatch(/Truncated:\*\* \d+ of 100 findings/);
  });

  it("cuts the whole text as a last resort when even criteria overflow the budget", () => {
    const report = sampleReport();
    report.criteria = Array.from({ length: 3000 }, (_, index) => ({
      id: `SPEC-0007/AC-${index + 1}`,
      specId: "SPEC-0007",
      criterion: `AC-${index + 1}`,
      text: `Criterion ${index + 1}: given a request, then the answer is 200 — ✓`,
      status: "met" as const,
    }));
    const output = markdownReporter.render(report, { color: false });
    expect(bytes(output)).toBeLessThanOrEqual(MARKDOWN_MAX_BYTES);
    expect(output).toContain("this report was cut to stay under the size limit");
    expect(output).not.toContain("\uFFFD");
  });
});

describe("markdown on a needs-human report", () => {
  it("opens with a checklist of what a person must decide", () => {
    const report = sampleReport();
    report.verdict = { outcome: "needs-human", reasons: ["x"] };
    report.decisions = [
      {
        kind: "governance",
        summary: "JIG-T001: edits | the config",
        location: "jig.config.yaml:2",
      },
    ];
    const output = renderMarkdown(report, MARKDOWN_MAX_BYTES);
    expect(output).toContain(
      "### What a person must decide\n\n- [ ] JIG-T001: edits \\| the config — `jig.config.yaml:2`\n",
    );
    expect(output.indexOf("What a person must decide")).toBeLessThan(output.indexOf("### Layers"));
  });
});
