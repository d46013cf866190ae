import type { Report } from "../contract/index.js";
import { type Finding, isWaived, meetsSeverity, type Severity } from "../core/index.js";

/** What {@link tightenVerdict} did with a workflow's `fail-on`. */
export interface Tightened {
  report: Report;
  /** One line for the log when the workflow asked for a looser threshold than the config's. */
  ignored?: string;
}

/**
 * Apply the workflow's `fail-on` to a finished report, only ever stricter:
 * the workflow file is part of the change under review, so a `fail-on` that
 * would loosen the trusted config's `gate.failOn` is ignored (and said so),
 * while a stricter one turns a pass or needs-human into a fail when a
 * counting finding reaches it. Pure.
 *
 * @example
 * tightenVerdict(report, "medium").report.verdict.outcome; // "fail" with a medium finding
 */
export function tightenVerdict(report: Report, failOn: Severity | undefined): Tightened {
  const configured = report.policy.failOn;
  if (failOn === undefined || failOn === configured) return { report };
  if (meetsSeverity(configured, failOn)) {
    // e.g. config high, workflow medium: stricter, applies.
    const blocking = report.findings.filter((finding) => counts(finding, failOn));
    if (blocking.length === 0 || report.verdict.outcome === "fail") return { report };
    const reason = `${blocking.length} finding${blocking.length === 1 ? "" : "s"} at or above ${failOn} (the workflow's fail-on, stricter than gate.failOn ${configured})`;
    return {
      report: {
        ...report,
        verdict: { outcome: "fail", reasons: [reason, ...report.verdict.reasons] },
      },
    };
  }
  return {
    report,
    ignored: `fail-on ${failOn} is looser than the config's gate.failOn ${configured}; the workflow may only tighten the gate, so ${configured} applies`,
  };
}

function counts(finding: Finding, failOn: Severity): boolean {
  return (
    finding.needsHuman !== true && !isWaived(finding) && meetsSeverity(finding.severity, failOn)
  );
}
