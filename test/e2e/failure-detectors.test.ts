import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../../src/test-support/temp-repo.js";
import { runJig } from "./run-jig.js";

interface JsonFinding {
  ruleId: string;
  severity: string;
  file: string;
  line: number;
  message: string;
}

const GUARDED = `export function setPath(target, keys, value) {
  for (const key of keys.slice(0, -1)) {
    if (key === "__proto__" || key === "constructor") return target;
    target = target[key] ??= {};
  }
  target[keys.at(-1)] = value;
  return target;
}
`;

let repo: TempRepo;
const commits: string[] = [];

beforeAll(() => {
  repo = createTempRepo("jig-e2e-detectors-");
  repo.write("src/set-path.js", GUARDED);
  repo.write("src/parse.js", "export const WORD = /^\\w+$/;\n");
  commits.push(repo.commit("base"));
  // A reversed prototype-pollution fix: the key check goes.
  repo.write("src/set-path.js", GUARDED.replace(/ {4}if \(key === "__proto__".*\n/, ""));
  commits.push(repo.commit("simplify setPath"));
  // A reversed ReDoS fix: the regex gets a nested quantifier.
  repo.write("src/parse.js", "export const WORD = /^(\\w+\\s?)*$/;\n");
  commits.push(repo.commit("accept several words"));
});
afterAll(() => repo.cleanup());

function check(base: string, head: string) {
  const result = runJig(["failures", "check", "--base", base, "--head", head, "--format", "json"], {
    cwd: repo.dir,
  });
  const findings = (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
  return { code: result.code, findings, stderr: result.stderr };
}

describe("jig failures check: removed guards and unsafe regexes", () => {
  it("blocks a commit that removes a __proto__ guard, pointing at the old line", () => {
    const { code, findings, stderr } = check(commits[0] as string, commits[1] as string);
    expect(stderr).toBe("");
    expect(code).toBe(1);
    const guard = findings.filter((finding) => finding.ruleId === "FM-GUARD-001");
    expect(guard).toHaveLength(1);
    expect(guard[0]).toMatchObject({ severity: "high", file: "src/set-path.js", line: 3 });
    expect(guard[0]?.message).toContain("Removed line 3 of the old file");
    expect(findings.some((finding) => finding.ruleId === "FM-REDOS-001")).toBe(false);
  });

  it("blocks a commit that adds /^(\\w+\\s?)*$/, with recheck's attack string", () => {
    const { code, findings } = check(commits[1] as string, commits[2] as string);
    expect(code).toBe(1);
    const redos = findings.filter((finding) => finding.ruleId === "FM-REDOS-001");
    expect(redos).toHaveLength(1);
    expect(redos[0]).toMatchObject({ severity: "high", file: "src/parse.js", line: 1 });
    expect(redos[0]?.message).toContain(
      "`/^(\\w+\\s?)*$/` backtracks catastrophically (exponential)",
    );
    expect(redos[0]?.message).toMatch(/Attack string: '.+'\.repeat\(\d+\)/);
  });
});
