import { describe, expect, it } from "vitest";
import { sampleReport } from "../testing/sample-report.js";
import { jsonReporter } from "./json-reporter.js";

describe("jsonReporter", () => {
  it("prints the report document with the schema first", () => {
    const output = jsonReporter.render(sampleReport(), { color: false });
    expect(output.startsWith('{\n  "schema": "jig.report/v1",\n')).toBe(true);
    expect(JSON.parse(output)).toEqual(sampleReport());
  });

  it("keeps schema first even when the object was built in another key order", () => {
    const { schema, ...rest } = sampleReport();
    const reordered = { ...rest, schema };
    const output = jsonReporter.render(reordered, { color: false });
    expect(Object.keys(JSON.parse(output))[0]).toBe("schema");
  });

  it("renders the sample report", () => {
    expect(jsonReporter.render(sampleReport(), { color: false })).toMatchSnapshot();
  });
});
