import { afterEach, describe, expect, it } from "vitest";
import { classBasis, createAutonomyStore } from "../../src/autonomy/autonomy-store.js";
import { parseAutonomy } from "../../src/autonomy/parse-autonomy.js";
import { openJigDatabase } from "../../src/store/index.js";
import { createTempRepo, type TempRepo } from "../../src/test-support/temp-repo.js";
import { APPROVED_SPEC, runJig } from "./run-jig.js";

let repo: TempRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

const CONFIG = `version: 1
domains:
  billing: ["src/billing/**"]
`;

/** A person's first commit: config with a billing domain, an approved spec, the code. */
function seed(): TempRepo {
  const r = createTempRepo("jig-level-");
  r.write("jig.config.yaml", CONFIG);
  r.write(".gitignore", ".jig/\n");
  r.write("specs/SPEC-0001-refund-cap.md", APPROVED_SPEC);
  r.write("src/billing/pay.js", "export const cap = 0;\n");
  r.commit("base");
  repo = r;
  return r;
}

function agentCommit(r: TempRepo, n: number): string {
  r.write("src/billing/pay.js", `export const cap = ${n};\n`);
  return r.commit(`raise the cap to ${n}\n\nSpec: SPEC-0001\nAgent: coder`);
}

interface Json {
  schema: string;
  level: number;
  basis: string;
  domains: Array<{
    domain: string;
    level: number;
    agentCommits: number;
    claims: Array<{ id: string; holds: boolean; evidence: string[]; step?: string }>;
    next: string[];
  }>;
  nextSteps: Array<{ step: string; level: number; domains: string[] }>;
}

function level(r: TempRepo): Json {
  const result = runJig(["level", "--format", "json"], { cwd: r.dir });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Json;
}

function claim(report: Json, id: string) {
  return report.domains.find((d) => d.domain === "billing")?.claims.find((c) => c.id === id);
}

