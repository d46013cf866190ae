// The store tests' sample report is the public one from jig/testing. This name stays
// for the CLI tests that import it from here while commands move (issue #10).
export { sampleRunReport as sampleReport } from "../../testing/sample-run-report.js";
