import { describe, expect, it } from "vitest";
import type { Report } from "../contract/index.js";
import type { RenderOptions } from "../report/index.js";
import { sampleReport } from "./sample-report.js";

/** A reporter under test: jig's `Reporter`, with any format name. */
export interface ReporterUnderTest {
  format: string;
  render(report: Report, options: RenderOptions): string;
}

export interface ReporterConformanceOptions {
  /**
   * The part of `output` that shows the layer named `layer` (a table row, a
   * JSON object, an XML element). With it, the suite also checks that the
   * skipped layer's own part never reads as passed; without it, only the
   * whole output is checked.
   */
  layerOutput?: (output: string, layer: string) => string;
}

/**
 * The behaviour every reporter must have: pure and deterministic, the report
 * left untouched, a skipped layer shown as skipped with its reason (never as
 * passed), an errored layer shown with its error, and a final newline. jig
 * runs it against its text, markdown, json, sarif and junit reporters.
 *
 * @example
 * import { describeReporterConformance } from "jig/testing";
 * describeReporterConformance(htmlReporter, {
 *   layerOutput: (output, layer) => output.match(new RegExp(`<tr data-layer="${layer}">.*?</tr>`, "s"))?.[0] ?? "",
 * });
 */
export function describeReporterConformance(
  reporter: ReporterUnderTest,
  options: ReporterConformanceOptions = {},
): void {
  const render = (report: Report) => reporter.render(report, { color: false });

  describe(`Reporter conformance: ${reporter.format}`, () => {
    it("is deterministic and does not modify the report", () => {
      const report = sampleReport();
      const first = render(report);
      expect(report).toEqual(sampleReport());
      expect(render(sampleReport())).toBe(first);
    });

    it("shows the skipped layer as skipped, with its reason, never as passed", () => {
      const output = render(sampleReport());
      const review = options.layerOutput ? options.layerOutput(output, "review") : output;
      expect(review).toContain("skipped");
      expect(review).toContain("no reviewer model configured");
      if (options.layerOutput) expect(review).not.toMatch(/passed|"pass"|✓|✅/);
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
      const output = render(report);
      for (const layer of report.layers) expect(output).toContain(`reason for ${layer.name}`);
      expect(output).not.toMatch(/\bpassed\b/);
    });

    it("shows a layer that failed to run with its error", () => {
      const report = sampleReport();
      const errored = report.layers.find((layer) => layer.status === "error");
      expect(errored?.error).toBeDefined();
      expect(render(report)).toContain(errored?.error);
    });

    it("ends with a newline", () => {
      expect(render(sampleReport()).endsWith("\n")).toBe(true);
    });
  });
}
