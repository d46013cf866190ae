import { createHash } from "node:crypto";
// Deep import: the demo needs only the approval writer, not the whole spec concept.
import { setSpecApproval } from "../spec/set-spec-approval.js";
import { DEMO_REVIEW_CHANGE, DEMO_REVIEW_CONFIG, DEMO_REVIEWER_FILES } from "./review-demo.js";

/**
 * The bundled example: a tiny refunds service, its approved spec, and two
 * changes made on branches. Kept as data so `jig demo` needs no files on disk.
 */
export interface DemoChange {
  branch: string;
  title: string;
  /** What a reader should expect the gate to say, printed before the report. */
  expectation: string;
  expectedOutcome: "pass" | "fail" | "needs-human";
  commitMessage: string;
  files: Record<string, string>;
}

/** Holdout eval suite for the refunds skill: it drives the code from outside, like a customer. */
const DEMO_EVAL_SUITE = `suite: refunds
description: Refund decisions, checked from outside the code (SPEC-0001)
covers: ["src/refunds.js"]
target: { command: ["node", "scripts/decide-refund.mjs"] }
scenarios:
  - id: small-refund
    covers: [SPEC-0001/AC-1]
    vars: { cents: 1200 }
    assert: [{ type: json-path, path: "$.decision", value: approved }]
  - id: at-the-cap
    covers: [SPEC-0001/AC-1]
    vars: { cents: 50000 }
    assert: [{ type: json-path, path: "$.decision", value: approved }]
  - id: above-the-cap
    covers: [SPEC-0001/AC-2]
    vars: { cents: 50001 }
    assert:
      - { type: json-path, path: "$.decision", value: escalated }
      - { type: contains, value: cap }
  - id: zero
    covers: [SPEC-0001/AC-3]
    vars: { cents: 0 }
    assert: [{ type: json-path, path: "$.decision", value: rejected }]
`;

/** Who approved the demo's spec: a fixed person, so the demo needs no git config. */
export const DEMO_APPROVER = "Dana Demo <dana@example.com>";

/** SPEC-0001 as written, before its approval. */
const DEMO_SPEC_DRAFT = `---
id: SPEC-0001
title: Cap automatic refunds
status: draft
domains: [billing]
owner: payments-team
---

## Problem

Refunds of any size are paid automatically. A bug or an abusive customer can drain money before anyone notices.

## Acceptance criteria

- AC-1: Given a refund request of 50000 cents or less, when it is decided, then the decision is "approved".
- AC-2: Given a refund request above 50000 cents, when it is decided, then the decision is "escalated" and the reason names the cap.
- AC-3: Given a refund request of 0 cents or less, when it is decided, then the decision is "rejected".
- AC-4: Given a refund request whose amount is not a whole number of cents (missing, fractional or text), when it is decided, then the decision is "rejected".

## Constraints

- C-1: Amounts are integer cents; no floating-point money.

## Risks

- R-1: A cap that is off by one pays out refunds that need a human.

## Out of scope

- Partial refunds.
`;

/** The seal a human wrote with \`jig eval seal\` (same format, fixed time). */
const DEMO_EVAL_SEAL = `${JSON.stringify(
  {
    schema: "jig.eval-seal/v1",
    sealedBy: "lead@payments.example",
    sealedAt: "2026-01-01T00:00:00.000Z",
    files: {
      "refunds.yaml": `sha256:${createHash("sha256").update(DEMO_EVAL_SUITE).digest("hex")}`,
    },
  },
  null,
  2,
)}\n`;

