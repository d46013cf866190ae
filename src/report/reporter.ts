import type { Report } from "../contract/index.js";
import { UsageError } from "../core/index.js";
import { jsonReporter } from "./json-reporter.js";
import { junitReporter } from "./junit-reporter.js";
import { markdownReporter } from "./markdown-reporter.js";
import { REPORT_FORMATS, type ReportFormat } from "./report-formats.js";
import { sarifReporter } from "./sarif-reporter.js";
import { textReporter } from "./text-reporter.js";

export { REPORT_FORMATS, type ReportFormat };

/**
 * What a reporter may vary on besides the report. The caller decides (from
 * `--color`, `NO_COLOR` or `isTTY`), so reporters never look at the process.
 */
export interface RenderOptions {
  /** Emit ANSI colours. Only the text reporter uses it. */
  color: boolean;
  /** The command that made the report, for the text header; default "jig check". */
  title?: string;
}

/**
 * Turns a finished report into one output format. Pure: the same report and
 * options give byte-identical output, which is what the snapshot tests and
 * SARIF fingerprints rely on. Writing the string somewhere is the caller's job.
 *
 * @example
 * const output = getReporter("markdown").render(report, { color: false });
 */
export interface Reporter {
  format: ReportFormat;
  render(report: Report, options: RenderOptions): string;
}

const REPORTERS: Record<ReportFormat, Reporter> = {
  text: textReporter,
  markdown: markdownReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  junit: junitReporter,
};

/** True when `value` names a known format; narrows strings coming from flags. */
export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/**
 * The reporter for a `--format` value. An unknown name is the user's mistake,
 * so it throws a UsageError (exit 2) that lists the valid formats.
 *
 * @example
 * getReporter("sarif").render(report, { color: false });
 */
export function getReporter(format: string): Reporter {
  if (!isReportFormat(format)) {
    throw new UsageError(
      `unknown report format "${format}"; use one of: ${REPORT_FORMATS.join(", ")}`,
      { code: "report/unknown-format" },
    );
  }
  return REPORTERS[format];
}
