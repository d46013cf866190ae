import { describe, expect, it } from "vitest";
import { sampleReport } from "../testing/sample-report.js";
import { junitReporter } from "./junit-reporter.js";

function testcases(xml: string): string[] {
  return xml.match(/<testcase [\s\S]*?(?:\/>|<\/testcase>)/g) ?? [];
}

function testcase(xml: string, name: string): string {
  return testcases(xml).find((item) => item.includes(`name="${name}"`)) ?? "";
}

describe("junitReporter", () => {
  it("renders the sample report", () => {
    expect(junitReporter.render(sampleReport(), { color: false })).toMatchSnapshot();
  });

  it("has one testcase per layer, per criterion, and the verdict, with matching counts", () => {
    const xml = junitReporter.render(sampleReport(), { color: false });
    const cases = testcases(xml);
    expect(cases).toHaveLength(5 + 4 + 1);
    const failures = cases.filter((item) => item.includes("<failure")).length;
    const errors = cases.filter((item) => item.includes("<error")).length;
    const skipped = cases.filter((item) => item.includes("<skipped")).length;
    // spec, holdout, AC-2, AC-3 and the verdict fail; failure-models errors; review and AC-4 skip.
    expect([failures, errors, skipped]).toEqual([5, 1, 2]);
    expect(xml).toContain(
      `<testsuite name="jig" tests="10" failures="5" errors="1" skipped="2" time="1.234"`,
    );
  });

  it("maps each layer status to the JUnit element CI reporters understand", () => {
    const xml = junitReporter.render(sampleReport(), { color: false });
    expect(testcase(xml, "review")).toContain(
      '<skipped message="no reviewer model configured (set models.reviewer in jig.config.yaml)"/>',
    );
    expect(testcase(xml, "failure-models")).toContain(
      '<error message="catalog .jig/failures.yaml:3:5: unexpected token" type="layer-error">',
    );
    const spec = testcase(xml, "spec");
    expect(spec).toContain('<failure message="spec failed with 2 findings"');
    expect(spec).toContain(
      "[high] (whole change) SPEC-0007/AC-2: Acceptance criterion AC-2 is not covered",
    );
    expect(spec).toContain("[medium] specs/SPEC-0007-session-timeout.md:14 JIG-S004");
    expect(testcase(xml, "scope")).not.toMatch(/<failure|<error|<skipped/);
    expect(testcase(xml, "scope")).toContain("<system-out>[low] src/auth/login.ts:88");
    expect(testcase(xml, "scope")).toContain('time="0.008"');
  });

  it("maps criterion statuses: met passes, not_met and unclear fail, unchecked skips", () => {
    const xml = junitReporter.render(sampleReport(), { color: false });
    const criterion = (id: string) =>
      testcases(xml).find((item) => item.includes(`classname="spec.SPEC-0007" name="${id}:`)) ?? "";
    expect(criterion("AC-1")).not.toMatch(/<failure|<error|<skipped/);
    expect(criterion("AC-2")).toContain('type="not_met"');
    expect(criterion("AC-3")).toContain(
      '<failure message="unclear: config key exists but &lt;tenant&gt;',
    );
    expect(criterion("AC-4")).toContain('<skipped message="not checked by any layer"/>');
  });

  it("passes the verdict testcase only when the gate passed", () => {
    const report = sampleReport();
    expect(testcase(junitReporter.render(report, { color: false }), "verdict")).toContain(
      '<failure message="fail: holdout: 1 critical finding (failOn: high)" type="fail">',
    );
    report.verdict = { outcome: "pass", reasons: [] };
    expect(testcase(junitReporter.render(report, { color: false }), "verdict")).toBe(
      '<testcase classname="jig.gate" name="verdict" time="0.000"/>',
    );
  });

  it("escapes markup and strips characters XML cannot carry", () => {
    const report = sampleReport();
    report.layers[3]!.error = `bad "token" <x> & 'y'\u0000\u0007\u001b[31m\nnext line \uD800 😀`;
    const xml = junitReporter.render(report, { color: false });
    const failureModels = testcase(xml, "failure-models");
    expect(failureModels).toContain(
      'message="bad &quot;token&quot; &lt;x&gt; &amp; &apos;y&apos;[31m&#10;next line  😀"',
    );
    expect(failureModels).toContain(
      ">bad \"token\" &lt;x&gt; &amp; 'y'[31m\nnext line  😀</error>",
    );
    // No character outside XML 1.0's Char production survives anywhere.
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    expect(xml).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
