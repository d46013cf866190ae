import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../../src/test-support/temp-repo.js";
import { runJig } from "./run-jig.js";

const repos: TempRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});
function repo(): TempRepo {
  const created = createTempRepo("jig-e2e-eval-init-");
  repos.push(created);
  return created;
}

describe("jig eval init", () => {
  it("writes a python starter that jig eval run accepts and passes, and never overwrites it", () => {
    const r = repo();
    r.write("pyproject.toml", "[project]\nname = 'svc'\n");
    const init = runJig(["eval", "init", "svc"], { cwd: r.dir });
    expect(init.code).toBe(0);
    expect(init.stdout).toBe(
      "wrote evals/svc.yaml: a python starter suite with a command target and 3 scenarios\nnext: point its target at your program, then run 'jig eval run svc'; when it says what you mean, a person seals it with 'jig eval seal'\n",
    );
    expect(readFileSync(join(r.dir, "evals/svc.yaml"), "utf8")).toContain("python3");
    const run = runJig(["eval", "run", "svc", "--no-progress"], { cwd: r.dir });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("(3/3 runs passed)");

    const again = runJig(["eval", "init", "svc"], { cwd: r.dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(
      "jig eval: evals/svc.yaml already exists; jig eval init never overwrites a suite. Pick another name: jig eval init NAME\n",
    );
  });

  it("jig eval run warns on its first line when the suites no longer match the seal, and still runs them", () => {
    const r = repo();
    expect(runJig(["eval", "init"], { cwd: r.dir }).code).toBe(0);
    expect(runJig(["eval", "seal", "--by", "ana@example.com"], { cwd: r.dir }).code).toBe(0);
    const sealed = runJig(["eval", "run", "--no-progress"], { cwd: r.dir });
    expect(sealed.stderr).toBe("");
    r.write(
      "evals/smoke.yaml",
      `${readFileSync(join(r.dir, "evals/smoke.yaml"), "utf8")}# edited\n`,
    );
    const drifted = runJig(["eval", "run"], { cwd: r.dir });
    expect(drifted.code).toBe(0);
    expect(drifted.stderr.split("\n")[0]).toMatch(
      /^jig eval: warning: the suites in evals no longer match the seal ana@example\.com made at \S+ \(changed smoke\.yaml\); running them anyway\./,
    );
    expect(drifted.stdout).toContain("(3/3 runs passed)");
  });

  it("jig eval run prints the suite format's reference when a suite has no scenarios", () => {
    const r = repo();
    r.write("evals/empty.yaml", "suite: empty\ntarget: { command: [cat] }\nscenarios: []\n");
    const run = runJig(["eval", "run"], { cwd: r.dir });
    expect(run.code).toBe(2);
    const lines = run.stderr.split("\n");
    expect(lines[0]).toBe(
      'evals/empty.yaml:3:12: "scenarios": Too small: expected array to have >=1 items [eval/invalid]',
    );
    expect(lines[2]).toBe(
      "A suite has at least one scenario. The format (full reference: docs/evals.md; a starter: jig eval init):",
    );
    expect(run.stderr).toContain("Assertion types: equals, contains, not-contains,");
  });
});
