import { afterEach, describe, expect, it } from "vitest";
import type { Report } from "../../src/contract/index.js";
import { useSeededRepo } from "../../src/test-support/seeded-repo.js";
import type { TempRepo } from "../../src/test-support/temp-repo.js";
import { runJig } from "./run-jig.js";
import {
  type Actor,
  AGENT_ACTORS,
  commitAs,
  makeTamperedChange,
  seedGovernedRepo,
  TAMPER_CASES,
  writeCleanCode,
} from "./tamper-corpus.js";

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

const seeded = useSeededRepo((seed) => {
  seedGovernedRepo(seed);
  seed.git("checkout", "-q", "-b", "change");
}, "jig-e2e-tamper-");

function check(dir: string): { code: number | null; report: Report } {
  const result = runJig(["check", "--format", "json", "--no-ai"], { cwd: dir });
  if (result.code === 2 || result.code === 4 || result.code === null) {
    throw new Error(`jig check exited ${result.code}: ${result.stderr}`);
  }
  return { code: result.code, report: JSON.parse(result.stdout) as Report };
}

function t001(report: Report) {
  return report.findings.filter((finding) => finding.ruleId === "JIG-T001");
}

describe("tamper corpus: a change never loosens the rules that judge it", () => {
  it("has at least 30 self-weakening changes, each named once", () => {
    expect(TAMPER_CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(TAMPER_CASES.map((entry) => entry.id)).size).toBe(TAMPER_CASES.length);
  });

  it.each<[string, Actor]>([
    ["a person", { kind: "person" }],
    ["an agent", { kind: "agent", trailer: "Agent: coder" }],
  ])("control: the code change alone, by %s, passes the base's rules", (_who, actor) => {
    repo = seeded();
    const base = repo.git("rev-parse", "HEAD");
    writeCleanCode(repo);
    commitAs(repo, "notes for refunds", actor, "SPEC-0001");
    const { code, report } = check(repo.dir);
    expect(report.verdict.reasons).toEqual([expect.stringMatching(/^skipped/)]);
    expect(report.verdict.outcome).toBe("pass");
    expect(code).toBe(0);
    expect(report.governance).toMatchObject({ source: "base", revision: base, bootstrap: false });
  });

  describe.each(TAMPER_CASES.map((entry, index) => [entry.id, entry, index] as const))(
    "%s",
    (_id, tamperCase, index) => {
      it(`${tamperCase.what}: by an agent, FAIL with a critical JIG-T001`, () => {
        repo = seeded();
        const actor = AGENT_ACTORS[index % AGENT_ACTORS.length] as Actor;
        makeTamperedChange(repo, tamperCase, actor);
        const { code, report } = check(repo.dir);
        expect(report.verdict.outcome).toBe("fail");
        expect(code).toBe(1);
        const critical = t001(report).filter((finding) => finding.severity === "critical");
        for (const path of tamperCase.touches) {
          expect(critical.map((finding) => finding.file)).toContain(path);
        }
      });

      it(`${tamperCase.what}: by a person, needs a human, never FAIL for that alone`, () => {
        repo = seeded();
        makeTamperedChange(repo, tamperCase, { kind: "person" });
        const { code, report } = check(repo.dir);
        expect(report.verdict.outcome).toBe("needs-human");
        expect(code).toBe(3);
        const findings = t001(report);
        for (const path of tamperCase.touches) {
          expect(findings.map((finding) => finding.file)).toContain(path);
        }
        expect(findings.every((finding) => finding.needsHuman === true)).toBe(true);
        expect(report.verdict.reasons.join("\n")).toMatch(/a person must review and merge/);
      });
    },
  );
});
