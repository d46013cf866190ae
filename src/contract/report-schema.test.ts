import { describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import { sampleReport } from "../report/__fixtures__/sample-report.js";
import type { Report } from "./report.js";
import { reportSchema } from "./report-schema.js";

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
