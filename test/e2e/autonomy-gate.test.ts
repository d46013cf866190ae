import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { Report } from "../../src/contract/index.js";
import { useSeededRepo } from "../../src/test-support/seeded-repo.js";
import type { TempRepo } from "../../src/test-support/temp-repo.js";
import { runJig } from "./run-jig.js";
import { BASE_CONFIG, commitAs, seedGovernedRepo } from "./tamper-corpus.js";

const SONNET = "anthropic:claude-sonnet-4-5";
const OPUS = "anthropic:claude-opus-4-1";

const CONFIG = `${BASE_CONFIG}domains:
  notes: ["src/notes.js"]
  refunds: ["src/refunds.js"]
models:
  coder: ${SONNET}
  reviewer: openai:gpt-4.1
`;

/** notes: full-auto, earned with the config's models; refunds: supervised. */
const AUTONOMY = `classes:
  - agent: coder
    domain: notes
    mode: full-auto
    earnedWith: {coder: "${SONNET}", reviewer: "openai:gpt-4.1"}
  - {agent: coder, domain: refunds, mode: supervised}
`;

const coder = { kind: "agent", trailer: "Agent: coder" } as const;

/** `jig check` as JSON; exit 2 or 4 is the test's failure. */
function check(repo: TempRepo, format = "json"): { code: number | null; stdout: string } {
  const result = runJig(["check", "--format", format, "--no-ai"], { cwd: repo.dir });
  if (result.code === 2 || result.code === null || (result.code ?? 0) >= 4) {
    throw new Error(`jig check exited ${result.code}: ${result.stderr}`);
  }
  return { code: result.code, stdout: result.stdout };
}
const report = (repo: TempRepo): Report => JSON.parse(check(repo).stdout) as Report;

