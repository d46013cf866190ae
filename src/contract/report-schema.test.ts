import { describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import { sampleReport } from "../testing/sample-report.js";
import type { LayerResult } from "./layer-result.js";
import type { Report } from "./report.js";
import { layerResultSchema, reportSchema } from "./report-schema.js";

/** zod marks optional outputs `T | undefined`; our interfaces use exact optionals. */
type Defined<T> = T extends readonly (infer U)[]
  ? Defined<U>[]
  : T extends object
    ? { [K in keyof T]: Defined<Exclude<T[K], undefined>> }
    : T;

describe("jig.report/v1 schema", () => {
  it("describes exactly the Report type", () => {
    expectTypeOf<Defined<z.output<typeof reportSchema>>>().toEqualTypeOf<Defined<Report>>();
  });

  it("accepts a real report and rejects one with an unknown field or a bad status", () => {
    const report = sampleReport();
    expect(reportSchema.safeParse(report).success).toBe(true);
    expect(reportSchema.safeParse({ ...report, extra: 1 }).success).toBe(false);
    const layers = report.layers.map((layer) => ({ ...layer, status: "ok" }));
    expect(reportSchema.safeParse({ ...report, layers }).success).toBe(false);
  });
});

describe("the LayerResult schema", () => {
  it("describes exactly the LayerResult type", () => {
    expectTypeOf<Defined<z.output<typeof layerResultSchema>>>().toEqualTypeOf<
      Defined<LayerResult>
    >();
  });

  it("requires a reason when skipped and a message when in error", () => {
    const ok = { status: "skipped", findings: [], notes: [], skipReason: "no model" };
    expect(layerResultSchema.safeParse(ok).success).toBe(true);
    const issues = (value: unknown) =>
      layerResultSchema.safeParse(value).error?.issues.map((issue) => issue.path.join("."));
    expect(issues({ status: "skipped", findings: [], notes: [] })).toEqual(["skipReason"]);
    expect(issues({ status: "error", findings: [], notes: [], error: " " })).toEqual(["error"]);
    expect(issues({ status: "passed", findings: [{ ruleId: "X" }], notes: [] })).toEqual([
      "findings.0.severity",
      "findings.0.title",
      "findings.0.message",
    ]);
  });
});
