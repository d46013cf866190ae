import { describe } from "vitest";
import { TAMPER_CASES } from "./tamper-corpus.js";
import { describeTamperCases, TAMPER_HALF } from "./tamper-runner.js";

// The second half of the tamper corpus; tamper-corpus.test.ts runs the first.
describe("tamper corpus (second half): a change never loosens the rules that judge it", () => {
  describeTamperCases(TAMPER_CASES.slice(TAMPER_HALF), TAMPER_HALF);
});
