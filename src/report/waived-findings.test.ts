import { describe, expect, it } from "vitest";
import { waivedReport } from "./__fixtures__/waived-report.js";
import { junitReporter } from "./junit-reporter.js";
import { markdownReporter } from "./markdown-reporter.js";
import { textReporter } from "./text-reporter.js";

describe("waived findings in the reports", () => {
  it("text prints each fingerprint and marks WAIVED with reason, owner and expiry", () => {
    const text = textReporter.render(waivedReport(), { color: false });
    for (const digit of ["0", "1", "2", "3", "4"]) expect(text).toContain(digit.repeat(16));
    expect(text).toContain("Findings (5, 1 waived)");
    expect(text).toContain(
      "WAIVED until 2027-01-31 (owner Dana <dana@example.com>): the word is defined in the glossary",
    );
    expect(text).toContain(
      "waiver EXPIRED on 2026-11-30, the finding counts again: auth/login is ours too",
    );
  });

  it("markdown lists waived findings in their own section, out of the findings table", () => {
    const markdown = markdownReporter.render(waivedReport(), { color: false });
    const [findings, waived] = markdown.split("### Waived findings (1)");
    expect(waived).toBeDefined();
    expect(findings).toContain("### Findings (4)");
    expect(findings).not.toContain("Vague word in criterion");
    expect(findings).toContain("waiver expired on 2026-11-30");
    expect(waived).toMatch(
      /\| `JIG-S004` \| `specs\/SPEC-0007-session-timeout.md:14`<br>`1111111111111111` \| \*\*Vague word in criterion\*\* \| the word is defined in the glossary \(until 2027-01-31, owner Dana &lt;dana@example.com&gt;\) \|/,
    );
  });

  it("JUnit gives each waived finding a skipped testcase and leaves it out of its layer's failure", () => {
    const xml = junitReporter.render(waivedReport(), { color: false });
    expect(xml).toMatch(
      /<testcase classname="jig.waived" name="JIG-S004 specs\/SPEC-0007-session-timeout.md:14 1111111111111111" time="0.000">\n\s+<skipped message="waived until 2027-01-31, owner Dana &lt;dana@example.com&gt;: the word is defined in the glossary"\/>/,
    );
    const specCase = /<testcase classname="jig.layer" name="spec"[\s\S]*?<\/testcase>/.exec(
      xml,
    )?.[0];
    expect(specCase).toBeDefined();
    expect(specCase).not.toContain("Vague word in criterion");
    expect(xml).toContain("Waiver expired on 2026-11-30, so it counts again");
  });
});
