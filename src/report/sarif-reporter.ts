import { createHash } from "node:crypto";
import type { Report } from "../contract/index.js";
import { findRule } from "../contract/rule-registry.js";
import type { Finding, Severity } from "../core/index.js";
import { isWaived, severityRank } from "../core/index.js";
import type { Reporter } from "./reporter.js";
import { sortFindings } from "./sort-findings.js";

/**
 * The 2.1.0 schema URI GitHub's documentation uses. Microsoft's validator
 * (`sarif-multitool validate`, rules SARIF1011 and GH1011) accepts it, as it
 * does the OASIS errata01 URI.
 */
export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
export const SARIF_VERSION = "2.1.0";
/** Where code scanning links "about this tool". */
export const JIG_INFORMATION_URI = "https://www.npmjs.com/package/jig";
/**
 * Key of jig's finding fingerprint in `partialFingerprints` (the one `jig
 * waive` takes); bump the version if the hash input changes.
 */
export const FINGERPRINT_KEY = "jig/v1";
/** Base id for repo-relative URIs; code scanning resolves it to the checkout root. */
const SOURCE_ROOT = "%SRCROOT%";

type SarifLevel = "error" | "warning" | "note";

const LEVEL: Record<Severity, SarifLevel> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};

// Only the parts of SARIF 2.1.0 jig writes; the full schema is far larger.
interface SarifMessage {
  text: string;
}
interface SarifRule {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: SarifMessage;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[] };
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: Array<{
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: string };
      region: { startLine: number; endLine?: number };
    };
  }>;
  partialFingerprints: Record<string, string>;
  suppressions?: Array<{ kind: "external"; status: "accepted"; justification: string }>;
  properties: Record<string, unknown>;
}
interface SarifNotification {
  level: SarifLevel;
  message: SarifMessage;
  descriptor: { id: string };
  properties: Record<string, unknown>;
}

/**
 * SARIF 2.1.0 for GitHub code scanning. Every result gets a physical location
 * (code scanning drops results without one): findings about the whole change
 * are anchored to the cited spec file, or else to the first changed file, at
 * line 1. Skipped and errored layers are tool notifications, never results,
 * so a layer that did not run cannot look like a clean one.
 *
 * @example
 * writeFileSync("jig.sarif", sarifReporter.render(report, { color: false }));
 */
export const sarifReporter: Reporter = {
  format: "sarif",
  render(report) {
    return `${JSON.stringify(buildSarifLog(report), null, 2)}\n`;
  },
};

/** The SARIF log as an object, for callers that post it rather than print it. */
export function buildSarifLog(report: Report): Record<string, unknown> {
  const findings = sortFindings(report.findings);
  const rules = buildRules(findings);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const anchor = anchorFile(report);
  const results = findings.map((finding) =>
    buildResult(finding, ruleIndex.get(finding.ruleId) ?? 0, anchor),
  );
  const notifications = buildNotifications(report);
  return {
    $schema: SARIF_SCHEMA_URI,
    version: SARIF_VERSION,
    runs: [
      {
        tool: {
          driver: {
            name: "jig",
            version: report.run.jigVersion,
            informationUri: JIG_INFORMATION_URI,
            rules,
          },
        },
        invocations: [
          {
            // A layer in error means part of the analysis did not happen.
            executionSuccessful: !report.layers.some((layer) => layer.status === "error"),
            startTimeUtc: report.run.startedAt,
            endTimeUtc: report.run.finishedAt,
            toolExecutionNotifications: notifications,
          },
        ],
        results,
        properties: {
          reportSchema: report.schema,
          runId: report.run.id,
          verdict: report.verdict,
          range: report.range,
          policy: report.policy,
          ...(report.spec === undefined ? {} : { spec: report.spec }),
          layers: report.layers.map((layer) => ({
            name: layer.name,
            status: layer.status,
            findings: layer.findings,
            durationMs: layer.durationMs,
            ...(layer.skipReason === undefined ? {} : { skipReason: layer.skipReason }),
            ...(layer.error === undefined ? {} : { error: layer.error }),
          })),
          criteria: report.criteria,
          ...(report.merge === undefined ? {} : { merge: report.merge }),
        },
      },
    ],
  };
}

/**
 * One rule per distinct ruleId, sorted by id so `ruleIndex` does not shift
 * when findings arrive in another order. jig's own `JIG-*` rules take their
 * title and help from the rule registry; other ids (failure models, whose
 * findings carry their catalog title, and spec criteria) describe themselves
 * through their worst finding.
 */
