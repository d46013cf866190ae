import { describe, expect, it } from "vitest";
import type { Report } from "../contract/index.js";
import { reportSchema } from "../contract/report-schema.js";
import { sampleReport } from "../testing/sample-report.js";
import { jsonReporter } from "./json-reporter.js";
import { markdownReporter } from "./markdown-reporter.js";
import { sarifReporter } from "./sarif-reporter.js";
import { textReporter } from "./text-reporter.js";

function withMerge(decision: "auto" | "human", reason: string): Report {
  return {
    ...sampleReport(),
    merge: {
      decision,
      reason,
      agents: ["coder"],
      domains: [
        { agent: "coder", domain: "auth", mode: "supervised", source: "autonomy.yaml classes[0]" },
      ],
    },
  };
}

describe("the merge field in every format", () => {
  const report = withMerge("human", "verdict fail; auth is supervised for coder");
  const options = { color: false };

  it("is valid jig.report/v1, and JSON carries it whole for a CI job to read", () => {
    expect(reportSchema.safeParse(report).success).toBe(true);
    const bad = { ...report, merge: { ...report.merge, decision: "maybe" } };
    expect(reportSchema.safeParse(bad).success).toBe(false);
    expect(JSON.parse(jsonReporter.render(report, options)).merge).toEqual(report.merge);
  });

  it("is one line in markdown, after the policy, and one line in text, after the verdict", () => {
    const markdown = markdownReporter.render(report, options);
    expect(markdown).toContain(
      "or worse; required layers: `spec`  \n**Merge:** human — verdict fail; auth is supervised for coder\n",
    );
    const text = textReporter.render(report, options);
    expect(text.trimEnd().split("\n").at(-1)).toBe(
      "Merge: human — verdict fail; auth is supervised for coder",
    );
  });

  it("is in SARIF's run properties, and absent everywhere when the report has none", () => {
    const sarif = JSON.parse(sarifReporter.render(report, options));
    expect(sarif.runs[0].properties.merge).toEqual(report.merge);
    const none = sampleReport();
    expect(
      JSON.parse(sarifReporter.render(none, options)).runs[0].properties.merge,
    ).toBeUndefined();
    expect(markdownReporter.render(none, options)).not.toContain("**Merge:**");
    expect(textReporter.render(none, options)).not.toContain("Merge:");
  });
});
