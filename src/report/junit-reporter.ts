import type { CriterionResult, LayerReport, Report } from "../contract/index.js";
import { type Finding, isWaived } from "../core/index.js";
import { formatLocation } from "./format-location.js";
import type { Reporter } from "./reporter.js";
import { sortFindings } from "./sort-findings.js";

interface TestCase {
  classname: string;
  name: string;
  timeSeconds: number;
  /** Inner XML: `<failure>`, `<error>`, `<skipped/>`, `<system-out>`, or nothing for a pass. */
  body: string;
  kind: "passed" | "failure" | "error" | "skipped";
}

/**
 * JUnit XML so CI test reporters show the gate next to the tests. One
 * testcase per layer (failed → `<failure>` listing its findings, error →
 * `<error>`, skipped → `<skipped>` with the reason), one per acceptance
 * criterion (`unclear` fails, because nobody showed it is met; `unchecked` is
 * skipped), one skipped testcase per finding a person waived (the waiver's
 * reason as its message), and one `verdict` testcase that fails unless the
 * gate passed, so a gate failed by policy alone (a required layer skipped)
 * still shows red.
 */
export const junitReporter: Reporter = {
  format: "junit",
  render(report) {
    const cases = [
      ...report.layers.map((layer) =>
        layerCase(
          layer,
          report.findings.filter((finding) => !isWaived(finding)),
        ),
      ),
      ...report.criteria.map(criterionCase),
      ...sortFindings(report.findings.filter(isWaived)).map(waivedCase),
      verdictCase(report),
    ];
    const count = (kind: TestCase["kind"]) => cases.filter((item) => item.kind === kind).length;
    const counts = `tests="${cases.length}" failures="${count("failure")}" errors="${count("error")}" skipped="${count("skipped")}"`;
    const time = seconds(report.run.durationMs);
    const properties = [
      ["run", report.run.id],
      ["jigVersion", report.run.jigVersion],
      ["range", report.range.description],
      ["base", report.range.base],
      ["head", report.range.head],
      ["verdict", report.verdict.outcome],
      ...(report.spec === undefined ? [] : [["spec", report.spec.id]]),
    ]
      .map(
        ([name, value]) =>
          `      <property name="${attribute(name ?? "")}" value="${attribute(value ?? "")}"/>`,
      )
      .join("\n");
    const lines = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites name="jig" ${counts} time="${time}">`,
      `  <testsuite name="jig" ${counts} time="${time}" timestamp="${attribute(report.run.startedAt)}">`,
      "    <properties>",
      properties,
      "    </properties>",
      ...cases.map(renderCase),
      "  </testsuite>",
      "</testsuites>",
    ];
    return `${lines.join("\n")}\n`;
  },
};

function layerCase(layer: LayerReport, findings: readonly Finding[]): TestCase {
  const own = sortFindings(findings.filter((finding) => finding.layer === layer.name));
  const base = { classname: "jig.layer", name: layer.name, timeSeconds: layer.durationMs / 1000 };
  if (layer.status === "skipped") {
    const reason = layer.skipReason ?? "no reason given";
    return { ...base, kind: "skipped", body: `<skipped message="${attribute(reason)}"/>` };
  }
  if (layer.status === "error") {
    const error = layer.error ?? "unknown error";
    return {
      ...base,
      kind: "error",
      body: `<error message="${attribute(error)}" type="layer-error">${text(error)}</error>`,
    };
  }
  const listing = own.map(findingText).join("\n\n");
  if (layer.status === "failed") {
    const message = `${layer.name} failed with ${own.length} finding${own.length === 1 ? "" : "s"}`;
    return {
      ...base,
      kind: "failure",
      body: `<failure message="${attribute(message)}" type="layer-failed">${text(listing)}</failure>`,
    };
  }
  // A passed layer may still report findings below the threshold; keep them visible.
  return {
    ...base,
    kind: "passed",
    body: own.length === 0 ? "" : `<system-out>${text(listing)}</system-out>`,
  };
}

/** A waived finding: skipped, so CI shows it without counting it, with the waiver as the reason. */
function waivedCase(finding: Finding): TestCase {
  const waiver = finding.waiver;
  const owner = waiver?.owner === undefined ? "" : `, owner ${waiver.owner}`;
  const message = `waived until ${waiver?.expires ?? "?"}${owner}: ${waiver?.reason ?? ""}`;
  return {
    classname: "jig.waived",
    name: `${finding.ruleId} ${formatLocation(finding)}${finding.fingerprint ? ` ${finding.fingerprint}` : ""}`,
    timeSeconds: 0,
    kind: "skipped",
    body: `<skipped message="${attribute(message)}"/>`,
  };
}

function findingText(finding: Finding): string {
  const fingerprint = finding.fingerprint === undefined ? "" : ` (${finding.fingerprint})`;
  const lines = [
    `[${finding.severity}] ${formatLocation(finding)} ${finding.ruleId}: ${finding.title}${fingerprint}`,
    finding.message,
  ];
  if (finding.waiver?.expired === true) {
    lines.push(
      `Waiver expired on ${finding.waiver.expires}, so it counts again: ${finding.waiver.reason}`,
    );
  }
  if (finding.suggestion !== undefined) lines.push(`Suggestion: ${finding.suggestion}`);
  return lines.join("\n");
}

function criterionCase(criterion: CriterionResult): TestCase {
  const base = {
    classname: `spec.${criterion.specId}`,
    name: `${criterion.criterion}: ${criterion.text}`,
    timeSeconds: 0,
  };
  const evidence = criterion.evidence ?? "";
  switch (criterion.status) {
    case "met":
      return {
        ...base,
        kind: "passed",
        body: evidence === "" ? "" : `<system-out>${text(evidence)}</system-out>`,
      };
    case "not_met":
      return {
        ...base,
        kind: "failure",
        body: `<failure message="${attribute(`not met${evidence === "" ? "" : `: ${evidence}`}`)}" type="not_met">${text(evidence)}</failure>`,
      };
    case "unclear":
      return {
        ...base,
        kind: "failure",
        body: `<failure message="${attribute(`unclear${evidence === "" ? "" : `: ${evidence}`}`)}" type="unclear">${text(evidence)}</failure>`,
      };
    case "unchecked":
      return { ...base, kind: "skipped", body: '<skipped message="not checked by any layer"/>' };
  }
}

function verdictCase(report: Report): TestCase {
  const base = { classname: "jig.gate", name: "verdict", timeSeconds: 0 };
  const { outcome, reasons } = report.verdict;
  if (outcome === "pass") return { ...base, kind: "passed", body: "" };
  const message = `${outcome}${reasons[0] === undefined ? "" : `: ${reasons[0]}`}`;
  return {
    ...base,
    kind: "failure",
    body: `<failure message="${attribute(message)}" type="${outcome}">${text(reasons.join("\n"))}</failure>`,
  };
}

function renderCase(item: TestCase): string {
  const open = `    <testcase classname="${attribute(item.classname)}" name="${attribute(item.name)}" time="${seconds(item.timeSeconds * 1000)}"`;
  return item.body === "" ? `${open}/>` : `${open}>\n      ${item.body}\n    </testcase>`;
}

function seconds(durationMs: number): string {
  return (durationMs / 1000).toFixed(3);
}

/**
 * Characters XML 1.0 forbids even as references (most C0 controls, lone
 * surrogates, U+FFFE/U+FFFF). They are dropped: a CI parser rejects the whole
 * file over one of them.
 */
const INVALID_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escaped element text. */
function text(value: string): string {
  return value
    .replace(INVALID_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/** Escaped attribute value; newlines and tabs as references so parsers keep them. */
function attribute(value: string): string {
  return text(value)
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;")
    .replace(/\t/g, "&#9;");
}
