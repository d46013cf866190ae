import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Report } from "../contract/index.js";
import type { Finding } from "../core/finding.js";
import { openJigDatabase } from "../store/index.js";
import { sampleReport } from "../testing/sample-report.js";
import { createAutonomyStore, createDomainMatcher } from "./index.js";
import { checkEvidence, recordCheckEvidence } from "./record-check-evidence.js";

const match = createDomainMatcher({ billing: ["src/billing/**"], docs: ["docs/**"] });
const models = { coder: "anthropic:claude-sonnet-4-5", reviewer: "openai:gpt-4.1" };

function finding(
  id: string,
  severity: Finding["severity"],
  file?: string,
  waived = false,
): Finding {
  return {
    id,
    layer: "failure-models",
    ruleId: `FM-${id}`,
    severity,
    title: id,
    message: id,
    ...(file ? { file } : {}),
    ...(waived ? { waiver: { reason: "ok", expires: "2099-01-01" } } : {}),
  };
}

function report(): Report {
  const base = sampleReport();
  return {
    ...base,
    change: { ...base.change, paths: ["src/billing/pay.ts", "docs/pay.md"] },
    findings: [
      finding("PAY-001", "critical", "src/billing/pay.ts"),
      finding("DOC-001", "medium", "docs/pay.md"),
      finding("PAY-002", "high", "src/billing/pay.ts", true),
      finding("ANY-001", "high"),
    ],
    layers: [
      {
        name: "evals",
        status: "passed",
        durationMs: 1,
        findings: 0,
        notes: [
          "refunds: satisfaction 93.3% (95% 80.0%–98.0%), pass^3 0.81, threshold 90.0%, 14/15 runs passed",
        ],
      },
    ],
  };
}

describe("checkEvidence", () => {
  it("records the verdict per agent × domain, high+ unwaived findings by their file's domain, and eval satisfaction", () => {
    const events = checkEvidence({ report: report(), agents: ["coder"], match, models });
    const brief = events.map((event) => [event.kind, event.domain, event.subject]);
    expect(brief).toEqual([
      ["gate", "billing", "run-01JZ8Q4K7M"],
      ["gate", "docs", "run-01JZ8Q4K7M"],
      ["finding", "billing", "FM-PAY-001"],
      // A finding about the whole change counts in every touched domain.
      ["finding", "billing", "FM-ANY-001"],
      ["finding", "docs", "FM-ANY-001"],
      ["eval", "billing", "refunds"],
      ["eval", "docs", "refunds"],
    ]);
    expect(
      events.every(
        (event) => event.coderModel === models.coder && event.reviewerModel === models.reviewer,
      ),
    ).toBe(true);
    expect(events.at(-1)?.detail).toEqual({ satisfaction: 0.933, runId: "run-01JZ8Q4K7M" });
    expect(events[0]?.detail).toMatchObject({ verdict: "fail" });
  });

  it("is no class's evidence without an agent", () => {
    expect(checkEvidence({ report: report(), agents: [], match, models })).toEqual([]);
  });

  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("writes them to the real store, readable per class", () => {
    const dir = mkdtempSync(join(tmpdir(), "jig-check-evidence-"));
    dirs.push(dir);
    const db = openJigDatabase(join(dir, "jig.db"));
    try {
      const store = createAutonomyStore(db);
      expect(
        recordCheckEvidence(store, {
          report: report(),
          agents: ["coder", "helper"],
          match,
          models,
        }),
      ).toBe(14);
      expect(store.events({ agent: "helper", domain: "docs" }).map((event) => event.kind)).toEqual([
        "gate",
        "finding",
        "eval",
      ]);
    } finally {
      db.close();
    }
  });
});
