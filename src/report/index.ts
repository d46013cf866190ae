export { formatDuration, formatRunsTable, type RunRow } from "./format-runs-table.js";
export { jsonReporter } from "./json-reporter.js";
export { junitReporter } from "./junit-reporter.js";
export { MARKDOWN_MAX_BYTES, markdownReporter, renderMarkdown } from "./markdown-reporter.js";
export {
  getReporter,
  isReportFormat,
  REPORT_FORMATS,
  type RenderOptions,
  type Reporter,
  type ReportFormat,
} from "./reporter.js";
export {
  buildSarifLog,
  FINGERPRINT_KEY,
  fingerprint,
  JIG_INFORMATION_URI,
  SARIF_SCHEMA_URI,
} from "./sarif-reporter.js";
export { textReporter } from "./text-reporter.js";