export const DEMO_BASE_FILES: Record<string, string> = {
  "evals/refunds.yaml": DEMO_EVAL_SUITE,
  "evals/.jig-seal.json": DEMO_EVAL_SEAL,
  "scripts/decide-refund.mjs": `import { decideRefund } from "../src/refunds.js";
console.log(JSON.stringify(decideRefund({ amountCents: Number(process.env.JIG_VAR_CENTS) })));
`,
  "package.json": `${JSON.stringify({ name: "refunds-service", version: "1.0.0", type: "module" }, null, 2)}\n`,
  "README.md": "# refunds-service\n\nDecides customer refunds.\n",
  // The team's tests, written with the spec: each names the criterion it checks.
  "tests/refunds.test.js": `import assert from "node:assert/strict";
import { test } from "node:test";
import { decideRefund } from "../src/refunds.js";

test("AC-1 approves a small refund", () => {
  assert.equal(decideRefund({ amountCents: 1200 }).decision, "approved");
});

test("AC-3 rejects a refund of 0 cents", () => {
  assert.equal(decideRefund({ amountCents: 0 }).decision, "rejected");
});
`,
  "src/refunds.js": `// Decides whether a refund can be paid automatically.
export function decideRefund(request) {
  if (request.amountCents <= 0) return { decision: "rejected", reason: "amount must be positive" };
  return { decision: "approved" };
}
`,
  "jig.config.yaml": `version: 1
specs:
  dir: specs
# Named sets of paths: autonomy is earned per agent and domain (autonomy.yaml).
domains:
  refunds: [src/**, tests/**]
  docs: [docs/**, "*.md"]
gate:
  failOn: high
  require: [spec]
  criteria: evidence
tests:
  # The project's own tests, as JUnit XML: evidence for the criteria they name.
  command: [node, --test, --test-reporter=junit, --test-reporter-destination=.jig/tests.xml]
  reports: [.jig/tests.xml]
${DEMO_REVIEW_CONFIG}`,
  ".gitignore": ".jig/\nnode_modules/\n",
  // What a person granted the coder agent: docs on its own, refunds under
  // supervision. Read from main by the gate; the guard keeps agents out of it.
  "autonomy.yaml": `# Autonomy per agent and domain (docs/autonomy.md). Changed only by a person, on main.
classes:
  - agent: coder
    domain: docs
    mode: full-auto
  - agent: coder
    domain: refunds
    mode: supervised
`,
  "agents/coder.yaml": `name: coder
role: Implements approved specs in src/ and tests/
values: [safety, correctness, speed]
permissions:
  tools:
    allow: [Read, Write, Edit, MultiEdit, Glob, Grep, Bash]
  files:
    read: ["**"]
    write: ["src/**", "tests/**"]
  commands:
    - [npm, test]
escalate:
  - files: ["infra/**"]
    reason: infrastructure changes need a human
`,
  ...DEMO_REVIEWER_FILES,
  // Approved the way `jig spec approve` does it, by a person on main: the
  // guard and the gate accept only a recorded approval that matches the text.
  "specs/SPEC-0001-refund-cap.md": setSpecApproval(DEMO_SPEC_DRAFT, {
    by: DEMO_APPROVER,
    at: "2026-01-01T00:00:00.000Z",
  }).text,
};

/** SPEC-0001 implemented correctly; the defective changes are variations of it. */
const CORRECT_REFUNDS = `// Decides whether a refund can be paid automatically.
const AUTO_REFUND_CAP_CENTS = 50_000;

export function decideRefund(request) {
  if (!Number.isInteger(request.amountCents)) {
    return { decision: "rejected", reason: "amount must be a whole number of cents" };
  }
  if (request.amountCents <= 0) return { decision: "rejected", reason: "amount must be positive" };
  if (request.amountCents > AUTO_REFUND_CAP_CENTS) {
    return { decision: "escalated", reason: "above the 50000-cent automatic refund cap" };
  }
  return { decision: "approved" };
}
`;

const CITES_THE_SPEC: DemoChange = {
  branch: "feature/refund-cap",
  title: "implements SPEC-0001 and cites it",
  expectation: "cites an approved spec, so the spec layer passes",
  expectedOutcome: "pass",
  commitMessage: "Cap automatic refunds at 500 USD\n\nSpec: SPEC-0001\nAgent: coder\n",
  files: {
    "src/refunds.js": CORRECT_REFUNDS,
    "tests/refund-cap.test.js": capTests({ ac4: true }),
  },
};

/** The coding agent's tests for the criteria the base's tests do not name yet. */
function capTests(options: { ac4: boolean }): string {
  const ac4 = `
test("AC-4 rejects an amount that is not a whole number of cents", () => {
  for (const amountCents of [undefined, 12.5, "100"]) {
    assert.equal(decideRefund({ amountCents }).decision, "rejected");
  }
});
`;
  return `import assert from "node:assert/strict";
import { test } from "node:test";
import { decideRefund } from "../src/refunds.js";

test("AC-2 escalates a refund above the cap and names the cap", () => {
  const result = decideRefund({ amountCents: 50_001 });
  assert.equal(result.decision, "escalated");
  assert.match(result.reason, /cap/);
});
${options.ac4 ? ac4 : ""}`;
}

const FAILS_ITS_OWN_TEST: DemoChange = {
  branch: "agent/positive-amounts",
  title: "cites SPEC-0001, but its own AC-4 test fails: fractional cents are approved",
  expectation:
    "the project's own test for AC-4 fails, so the tests layer fails it (JIG-X001 at the failing test) and AC-4 is not met",
  expectedOutcome: "fail",
  commitMessage: "Cap automatic refunds, reject non-positive amounts\n\nSpec: SPEC-0001\n",
  files: {
    "src/refunds.js": `// Decides whether a refund can be paid automatically.
const AUTO_REFUND_CAP_CENTS = 50_000;

export function decideRefund(request) {
  // Also rejects a missing amount: undefined > 0 is false.
  if (!(request.amountCents > 0)) return { decision: "rejected", reason: "amount must be positive" };
  if (request.amountCents > AUTO_REFUND_CAP_CENTS) {
    return { decision: "escalated", reason: "above the 50000-cent automatic refund cap" };
  }
  return { decision: "approved" };
}
`,
    "tests/refund-cap.test.js": capTests({ ac4: true }),
  },
};

const LEAVES_A_CRITERION_UNCHECKED: DemoChange = {
  branch: "agent/refund-cap-untested",
  title: "implements SPEC-0001 correctly, but nothing checks AC-4",
  expectation:
    "no eval covers AC-4 and no test names it, so nothing vouches for it: the verdict is needs a human, and the report opens with what a person must decide",
  expectedOutcome: "needs-human",
  commitMessage: "Cap automatic refunds\n\nSpec: SPEC-0001\n",
  files: {
    "src/refunds.js": CORRECT_REFUNDS,
    "tests/refund-cap.test.js": capTests({ ac4: false }),
  },
};

