import type { Report } from "../../contract/index.js";
import { sampleReport } from "../../testing/sample-report.js";

/**
 * The sample report with a fingerprint on every finding, the medium spec
 * finding waived by a person until 2027-01-31, and the low scope finding's
 * waiver expired.
 */
export function waivedReport(): Report {
  const report = sampleReport();
  report.findings = report.findings.map((finding, index) => ({
    ...finding,
    fingerprint: `${index}`.repeat(16),
  }));
  const [, spec, scope] = report.findings;
  if (!spec || !scope) throw new Error("the sample report changed shape");
  spec.waiver = {
    reason: "the word is defined in the glossary",
    owner: "Dana <dana@example.com>",
    expires: "2027-01-31",
    by: "jig.waivers.yaml@1234567",
  };
  scope.waiver = { reason: "auth/login is ours too", expires: "2026-11-30", expired: true };
  return report;
}