function buildRules(findings: readonly Finding[]): SarifRule[] {
  const byRule = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = byRule.get(finding.ruleId);
    if (group === undefined) byRule.set(finding.ruleId, [finding]);
    else group.push(finding);
  }
  const ids = [...byRule.keys()].sort((left, right) => (left < right ? -1 : left > right ? 1 : 0));
  return ids.map((id) => {
    const group = byRule.get(id) ?? [];
    // `findings` is sorted worst first, so the first one is representative.
    const first = group[0]!;
    const worst = group.reduce(
      (current, finding) =>
        severityRank(finding.severity) > severityRank(current) ? finding.severity : current,
      first.severity,
    );
    const registered = findRule(id);
    const suggestion = group.find((finding) => finding.suggestion !== undefined)?.suggestion;
    const title = registered?.title ?? first.title;
    return {
      id,
      name: ruleName(id),
      shortDescription: { text: sentence(title) },
      fullDescription: {
        text: sentence(`${title}. Reported by the jig ${first.layer} layer`),
      },
      help: {
        text: sentence(
          registered?.help ??
            suggestion ??
            `See the jig ${first.layer} layer documentation for rule ${id}`,
        ),
      },
      defaultConfiguration: { level: LEVEL[worst] },
      properties: { tags: ["jig", first.layer] },
    };
  });
}

/** `SPEC-0007/AC-2` → `Spec0007Ac2`: SARIF wants a friendly PascalCase name. */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join("");
}

/** SARIF messages should be full sentences ending in a period. */
function sentence(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, " ");
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** The spec, else the first changed path, else a placeholder so the result is still placed. */
function anchorFile(report: Report): string {
  return report.spec?.path ?? report.change.paths[0] ?? "jig.config.yaml";
}

function buildResult(finding: Finding, ruleIndex: number, anchor: string): SarifResult {
  const file = finding.file ?? anchor;
  const startLine =
    finding.file !== undefined && finding.line !== undefined ? Math.max(1, finding.line) : 1;
  const region: { startLine: number; endLine?: number } = { startLine };
  if (finding.file !== undefined && finding.endLine !== undefined && finding.endLine > startLine) {
    region.endLine = finding.endLine;
  }
  let text = `${sentence(finding.title)} ${sentence(finding.message)}`;
  if (finding.suggestion !== undefined) text += ` Suggestion: ${sentence(finding.suggestion)}`;
  if (finding.file === undefined) text += " (Applies to the whole change.)";
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toUri(file), uriBaseId: SOURCE_ROOT },
          region,
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint ?? fingerprint(finding) },
    ...(isWaived(finding) && finding.waiver
      ? {
          // Waived outside the code (jig.waivers.yaml), by a person: code scanning shows it as dismissed.
          suppressions: [
            { kind: "external", status: "accepted", justification: justification(finding.waiver) },
          ],
        }
      : {}),
    properties: {
      findingId: finding.id,
      layer: finding.layer,
      severity: finding.severity,
      ...(finding.file === undefined ? { anchored: true } : {}),
      ...(finding.confidence === undefined ? {} : { confidence: finding.confidence }),
    },
  };
}

function justification(waiver: NonNullable<Finding["waiver"]>): string {
  const owner = waiver.owner === undefined ? "" : `; owner ${waiver.owner}`;
  return `${waiver.reason} (waived until ${waiver.expires}${owner})`;
}

/** Repo-relative POSIX path → relative URI reference (spaces, `#`, `%` escaped). */
function toUri(path: string): string {
  return path
    .replace(/\\/g, "/")
    .replace(/^\.?\//, "")
    .split("/")
    .map(encodeURIComponent)
    .join("/");
}

/**
 * The fallback for a report recorded before the gate fingerprinted findings:
 * ruleId, file and the whitespace- and case-normalised title and message,
 * stable across line moves. Code scanning uses it to match an alert with the
 * one from the previous run.
 */
export function fingerprint(finding: Finding): string {
  const normalise = (text: string) => text.trim().replace(/\s+/g, " ").toLowerCase();
  const input = [
    finding.ruleId,
    finding.file ?? "",
    normalise(finding.title),
    normalise(finding.message),
  ].join("\u0000");
  return createHash("sha256").update(input).digest("hex").slice(0, 32);
}

function buildNotifications(report: Report): SarifNotification[] {
  const notifications: SarifNotification[] = [];
  for (const layer of report.layers) {
    if (layer.status === "skipped") {
      notifications.push({
        level: "note",
        message: {
          text: sentence(
            `Layer ${layer.name} was skipped: ${layer.skipReason ?? "no reason given"}`,
          ),
        },
        descriptor: { id: "jig/layer-skipped" },
        properties: { layer: layer.name, status: "skipped" },
      });
    } else if (layer.status === "error") {
      notifications.push({
        level: "error",
        message: {
          text: sentence(`Layer ${layer.name} failed to run: ${layer.error ?? "unknown error"}`),
        },
        descriptor: { id: "jig/layer-error" },
        properties: { layer: layer.name, status: "error" },
      });
    }
  }
  return notifications;
}