const CITES_NO_SPEC: DemoChange = {
  branch: "agent/quick-fix",
  title: "an agent's quick fix that cites no spec",
  expectation: "cites no spec, so the spec layer fails it",
  expectedOutcome: "fail",
  commitMessage: "Speed up refunds\n",
  files: {
    "src/refunds.js": `// Decides whether a refund can be paid automatically.
export function decideRefund(request) {
  return { decision: "approved" };
}
`,
  },
};

const FAILS_A_HOLDOUT_EVAL: DemoChange = {
  branch: "agent/off-by-one-cap",
  title: "cites SPEC-0001 but escalates a refund exactly at the cap",
  expectation: "the holdout eval suite catches the off-by-one, so the evals layer fails it",
  expectedOutcome: "fail",
  commitMessage: "Cap automatic refunds\n\nSpec: SPEC-0001\n",
  files: {
    "src/refunds.js": `// Decides whether a refund can be paid automatically.
const AUTO_REFUND_CAP_CENTS = 50_000;

export function decideRefund(request) {
  if (request.amountCents <= 0) return { decision: "rejected", reason: "amount must be positive" };
  if (request.amountCents >= AUTO_REFUND_CAP_CENTS) {
    return { decision: "escalated", reason: "at or above the automatic refund cap" };
  }
  return { decision: "approved" };
}
`,
  },
};

const REWRITES_THE_EVALS: DemoChange = {
  branch: "agent/agree-with-the-evals",
  title: "skips the cap and rewrites the eval suite to match",
  expectation:
    "Claude Code's commit edits a sealed holdout suite, a governance input: the integrity layer fails it (critical JIG-T001), and the evals, run from the base's suite, still fail the code",
  expectedOutcome: "fail",
  commitMessage:
    "Refund decisions\n\nSpec: SPEC-0001\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
  files: {
    "src/refunds.js": `// Decides whether a refund can be paid automatically.
export function decideRefund(request) {
  if (request.amountCents <= 0) return { decision: "rejected", reason: "amount must be positive" };
  return { decision: "approved", reason: "paid automatically" };
}
`,
    "evals/refunds.yaml": DEMO_EVAL_SUITE.replace(
      "value: escalated }\n      - { type: contains, value: cap }",
      "value: approved }",
    ),
  },
};

const LEAVES_ITS_SCOPE: DemoChange = {
  branch: "agent/refund-cap-and-infra",
  title: "the coder agent implements SPEC-0001 and also edits infra/",
  expectation:
    "the commit carries 'Agent: coder' but touches infra/, outside agents/coder.yaml's write scope, so the scope layer fails it (critical)",
  expectedOutcome: "fail",
  commitMessage:
    "Cap automatic refunds and raise the worker count\n\nSpec: SPEC-0001\nAgent: coder\n",
  files: {
    "src/refunds.js": CORRECT_REFUNDS,
    "infra/workers.tf": `resource "worker_pool" "refunds" {
  size = 20
}
`,
  },
};

const SWALLOWS_ERRORS_AS_SUCCESS: DemoChange = {
  branch: "agent/never-fail-a-refund",
  title: "cites SPEC-0001 but turns any error into an approved refund",
  expectation:
    "a catch block reports success, a known agent failure pattern (FM-ERR-003), so the failure-models layer fails it",
  expectedOutcome: "fail",
  commitMessage: "Never fail a refund request\n\nSpec: SPEC-0001\n",
  files: {
    "src/refunds.js": `// Decides whether a refund can be paid automatically.
const AUTO_REFUND_CAP_CENTS = 50_000;

export function decideRefund(request) {
  try {
    if (request.amountCents <= 0) return { decision: "rejected", reason: "amount must be positive" };
    if (request.amountCents > AUTO_REFUND_CAP_CENTS) {
      return { decision: "escalated", reason: "above the 50000-cent automatic refund cap" };
    }
    return { decision: "approved" };
  } catch (error) {
    // Customers were seeing errors; report success so the flow never breaks.
    return { ok: true, decision: "approved" };
  }
}
`,
  },
};

/**
 * The changes, in the order of the gate's layers: a clean change first, then
 * one defect per layer (spec, scope, integrity, failure models, tests,
 * review, evals), and last a change nothing can vouch for, which needs a
 * person. `jig demo` numbers them as it shows them.
 */
export const DEMO_CHANGES: DemoChange[] = [
  CITES_THE_SPEC,
  CITES_NO_SPEC,
  LEAVES_ITS_SCOPE,
  REWRITES_THE_EVALS,
  SWALLOWS_ERRORS_AS_SUCCESS,
  FAILS_ITS_OWN_TEST,
  DEMO_REVIEW_CHANGE,
  FAILS_A_HOLDOUT_EVAL,
  LEAVES_A_CRITERION_UNCHECKED,
];
