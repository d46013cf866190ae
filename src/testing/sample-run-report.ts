import type { Report } from "../contract/index.js";
import type { Finding } from "../core/index.js";

/**
 * A realistic finished report with a chosen run id, start time, finding count
 * and outcome, for store tests: every optional field that a driver could drop
 * (spec, usage, criteria, suggestion, endLine, confidence) is present, so a
 * round trip proves nothing was lost.
 *
 * @example
 * store.finishRun(sampleRunReport("20261125T101500Z-0001", { findings: 3, outcome: "pass" }));
 */
export function sampleRunReport(
  id: string,
  options: { startedAt?: string; findings?: number; outcome?: Report["verdict"]["outcome"] } = {},
): Report {
  const startedAt = options.startedAt ?? "2026-11-25T10:15:00.000Z";
  const findingCount = options.findings ?? 2;
  const findings: Finding[] = Array.from({ length: findingCount }, (_, index) => ({
    id: `spec-${index + 1}`,
    layer: index % 2 === 0 ? "spec" : "scope",
    ruleId: index % 2 === 0 ? "JIG-S003" : "JIG-G001",
    severity: index % 3 === 0 ? "high" : "low",
    ...(index % 2 === 0
      ? { file: `src/file-${index}.ts`, line: index + 1, endLine: index + 3, confidence: 0.75 }
      : {}),
    title: `Finding ${index + 1}`,
    message: `Message for finding ${index + 1} with "quotes" and unicode ✓`,
    ...(index % 2 === 0 ? { suggestion: "Cite an approved spec with a Spec: trailer" } : {}),
  }));
  return {
    schema: "jig.report/v1",
    run: {
      id,
      startedAt,
      finishedAt: new Date(Date.parse(startedAt) + 1234).toISOString(),
      durationMs: 1234,
      jigVersion: "0.1.0",
    },
    range: {
      base: "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d",
      head: "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432",
      baseRef: "main",
      headRef: "HEAD",
      workingTree: true,
      description: "main...HEAD (merge-base 1a2b3c4) + uncommitted changes",
    },
    change: { files: 2, additions: 10, deletions: 3, commits: 1, paths: ["src/a.ts", "src/b.ts"] },
    spec: { id: "SPEC-0007", title: "Login", status: "approved", path: "specs/SPEC-0007-login.md" },
    policy: { failOn: "high", require: ["spec"] },
    layers: [
      { name: "spec", status: "failed", durationMs: 12, findings: 1, notes: ["cited SPEC-0007"] },
      {
        name: "review",
        status: "skipped",
        skipReason: "no model configured; set models.review",
        durationMs: 0,
        findings: 0,
        notes: [],
        usage: { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
      },
      {
        name: "evals",
        status: "error",
        error: "target crashed",
        durationMs: 40,
        findings: 0,
        notes: [],
      },
    ],
    findings,
    criteria: [
      {
        id: "SPEC-0007/AC-1",
        specId: "SPEC-0007",
        criterion: "AC-1",
        text: "Given a user, when they log in, then they see the dashboard",
        status: "unchecked",
      },
    ],
    verdict: { outcome: options.outcome ?? "fail", reasons: ["1 finding at or above high"] },
  };
}
