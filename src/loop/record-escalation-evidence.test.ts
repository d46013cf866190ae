import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createAutonomyStore } from "../autonomy/index.js";
import { defaultConfig } from "../config/config-schema.js";
import { openJigDatabase } from "../store/index.js";
import { sampleReport } from "../testing/sample-report.js";
import type { Escalation } from "./escalation-reason.js";
import { coderAgent, recordEscalationEvidence } from "./record-escalation-evidence.js";

describe("recordEscalationEvidence", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("records an escalation per agent × touched domain, in the real store, with the models", () => {
    const repoRoot = mkdtempSync(join(tmpdir(), "jig-escalation-evidence-"));
    dirs.push(repoRoot);
    const base = defaultConfig();
    const config = {
      ...base,
      domains: { auth: ["src/auth/**"] },
      models: { ...base.models, coder: "anthropic:claude-sonnet-4-5", reviewer: "openai:gpt-4.1" },
    };
    const report = {
      ...sampleReport(),
      change: { ...sampleReport().change, paths: ["src/auth/session.ts", "README.md"] },
      merge: { decision: "human" as const, reason: "verdict fail", agents: ["coder"], domains: [] },
    };
    const escalation = {
      id: "loop-1",
      createdAt: "2026-12-05T10:00:00.000Z",
      reason: "max-iterations",
      rounds: [],
    } as unknown as Escalation;
    const env = { JIG_REVIEW_MODEL: "openai:o3" };
    const added = recordEscalationEvidence({
      repoRoot,
      config,
      env,
      coder: "claude -p",
      escalation,
      report,
    });
    expect(added).toBe(2);
    const db = openJigDatabase(join(repoRoot, config.store.path));
    try {
      expect(createAutonomyStore(db).events({ kinds: ["escalation"] })).toEqual(
        ["*", "auth"].map((domain) => ({
          at: "2026-12-05T10:00:00.000Z",
          agent: "coder",
          domain,
          kind: "escalation",
          subject: "loop-1",
          coderModel: "anthropic:claude-sonnet-4-5",
          reviewerModel: "openai:o3",
          detail: { reason: "max-iterations", lastRunId: report.run.id, rounds: 0 },
        })),
      );
    } finally {
      db.close();
    }
  });

  it("names uncommitted edits after the coder command's program", () => {
    expect(coderAgent("claude -p --verbose")).toBe("claude");
    expect(coderAgent("npx aider --yes")).toBe("aider");
    expect(coderAgent("/usr/local/bin/codex exec")).toBe("codex");
  });
});
