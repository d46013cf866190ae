import type { Outcome } from "../contract/index.js";

/** Exit code for a verdict: 0 pass, 1 fail, 3 needs a human. */
export function exitCodeForOutcome(outcome: Outcome): number {
  return outcome === "pass" ? 0 : outcome === "needs-human" ? 3 : 1;
}
