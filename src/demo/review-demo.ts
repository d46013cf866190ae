/**
 * The review layer's part of `jig demo`. No real model is reachable in the
 * demo, so the reviewer is a scripted stand-in: a small Node script used
 * through the `command:` provider, exactly as `claude -p` or `codex exec`
 * would be. It goes through the whole pipeline (context assembly, delimiters,
 * structured-output validation, jig's verdict) but its judgement is scripted,
 * and the demo says so wherever it shows the result.
 */

/** The reviewer model id the demo config uses. */
export const DEMO_REVIEWER_MODEL = "command:node scripts/demo-reviewer.mjs";

/** Lines for the demo's `jig.config.yaml`. */
export const DEMO_REVIEW_CONFIG = `# The demo's reviewer is a scripted stand-in (scripts/demo-reviewer.mjs), not a live model.
models:
  reviewer: "${DEMO_REVIEWER_MODEL}"
`;

/**
 * The stand-in reviewer. It reads jig's prompt on stdin like a CLI agent,
 * looks for a VIP bypass of the refund cap on an added line, and answers in
 * the findings schema, wrapped the way `claude -p --output-format json` is.
 */
export const DEMO_REVIEWER_SCRIPT = `// SCRIPTED STAND-IN for an AI reviewer, used by jig demo because no model is
// reachable here. Configure a real one with models.reviewer (see docs/models.md).
let prompt = "";
process.stdin.on("data", (chunk) => (prompt += chunk));
process.stdin.on("end", () => {
  const hit = /^\\+\\s+(\\d+) \\|.*\\bvip\\b/im.exec(prompt);
  const findings = hit
    ? [{
        severity: "high",
        confidence: 0.9,
        file: "src/refunds.js",
        line: Number(hit[1]),
        ruleId: "SPEC-0001/AC-2",
        title: "VIP refunds above the cap are paid automatically",
        message: "AC-2 says every refund above 50000 cents is escalated. This line exempts VIP customers, so their large refunds skip the human check the spec requires.",
        suggestion: "Escalate every refund above the cap; if VIPs need a faster path, write a spec for it first.",
      }]
    : [];
  const criteria = hit ? [{ id: "AC-2", status: "not_met", evidence: "line " + hit[1] + " exempts VIP customers from the cap" }] : [];
  console.log(JSON.stringify({ type: "result", result: JSON.stringify({ findings, criteria }) }));
});
`;

/** Files the demo repository needs for the stand-in reviewer. */
export const DEMO_REVIEWER_FILES: Record<string, string> = {
  "scripts/demo-reviewer.mjs": DEMO_REVIEWER_SCRIPT,
};

/** The change only a reviewer catches: it cites the spec, passes the deterministic layers, and breaks AC-2. */
export const DEMO_REVIEW_CHANGE = {
  branch: "agent/vip-fast-lane",
  title: "cites SPEC-0001 but lets VIP refunds skip the cap",
  expectation:
    "only a reviewer reading the spec sees that AC-2 is broken; the review layer fails it (reviewer: a scripted stand-in, scripts/demo-reviewer.mjs, no live model)",
  expectedOutcome: "fail" as const,
  commitMessage: "Fast lane for VIP refunds\n\nSpec: SPEC-0001\n",
  files: {
    "src/refunds.js": `// Decides whether a refund can be paid automatically.
const AUTO_REFUND_CAP_CENTS = 50_000;

export function decideRefund(request) {
  if (request.amountCents <= 0) return { decision: "rejected", reason: "amount must be positive" };
  if (request.amountCents > AUTO_REFUND_CAP_CENTS && !request.customer?.vip) {
    return { decision: "escalated", reason: "above the 50000-cent automatic refund cap" };
  }
  return { decision: "approved" };
}
`,
  },
};
