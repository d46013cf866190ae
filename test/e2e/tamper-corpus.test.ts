import { describe, expect, it } from "vitest";
import { type Actor, commitAs, TAMPER_CASES, writeCleanCode } from "./tamper-corpus.js";
import { checkChange, describeTamperCases, TAMPER_HALF, useTamperRepo } from "./tamper-runner.js";

const fresh = useTamperRepo();

describe("tamper corpus: a change never loosens the rules that judge it", () => {
  it("has at least 30 self-weakening changes, each named once", () => {
    expect(TAMPER_CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(TAMPER_CASES.map((entry) => entry.id)).size).toBe(TAMPER_CASES.length);
  });

  it.each<[string, Actor]>([
    ["a person", { kind: "person" }],
    ["an agent", { kind: "agent", trailer: "Agent: coder" }],
  ])("control: the code change alone, by %s, passes the base's rules", (_who, actor) => {
    const repo = fresh();
    const base = repo.git("rev-parse", "HEAD");
    writeCleanCode(repo);
    commitAs(repo, "notes for refunds", actor, "SPEC-0001");
    const { code, report } = checkChange(repo.dir);
    expect(report.verdict.reasons).toEqual([expect.stringMatching(/^skipped/)]);
    expect(report.verdict.outcome).toBe("pass");
    expect(code).toBe(0);
    expect(report.governance).toMatchObject({ source: "base", revision: base, bootstrap: false });
  });

  describeTamperCases(TAMPER_CASES.slice(0, TAMPER_HALF), 0, fresh);
});
