import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Report } from "../contract/index.js";
import { sampleReport } from "../testing/sample-report.js";
import { waivedReport } from "./__fixtures__/waived-report.js";
import { FINGERPRINT_KEY, fingerprint, SARIF_SCHEMA_URI, sarifReporter } from "./sarif-reporter.js";

// The npm package's index resolves the platform binary. Its `.bin` wrapper
// runs through a shell, which splits `Gh;Sarif` at the `;`, so call it directly.
const VALIDATOR: string = createRequire(import.meta.url)("@microsoft/sarif-multitool");

const workDir = mkdtempSync(join(tmpdir(), "jig-sarif-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

interface ValidationIssue {
  level: string;
  ruleId: string;
  text: string;
}

/**
 * Runs Microsoft's SARIF validator with GitHub's rules and returns what it
 * reported. It exits 0 even when it finds errors, so the verdict is read from
 * the SARIF log it writes with `--output`.
 */
function validate(name: string, content: string): ValidationIssue[] {
  const input = join(workDir, `${name}.sarif`);
  const output = join(workDir, `${name}.validation.sarif`);
  writeFileSync(input, content);
  execFileSync(
    VALIDATOR,
    ["validate", input, "--rule-kind", "Gh;Sarif", "--output", output, "--log", "ForceOverwrite"],
    { stdio: "pipe", timeout: 60_000 },
  );
  const log = JSON.parse(readFileSync(output, "utf8"));
  const run = log.runs[0];
  const issues: ValidationIssue[] = [];
  for (const result of run.results ?? []) {
    issues.push({
      // SARIF's default level is "warning" when a result omits it.
      level: result.level ?? "warning",
      ruleId: result.ruleId,
      text: JSON.stringify(result.message.arguments ?? result.message.text),
    });
  }
  for (const invocation of run.invocations ?? []) {
    for (const notification of invocation.toolExecutionNotifications ?? []) {
      issues.push({
        level: notification.level ?? "warning",
        ruleId: "tool",
        text: notification.message.text,
      });
    }
  }
  return issues;
}

const atLeast = (level: "error" | "warning") => (issue: ValidationIssue) =>
  issue.level === "error" || (level === "warning" && issue.level === "warning");

function render(report: Report = sampleReport()) {
  const output = sarifReporter.render(report, { color: false });
  return { output, log: JSON.parse(output) };
}

describe("sarifReporter against Microsoft's validator", () => {
  it("passes `validate --rule-kind Gh;Sarif` with no errors or warnings", () => {
    const issues = validate("sample", render().output);
    expect(issues.filter(atLeast("warning"))).toEqual([]);
  });

  it("passes with no spec and no changed paths, and with awkward paths", () => {
    const report = sampleReport();
    delete report.spec;
    report.change.paths = [];
    report.findings[2]!.file = "src/dir with space/ü#1.ts";
    report.findings[2]!.line = 0;
    const issues = validate("no-spec", render(report).output);
    expect(issues.filter(atLeast("warning"))).toEqual([]);
  });

  it("would catch a broken log: the validator reports errors for one", () => {
    const { log } = render();
    delete log.runs[0].results[0].locations;
    log.runs[0].results[1].locations[0].physicalLocation.region.startLine = 0;
    log.$schema = "https://example.com/not-sarif.json";
    const errors = validate("broken", JSON.stringify(log)).filter(atLeast("error"));
    const ruleIds = errors.map((issue) => issue.ruleId);
    expect(ruleIds).toContain("GH1011");
    expect(ruleIds).toContain("GH1015");
    expect(ruleIds).toContain("JSON1008");
  });
});

describe("sarifReporter", () => {
  it("renders the sample report", () => {
    expect(render().output).toMatchSnapshot();
  });

  it("declares the final 2.1.0 schema and one jig run with described rules", () => {
    const { log } = render();
    expect(log.$schema).toBe(SARIF_SCHEMA_URI);
    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver).toMatchObject({ name: "jig", version: "0.1.0" });
    expect(driver.rules.map((rule: { id: string }) => rule.id)).toEqual([
      "JIG-A002",
      "JIG-A003",
      "JIG-S004",
      "JIG-T001",
      "SPEC-0007/AC-2",
    ]);
    for (const rule of driver.rules) {
      expect(rule.shortDescription.text).not.toBe("");
      expect(rule.fullDescription.text).not.toBe("");
      expect(rule.help.text).not.toBe("");
      expect(rule.properties.tags).toContain("jig");
    }
  });

  it("describes JIG rules from the rule registry and other ids from their worst finding", () => {
    const report = sampleReport();
    report.findings = [
      {
        id: "spec-1",
        layer: "spec",
        ruleId: "JIG-G001",
        severity: "high",
        title: "A title only this finding has",
        message: "m",
      },
      {
        id: "failure-models-1",
        layer: "failure-models",
        ruleId: "FM-SQL-001",
        severity: "high",
        file: "src/db.ts",
        line: 3,
        title: "SQL built by string concatenation",
        message: "m",
        suggestion: "Use bound parameters.",
      },
    ];
    const rules = render(report).log.runs[0].tool.driver.rules;
    expect(rules[0]).toMatchObject({
      id: "FM-SQL-001",
      shortDescription: { text: "SQL built by string concatenation." },
      help: { text: "Use bound parameters." },
    });
    expect(rules[1]).toMatchObject({
      id: "JIG-G001",
      shortDescription: { text: "No spec cited." },
      help: { text: expect.stringContaining("Add a 'Spec: SPEC-NNNN' trailer") },
    });
  });

  it("maps severities to levels and points ruleIndex at the matching rule", () => {
    const { log } = render();
    const run = log.runs[0];
    const levels = Object.fromEntries(
      run.results.map((result: { properties: { severity: string }; level: string }) => [
        result.properties.severity,
        result.level,
      ]),
    );
    expect(levels).toEqual({
      critical: "error",
      high: "error",
      medium: "warning",
      low: "note",
      info: "note",
    });
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    }
  });

  it("gives every result a repo-relative location, anchoring fileless findings to the spec", () => {
    const { log } = render();
    for (const result of log.runs[0].results) {
      const location = result.locations[0].physicalLocation;
      expect(location.artifactLocation.uri).not.toMatch(/^\/|^[a-z]+:/i);
      expect(location.artifactLocation.uriBaseId).toBe("%SRCROOT%");
      expect(location.region.startLine).toBeGreaterThanOrEqual(1);
    }
    const fileless = log.runs[0].results.filter(
      (result: { properties: { anchored?: boolean } }) => result.properties.anchored,
    );
    expect(fileless).toHaveLength(2);
    for (const result of fileless) {
      expect(result.locations[0].physicalLocation).toEqual({
        artifactLocation: { uri: "specs/SPEC-0007-session-timeout.md", uriBaseId: "%SRCROOT%" },
        region: { startLine: 1 },
      });
    }
  });

  it("anchors fileless findings to the first changed file when no spec is cited", () => {
    const report = sampleReport();
    delete report.spec;
    const { log } = render(report);
    const anchored = log.runs[0].results.find(
      (result: { ruleId: string }) => result.ruleId === "SPEC-0007/AC-2",
    );
    expect(anchored.locations[0].physicalLocation.artifactLocation.uri).toBe("src/auth/session.ts");
  });

  it("fingerprints findings stably across runs and line moves, distinctly across rules", () => {
    const report = sampleReport();
    const moved = sampleReport();
    moved.findings.reverse();
    moved.findings[0]!.line = 500;
    const fingerprints = (log: {
      runs: Array<{ results: Array<{ partialFingerprints: Record<string, string> }> }>;
    }) => log.runs[0]!.results.map((result) => result.partialFingerprints[FINGERPRINT_KEY]).sort();
    expect(fingerprints(render(moved).log)).toEqual(fingerprints(render(report).log));
    const base = report.findings[1]!;
    expect(fingerprint({ ...base, message: ` ${base.message.toUpperCase()}  ` })).toBe(
      fingerprint(base),
    );
    expect(fingerprint({ ...base, ruleId: "JIG-S005" })).not.toBe(fingerprint(base));
    expect(fingerprint({ ...base, file: "specs/other.md" })).not.toBe(fingerprint(base));
  });

  it("records skipped and errored layers as notifications and the verdict in properties, never as results", () => {
    const { log } = render();
    const run = log.runs[0];
    expect(
      run.results.some(
        (result: { properties: { layer: string } }) => result.properties.layer === "review",
      ),
    ).toBe(false);
    const notifications = run.invocations[0].toolExecutionNotifications;
    expect(notifications).toEqual([
      expect.objectContaining({
        level: "error",
        descriptor: { id: "jig/layer-error" },
        properties: { layer: "failure-models", status: "error" },
      }),
      expect.objectContaining({
        level: "note",
        descriptor: { id: "jig/layer-skipped" },
        properties: { layer: "review", status: "skipped" },
      }),
    ]);
    expect(notifications[1].message.text).toContain("no reviewer model configured");
    expect(run.invocations[0].executionSuccessful).toBe(false);
    expect(run.properties.verdict.outcome).toBe("fail");
    expect(
      run.properties.layers.find((layer: { name: string }) => layer.name === "review"),
    ).toMatchObject({
      status: "skipped",
      skipReason: expect.stringContaining("no reviewer model"),
    });
  });
});

describe("sarifReporter with waived findings", () => {
  it("carries every fingerprint and an external suppression on each waiver in date, and still validates", () => {
    const { output, log } = render(waivedReport());
    expect(validate("waived", output).filter(atLeast("warning"))).toEqual([]);
    const results: Array<{
      partialFingerprints: Record<string, string>;
      suppressions?: unknown[];
      ruleId: string;
    }> = log.runs[0].results;
    expect(results.map((result) => result.partialFingerprints["jig/v1"]).sort()).toEqual(
      ["0", "1", "2", "3", "4"].map((digit) => digit.repeat(16)),
    );
    const suppressed = results.filter((result) => result.suppressions !== undefined);
    expect(suppressed.map((result) => result.ruleId)).toEqual(["JIG-S004"]);
    expect(suppressed[0]?.suppressions).toEqual([
      {
        kind: "external",
        status: "accepted",
        justification:
          "the word is defined in the glossary (waived until 2027-01-31; owner Dana <dana@example.com>)",
      },
    ]);
  });
});
