import { describe, expect, it } from "vitest";
import type { Report } from "../contract/index.js";
import { UsageError } from "../core/index.js";
import { sampleReport } from "./__fixtures__/sample-report.js";
import { getReporter, isReportFormat, REPORT_FORMATS } from "./index.js";

/** How each format shows the `review` layer, which the fixture skips. */
function reviewLayerOutput(format: string, output: string): string {
  switch (format) {
    case "text":
      return output.split("\n").find((line) => /^\s+\S+ review\s/.test(line)) ?? "";
    case "markdown":
      return output.split("\n").find((line) => line.startsWith("| review |")) ?? "";
    case "json": {
      const layers = (JSON.parse(output) as Report).layers;
      return JSON.stringify(layers.find((layer) => layer.name === "review"));
    }
    case "sarif": {
      const run = JSON.parse(output).runs[0];
      return JSON.stringify(
        run.properties.layers.find((layer: { name: string }) => layer.name === "review"),
      );
    }
    case "junit":
      return (
        output.match(/<testcase classname="jig\.layer" name="review"[\s\S]*?<\/testcase>/)?.[0] ??
        ""
      );
    default:
      throw new Error(`no extractor for ${format}`);
  }
}

describe("getReporter", () => {
  it("returns a reporter for every listed format", () => {
    for (const format of REPORT_FORMATS) {
      expect(getReporter(format).format).toBe(format);
    }
  });

  it("rejects an unknown format with a usage error naming the valid ones", () => {
    expect(() => getReporter("html")).toThrow(UsageError);
    expect(() => getReporter("html")).toThrow(
      'unknown report format "html"; use one of: text, markdown, json, sarif, junit',
    );
    expect(isReportFormat("html")).toBe(false);
    expect(isReportFormat("sarif")).toBe(true);
  });
});

describe.each(REPORT_FORMATS)("the %s reporter", (format) => {
  const reporter = getReporter(format);

  it("is deterministic and does not modify the report", () => {
    const report = sampleReport();
    const first = reporter.render(report, { color: false });
    expect(report).toEqual(sampleReport());
    expect(reporter.render(sampleReport(), { color: false })).toBe(first);
  });

  it("shows the skipped layer as skipped, with its reason, never as passed", () => {
    const output = reporter.render(sampleReport(), { color: false });
    const review = reviewLayerOutput(format, output);
    expect(review).toContain("skipped");
    expect(review).toContain("no reviewer model configured");
    expect(review).not.toMatch(/passed|"pass"|✓|✅/);
  });

  it("shows a skipped layer as skipped even when every layer was skipped", () => {
    const report = sampleReport();
    report.layers = report.layers.map((layer) => ({
      name: layer.name,
      status: "skipped",
      skipReason: `reason for ${layer.name}`,
      durationMs: 0,
      findings: 0,
      notes: [],
    }));
    report.findings = [];
    const output = reporter.render(report, { color: false });
    for (const layer of report.layers) expect(output).toContain(`reason for ${layer.name}`);
    expect(output).not.toMatch(/\bpassed\b/);
  });

  it("ends with a newline", () => {
    expect(reporter.render(sampleReport(), { color: false }).endsWith("\n")).toBe(true);
  });
});
