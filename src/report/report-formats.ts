/** Every output format `jig check --format` accepts, in the order help text lists them. */
export const REPORT_FORMATS = ["text", "markdown", "json", "sarif", "junit"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