function query<T>(repo: TempRepo, sql: string): T[] {
  const db = new Database(join(repo.dir, ".jig", "jig.db"), { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

describe("the gate's merge field, evidence and model-change demotion (e2e)", () => {
  let repo: TempRepo | undefined;
  afterEach(() => repo?.cleanup());
  const seeded = useSeededRepo((seed) => {
    seedGovernedRepo(seed);
    seed.write("jig.config.yaml", CONFIG);
    seed.write("autonomy.yaml", AUTONOMY);
    seed.commit("grant coder full-auto on notes");
    seed.git("checkout", "-q", "-b", "change");
  }, "jig-e2e-autonomy-gate-");
  const fresh = () => {
    repo = seeded();
    return repo;
  };

  it("PASS in a full-auto domain: merge auto, and the run's evidence is in the store", () => {
    const r = fresh();
    r.write("src/notes.js", 'export const notes = ["refunds above the cap escalate"];\n');
    commitAs(r, "notes for refunds", coder, "SPEC-0001");
    const result = report(r);
    expect(result.verdict.outcome).toBe("pass");
    expect(result.merge).toEqual({
      decision: "auto",
      reason: "verdict pass, and notes is full-auto for coder",
      agents: ["coder"],
      domains: [
        { agent: "coder", domain: "notes", mode: "full-auto", source: "autonomy.yaml classes[0]" },
      ],
    });
    const events = query<{
      agent: string;
      domain: string;
      kind: string;
      coder_model: string;
      detail: string;
    }>(r, "SELECT agent, domain, kind, coder_model, reviewer_model, detail FROM autonomy_events");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      agent: "coder",
      domain: "notes",
      kind: "gate",
      coder_model: SONNET,
    });
    expect(JSON.parse(events[0]?.detail ?? "{}")).toEqual({
      verdict: "pass",
      runId: result.run.id,
      head: result.range.head,
    });
  });

  it("a supervised domain: merge human with the reason, in JSON, markdown, SARIF and text", () => {
    const r = fresh();
    r.write("src/refunds.js", "export const cap = 50000; // cents\n");
    commitAs(r, "say the cap is in cents", coder, "SPEC-0001");
    const result = report(r);
    expect(result.verdict.outcome).toBe("pass");
    expect(result.merge).toMatchObject({
      decision: "human",
      reason: "refunds is supervised for coder",
      domains: [{ agent: "coder", domain: "refunds", mode: "supervised" }],
    });
    expect(check(r, "markdown").stdout).toContain(
      "**Merge:** human — refunds is supervised for coder",
    );
    expect(check(r, "text").stdout).toMatch(/Merge: human — refunds is supervised for coder/);
    const sarif = JSON.parse(check(r, "sarif").stdout);
    expect(sarif.runs[0].properties.merge.decision).toBe("human");
    // The evals layer ran on refunds.js: its suite's satisfaction is evidence for the class.
    const evals = query<{ subject: string; detail: string }>(
      r,
      "SELECT subject, detail FROM autonomy_events WHERE kind = 'eval' AND domain = 'refunds'",
    );
    expect(evals.length).toBeGreaterThan(0);
    expect(evals[0]?.subject).toBe("refunds");
    expect(JSON.parse(evals[0]?.detail ?? "{}").satisfaction).toBe(1);
  });

  it("an autonomy.yaml the change writes is ignored: the base's modes decide", () => {
    const r = fresh();
    r.write("autonomy.yaml", "classes:\n  - {agent: '*', domain: '*', mode: full-auto}\n");
    r.write("src/refunds.js", "export const cap = 50000; // cents\n");
    commitAs(r, "cents, and more trust", coder, "SPEC-0001");
    const result = report(r);
    expect(result.verdict.outcome).toBe("fail");
    expect(result.findings.map((finding) => [finding.ruleId, finding.file])).toContainEqual([
      "JIG-T001",
      "autonomy.yaml",
    ]);
    expect(result.merge).toMatchObject({
      decision: "human",
      // autonomy.yaml is in no domain (`*`): the grant it carries does not apply to itself either.
      reason: "verdict fail; * is supervised for coder; refunds is supervised for coder",
    });
  });

  it("a person's commit (no agent) and a base without autonomy.yaml are merged by a person", () => {
    const r = fresh();
    r.write("src/notes.js", 'export const notes = ["by hand"];\n');
    commitAs(r, "notes by hand", { kind: "person" }, "SPEC-0001");
    expect(report(r).merge).toMatchObject({ decision: "human", reason: "no agent attribution" });
    r.git("checkout", "-q", "main");
    r.git("rm", "-q", "autonomy.yaml");
    r.commit("drop autonomy for now");
    r.git("checkout", "-q", "-b", "after");
    r.write("src/notes.js", 'export const notes = ["by coder"];\n');
    commitAs(r, "notes by coder", coder, "SPEC-0001");
    const base = r.git("rev-parse", "main");
    expect(report(r).merge).toMatchObject({
      decision: "human",
      reason: `autonomy.yaml not present on the base (${base.slice(0, 7)})`,
    });
  });

  it("a person changing models.coder demotes the class on the next jig check, audited once", () => {
    const r = fresh();
    r.git("checkout", "-q", "main");
    r.write("jig.config.yaml", CONFIG.replace(`coder: ${SONNET}`, `coder: ${OPUS}`));
    r.commit("move the coder to opus");
    r.git("checkout", "-q", "-b", "after-model-change");
    r.write("src/notes.js", 'export const notes = ["refunds above the cap escalate"];\n');
    commitAs(r, "notes for refunds", coder, "SPEC-0001");
    const first = report(r);
    expect(first.verdict.outcome).toBe("pass");
    expect(first.merge).toMatchObject({
      decision: "human",
      reason: "notes is auto-logged for coder",
      domains: [
        { domain: "notes", mode: "auto-logged", source: expect.stringMatching(/^demoted/) },
      ],
    });
    const second = report(r);
    expect(second.merge?.reason).toBe("notes is auto-logged for coder");
    const demotions = query<{
      agent: string;
      domain: string;
      from_mode: string;
      to_mode: string;
      trigger: string;
      reason: string;
    }>(r, "SELECT agent, domain, from_mode, to_mode, trigger, reason FROM autonomy_demotions");
    expect(demotions).toEqual([
      {
        agent: "coder",
        domain: "notes",
        from_mode: "full-auto",
        to_mode: "auto-logged",
        trigger: "model-change",
        reason: expect.stringContaining(`coder ${SONNET} → ${OPUS}`),
      },
    ]);
    const tail = runJig(["audit", "tail", "--format", "json"], { cwd: r.dir });
    const records = JSON.parse(tail.stdout) as Array<{
      tool: string;
      decision: string;
      policies: string[];
      reason: string;
    }>;
    const audited = records.filter((record) => record.tool === "Autonomy");
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ decision: "deny", policies: ["jig.autonomy.demote"] });
    expect(audited[0]?.reason).toContain(OPUS);
    const verify = runJig(["audit", "verify"], { cwd: r.dir });
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  });
});
