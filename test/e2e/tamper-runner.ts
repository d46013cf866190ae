import { afterEach, describe, expect, it } from "vitest";
import type { Report } from "../../src/contract/index.js";
import { useSeededRepo } from "../../src/test-support/seeded-repo.js";
import type { TempRepo } from "../../src/test-support/temp-repo.js";
import { runJig } from "./run-jig.js";
import {
  type Actor,
  AGENT_ACTORS,
  makeTamperedChange,
  seedGovernedRepo,
  TAMPER_CASES,
  type TamperCase,
} from "./tamper-corpus.js";

/** The corpus runs in two files, so two workers share it. */
export const TAMPER_HALF = Math.ceil(TAMPER_CASES.length / 2);

/**
 * A repository seeded once per test file with jig adopted on main, and a
 * fresh copy for each test, on a `change` branch.
 */
export function useTamperRepo() {
  let repo: TempRepo | undefined;
  afterEach(() => repo?.cleanup());
  const seeded = useSeededRepo((seed) => {
    seedGovernedRepo(seed);
    seed.git("checkout", "-q", "-b", "change");
  }, "jig-e2e-tamper-");
  return (): TempRepo => {
    repo = seeded();
    return repo;
  };
}

/** `jig check` on the change, as JSON; a usage or internal error is the test's failure. */
export function checkChange(dir: string): { code: number | null; report: Report } {
  const result = runJig(["check", "--format", "json", "--no-ai"], { cwd: dir });
  if (result.code === 2 || result.code === 4 || result.code === null) {
    throw new Error(`jig check exited ${result.code}: ${result.stderr}`);
  }
  return { code: result.code, report: JSON.parse(result.stdout) as Report };
}

function t001(report: Report) {
  return report.findings.filter((finding) => finding.ruleId === "JIG-T001");
}

/** Each case twice: by an agent (FAIL, critical JIG-T001) and by a person (needs a human). */
export function describeTamperCases(
  cases: readonly TamperCase[],
  offset: number,
  fresh: () => TempRepo = useTamperRepo(),
): void {
  describe.each(cases.map((entry, index) => [entry.id, entry, offset + index] as const))(
    "%s",
    (_id, tamperCase, index) => {
      it(`${tamperCase.what}: by an agent, FAIL with a critical JIG-T001`, () => {
        const repo = fresh();
        const actor = AGENT_ACTORS[index % AGENT_ACTORS.length] as Actor;
        makeTamperedChange(repo, tamperCase, actor);
        const { code, report } = checkChange(repo.dir);
        expect(report.verdict.outcome).toBe("fail");
        expect(code).toBe(1);
        const critical = t001(report).filter((finding) => finding.severity === "critical");
        for (const path of tamperCase.touches) {
          expect(critical.map((finding) => finding.file)).toContain(path);
        }
      });

      it(`${tamperCase.what}: by a person, needs a human, never FAIL for that alone`, () => {
        const repo = fresh();
        makeTamperedChange(repo, tamperCase, { kind: "person" });
        const { code, report } = checkChange(repo.dir);
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
}
