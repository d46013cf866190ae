import { describe, expect, it } from "vitest";
import type { Report } from "../contract/index.js";
import { UsageError } from "../core/index.js";
import { describeReporterConformance } from "../testing/describe-reporter-conformance.js";
import { getReporter, isReportFormat, REPORT_FORMATS } from "./index.js";

/** The part of each format's output that shows one layer. */
function layerOutput(format: string, output: string, layer: string): string {
  switch (format) {
    case "text":
      return (
        output.split("\n").find((line) => new RegExp(`^\\s+\\S+ ${layer}\\s`).test(line)) ?? ""
      );
    case "markdown":
      return output.split("\n").find((line) => line.startsWith(`| ${layer} |`)) ?? "";
    case "json": {
      const layers = (JSON.parse(output) as Report).layers;
      return JSON.stringify(layers.find((entry) => entry.name === layer));
    }
    case "sarif": {
      const run = JSON.parse(output).runs[0];
      return JSON.stringify(
        run.properties.layers.find((entry: { name: string }) => entry.name === layer),
      );
    }
    case "junit":
      return (
        output.match(
          new RegExp(`<testcase classname="jig\\.layer" name="${layer}"[\\s\\S]*?</testcase>`),
        )?.[0] ?? ""
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

// Every built-in reporter is held to the same suite a third-party reporter runs.
for (const format of REPORT_FORMATS) {
  describeReporterConformance(getReporter(format), {
    layerOutput: (output, layer) => layerOutput(format, output, layer),
  });
}
