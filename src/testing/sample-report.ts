import type { Report } from "../contract/index.js";
import type { Finding } from "../core/index.js";

/**
 * One realistic `jig check` report shared by every reporter's tests: a failing
 * spec layer with a high finding, a passed layer, a failed layer with a
 * critical finding, an errored layer, a skipped layer with its reason,
 * findings with and without a file, and criteria in every status.
 */
export function sampleReport(): Report {
  return {
    schema: "jig.report/v1",
    run: {
      id: "run-01JZ8Q4K7M",
      startedAt: "2025-06-01T10:00:00.000Z",
      finishedAt: "2025-06-01T10:00:01.234Z",
      durationMs: 1234,
      jigVersion: "0.1.0",
    },
    range: {
      base: "1a2b3c4d5e6f708192a3b4c5d6e7f80912a3b4c5",
      head: "9f8e7d6c5b4a39281706f5e4d3c2b1a098f7e6d5",
      baseRef: "main",
      headRef: "HEAD",
      workingTree: true,
      description: "main...HEAD (merge-base 1a2b3c4) + uncommitted changes",
    },
    change: {
      files: 4,
      additions: 87,
      deletions: 12,
      commits: 2,
      paths: [
        "src/auth/session.ts",
        "src/auth/login.ts",
        "test/auth/session.test.ts",
        "evals/holdout/login.yaml",
      ],
    },
    spec: {
      id: "SPEC-0007",
      title: "Sessions expire after inactivity",
      status: "approved",
      path: "specs/SPEC-0007-session-timeout.md",
    },
    governance: sampleGovernance(),
    policy: { failOn: "high", require: ["spec"] },
    layers: [
      {
        name: "spec",
        status: "failed",
        durationMs: 42,
        findings: 2,
        notes: ["cited by trailer Spec: SPEC-0007 on 9f8e7d6"],
      },
      { name: "scope", status: "passed", durationMs: 8, findings: 2, notes: [] },
      { name: "holdout", status: "failed", durationMs: 5, findings: 1, notes: [] },
      {
        name: "failure-models",
        status: "error",
        error: "catalog .jig/failures.yaml:3:5: unexpected token",
        durationMs: 3,
        findings: 0,
        notes: [],
      },
      {
        name: "review",
        status: "skipped",
        skipReason: "no reviewer model configured (set models.reviewer in jig.config.yaml)",
        durationMs: 0,
        findings: 0,
        notes: [],
      },
    ],
    findings: sampleFindings(),
    criteria: [
      {
        id: "SPEC-0007/AC-1",
        specId: "SPEC-0007",
        criterion: "AC-1",
        text: "Given a session idle for 30 minutes, when a request arrives, then it is rejected with 401",
        status: "met",
        evidence: "test/auth/session.test.ts covers SPEC-0007/AC-1",
        layer: "spec",
      },
      {
        id: "SPEC-0007/AC-2",
        specId: "SPEC-0007",
        criterion: "AC-2",
        text: "When a session expires, the user is redirected to /login within 200 ms",
        status: "not_met",
        evidence: "no test names SPEC-0007/AC-2",
        layer: "spec",
      },
      {
        id: "SPEC-0007/AC-3",
        specId: "SPEC-0007",
        criterion: "AC-3",
        text: "The idle timeout is configurable per tenant",
        status: "unclear",
        evidence: "config key exists but <tenant> overrides are untested",
        layer: "spec",
      },
      {
        id: "SPEC-0007/AC-4",
        specId: "SPEC-0007",
        criterion: "AC-4",
        text: "Expired sessions are purged from the store nightly",
        status: "unchecked",
      },
    ],
    verdict: {
      outcome: "fail",
      reasons: [
        "holdout: 1 critical finding (failOn: high)",
        "spec: 1 high finding (failOn: high)",
        "failure-models: layer error: catalog .jig/failures.yaml:3:5: unexpected token",
      ],
    },
  };
}

function sampleFindings(): Finding[] {
  return [
    {
      id: "spec-1",
      layer: "spec",
      ruleId: "SPEC-0007/AC-2",
      severity: "high",
      title: "Acceptance criterion AC-2 is not covered",
      message: "No test or eval scenario names SPEC-0007/AC-2 in its title or covers list.",
      suggestion: 'Add a test titled "SPEC-0007/AC-2: redirects to /login" or cover it in an eval.',
    },
    {
      id: "spec-2",
      layer: "spec",
      ruleId: "JIG-S004",
      severity: "medium",
      file: "specs/SPEC-0007-session-timeout.md",
      line: 14,
      title: "Vague word in criterion",
      message: 'AC-3 says "configurable" & <tenant> without saying how | where.',
      suggestion: "Name the setting and its range, e.g. idleTimeoutMinutes: 5..120.",
    },
    {
      id: "scope-1",
      layer: "scope",
      ruleId: "JIG-A002",
      severity: "low",
      file: "src/auth/login.ts",
      line: 88,
      endLine: 91,
      title: "Change touches a file outside the spec's domains",
      message: "src/auth/login.ts is in domain auth/login; SPEC-0007 lists auth/session.",
    },
    {
      id: "integrity-1",
      layer: "integrity",
      ruleId: "JIG-T001",
      severity: "critical",
      file: "evals/holdout/login.yaml",
      line: 1,
      title: "A coding agent changed a governance input",
      message:
        "evals/holdout/login.yaml is the holdout eval suites and their seal (evals/**), and a coding agent's commit changed it: 1a2b3c4 (Agent: coder).",
      suggestion:
        "Drop this file from the agent's change. If the rule must change, a person changes it in a separate change and merges it first.",
    },
    {
      id: "scope-2",
      layer: "scope",
      ruleId: "JIG-A003",
      severity: "info",
      title: "Change has no test file for src/auth/login.ts",
      message: "Consider adding a test beside the changed module.",
    },
  ];
}

/** Where the sample report's rules came from: the base of its range. */
function sampleGovernance(): NonNullable<Report["governance"]> {
  return {
    source: "base",
    revision: "1a2b3c4d5e6f708192a3b4c5d6e7f80912a3b4c5",
    config: "jig.config.yaml@1a2b3c4",
    bootstrap: false,
    files: [
      { path: "jig.config.yaml", kind: "config" },
      { path: "agents/coder.yaml", kind: "agents" },
      { path: "evals/holdout/login.yaml", kind: "evals" },
      { path: "specs/SPEC-0007-session-timeout.md", kind: "specs" },
    ],
  };
}