describe("jig level", () => {
  it("on a repository no agent committed to: L0, with the first step, in text and JSON", () => {
    const r = seed();
    const text = runJig(["level"], { cwd: r.dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("Dark Factory level: L0");
    expect(text.stdout).toContain("billing: L0  (no agent commits)");
    expect(text.stdout).toContain("Next steps to L1:");
    expect(text.stdout).toContain("Agent: <name>");
    const json = level(r);
    expect(json.schema).toBe("jig.level/v1");
    expect(json.level).toBe(0);
    expect(json.domains.map((d) => d.domain)).toEqual(["billing", "*"]);
    expect(json.nextSteps[0]?.level).toBe(1);
  });

  it("climbs L1 to L5 as evidence appears, and an incident drops it back to L4", () => {
    const r = seed();
    const base = r.git("rev-parse", "HEAD");

    // L1: an agent's trailer.
    agentCommit(r, 100);
    let report = level(r);
    expect(report.level).toBe(1);
    expect(claim(report, "l1.agents-commit")?.evidence).toContainEqual(
      expect.stringContaining("Agent: coder"),
    );
    expect(report.nextSteps.map((s) => s.step)).toContainEqual(
      expect.stringContaining("jig hooks install"),
    );

    // L2: the pre-push hook, deterministic layers required, a run covering the agent's commits.
    r.write("jig.config.yaml", `${CONFIG}gate:\n  require: [spec, failure-models]\n`);
    r.commit("require the deterministic layers");
    expect(runJig(["hooks", "install", "--pre-push"], { cwd: r.dir }).code).toBe(0);
    report = level(r);
    expect(report.level).toBe(1);
    expect(claim(report, "l2.gate-on-push")?.holds).toBe(true);
    expect(claim(report, "l2.runs-cover-agent-changes")?.holds).toBe(false);
    agentCommit(r, 200);
    runJig(["check", "--base", base, "--head", "HEAD"], { cwd: r.dir });
    report = level(r);
    expect(report.level).toBe(2);
    expect(claim(report, "l2.runs-cover-agent-changes")?.evidence[0]).toMatch(
      /^2 of 2 agent commit\(s\) touching billing .* covered by 1 run\(s\) in \.jig\/jig\.db$/,
    );
    expect(report.nextSteps.map((s) => s.step)).toContainEqual(
      expect.stringContaining("jig agents install claude --agent coder"),
    );

    // L3: a manifest, the guard hook, a reviewer on another model that ran.
    r.write(
      "agents/coder.yaml",
      "name: coder\nrole: Implements specs\npermissions:\n  tools:\n    allow: [Read, Edit]\n  files:\n    read: ['**']\n    write: ['src/**']\n",
    );
    r.write(
      "reviewer.mjs",
      `process.stdin.resume(); process.stdin.on("end", () => console.log(JSON.stringify({ type: "result", result: JSON.stringify({ findings: [], criteria: [] }) })));\n`,
    );
    r.write(
      "jig.config.yaml",
      `${CONFIG}gate:\n  require: [spec, failure-models]\nmodels:\n  reviewer: "command:node reviewer.mjs"\n  coder: anthropic:claude-sonnet-4-5\n`,
    );
    expect(runJig(["agents", "install", "claude", "--agent", "coder"], { cwd: r.dir }).code).toBe(
      0,
    );
    r.commit("manifest, guard hook and reviewer");
    agentCommit(r, 300);
    // The gate reads its rules (the reviewer) from the base: check from the commit adding them.
    runJig(["check", "--base", "HEAD~1", "--head", "HEAD"], { cwd: r.dir });
    report = level(r);
    expect(claim(report, "l3.different-reviewer")?.holds).toBe(true);
    expect(report.level).toBe(3);
    expect(report.nextSteps.map((s) => s.step)).toContainEqual(
      expect.stringContaining("jig eval seal"),
    );

    // L4: sealed evals required, criteria need evidence; no person fixed an agent change.
    r.write("evals/billing.yaml", "suite: billing\n");
    r.write(
      "jig.config.yaml",
      `${CONFIG}gate:\n  require: [spec, failure-models, evals]\n  criteria: evidence\nmodels:\n  reviewer: "command:node reviewer.mjs"\n  coder: anthropic:claude-sonnet-4-5\n`,
    );
    expect(runJig(["eval", "seal", "--by", "test@example.com"], { cwd: r.dir }).code).toBe(0);
    r.commit("sealed evals gate billing");
    report = level(r);
    expect(report.level).toBe(4);
    expect(report.nextSteps.map((s) => s.step)).toContainEqual(
      expect.stringContaining("jig autonomy propose"),
    );

    // L5: a person commits full-auto for the agent in billing.
    r.write("autonomy.yaml", "classes:\n  - {agent: coder, domain: billing, mode: full-auto}\n");
    r.commit("grant full-auto in billing");
    report = level(r);
    expect(report.level).toBe(5);
    expect(report.nextSteps).toEqual([]);
    expect(claim(report, "l5.full-auto")?.evidence).toEqual([
      "coder in billing: full-auto (autonomy.yaml classes[0])",
    ]);

    // A demotion in force (a model change, say) takes L5 away at once...
    const granted = parseAutonomy(
      "classes:\n  - {agent: coder, domain: billing, mode: full-auto}\n",
      "autonomy.yaml",
    ).autonomy?.classes[0];
    const db = openJigDatabase(`${r.dir}/.jig/jig.db`);
    createAutonomyStore(db).demote({
      at: new Date().toISOString(),
      agent: "coder",
      domain: "billing",
      from: "full-auto",
      to: "auto-logged",
      trigger: "model-change",
      reason: "coder model changed",
      basis: classBasis(granted, "coder", "billing"),
    });
    report = level(r);
    expect(report.level).toBe(4);
    expect(claim(report, "l5.full-auto")?.evidence[0]).toMatch(
      /^coder in billing: auto-logged \(demoted to auto-logged/,
    );

    // ...and so does an incident in billing.
    createAutonomyStore(db).record([
      {
        at: new Date().toISOString(),
        agent: "coder",
        domain: "billing",
        kind: "incident",
        subject: r.git("rev-parse", "HEAD~2"),
      },
    ]);
    db.close();
    report = level(r);
    expect(report.level).toBe(4);
    expect(claim(report, "l5.no-incident")?.step).toMatch(/go 90 days without an incident/);
  }, 120_000);

  it("a person's fix on top of an agent's passed change keeps the domain below L4", () => {
    const r = seed();
    agentCommit(r, 100);
    r.write("src/billing/pay.js", "export const cap = 99;\n");
    r.commit("fix the agent's cap by hand");
    const report = level(r);
    const fixed = claim(report, "l4.people-review-only-needs-human");
    expect(fixed?.holds).toBe(false);
    expect(fixed?.evidence[1]).toMatch(/^human commit on top: \w{7} on \w{7}$/);
  });

  it("bad input exits 2 with the file and line", () => {
    const r = seed();
    r.write("autonomy.yaml", "classes:\n  - {agent: coder, domain: billing, mode: turbo}\n");
    r.commit("a bad mode");
    const bad = runJig(["level"], { cwd: r.dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/autonomy\.yaml:2/);
    expect(runJig(["level", "--format", "xml"], { cwd: r.dir }).code).toBe(2);
  });
});
