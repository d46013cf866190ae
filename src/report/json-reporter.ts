import type { Reporter } from "./reporter.js";

/**
 * The report document itself, pretty-printed, with `schema` as the first key
 * so a reader (or `head -c`) can tell the version before parsing the rest.
 */
export const jsonReporter: Reporter = {
  format: "json",
  render(report) {
    const { schema, ...rest } = report;
    return `${JSON.stringify({ schema, ...rest }, null, 2)}\n`;
  },
};
