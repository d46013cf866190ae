import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useSeededRepo } from "../../src/test-support/seeded-repo.js";
import type { TempRepo } from "../../src/test-support/temp-repo.js";
import { runJig } from "./run-jig.js";

/** Network interface names in a /proc/net/dev listing. */
const interfaces = (listing: string): string[] =>
  listing
    .split("\n")
    .slice(2)
    .map((line) => line.split(":")[0]?.trim() ?? "")
    .filter(Boolean)
    .sort();

describe("jig run sandbox boundaries (e2e, real bubblewrap)", () => {
  let repo: TempRepo;
  const seeded = useSeededRepo((seed) => {
    seed.write(
      "agents/builder.yaml",
      "name: builder\nrole: builds\npermissions:\n  tools: { allow: [Bash] }\n  files: { read: ['**'], write: ['**'] }\n  commands: [[touch], [cat], [sh]]\n",
    );
    seed.write(
      "agents/fetcher.yaml",
      "name: fetcher\nrole: fetches\npermissions:\n  tools: { allow: [Bash] }\n  files: { read: ['**'], write: ['src/**'] }\n  commands: [[cat]]\n  network: [registry.npmjs.org]\n",
    );
    seed.write(
      "agents/evaluator.yaml",
      "name: evaluator\nrole: runs the holdout evals\nholdout: read\npermissions:\n  tools: { allow: [Bash] }\n  files: { read: ['**'], write: ['**'] }\n  commands: [[sh]]\n",
    );
    seed.write(
      "jig.config.yaml",
      "evals:\n  dir: holdout\ngovernance:\n  paths: ['.github/workflows/**']\n",
    );
    seed.write("holdout/suite.yaml", "secret suite\n");
    seed.write("failure-models/payments.yaml", "models: []\n");
    seed.write("specs/SPEC-0001-x.md", "x\n");
    seed.write(".github/workflows/ci.yml", "on: push\n");
    seed.write(".claude/settings.json", "{}\n");
    seed.write("src/.keep", "");
    // Scripts write and read paths they do not name: the guard cannot see
    // them, so only the sandbox stands between them and the files.
    seed.write(
      "src/tamper.sh",
      [
        "for target in holdout/x .git/x agents/x.yaml jig.config.yaml failure-models/x.yaml specs/x.md .github/workflows/x.yml .claude/settings.local.json src/ok.txt; do",
        '  if touch "$target" 2>/dev/null; then echo "wrote $target"; else echo "blocked $target"; fi',
        "done",
        "",
      ].join("\n"),
    );
    seed.write("src/peek.sh", "cat holdout/suite.yaml\nls -A holdout\n");
    seed.commit("base");
  }, "jig-e2e-sandbox-");
  beforeEach(() => {
    repo = seeded();
  });
  afterEach(() => repo.cleanup());

  const run = (agent: string, ...argv: string[]) =>
    runJig(["run", "--agent", agent, "--", ...argv], { cwd: repo.dir });

  it("refuses commands naming evals.dir, .git, agents or the config even under a '**' write scope", () => {
    const ok = run("builder", "touch", "made.txt");
    expect(ok.code, ok.stderr).toBe(0);
    expect(existsSync(join(repo.dir, "made.txt"))).toBe(true);
    for (const target of ["holdout/x", ".git/x", "agents/x.yaml", "jig.config.yaml"]) {
      const blocked = run("builder", "touch", target);
      expect(blocked.code, target).toBe(1);
      expect(blocked.stderr, target).toContain("denied: built-in protection");
    }
    expect(existsSync(join(repo.dir, "holdout", "x"))).toBe(false);
  });

  it("keeps every governance input read-only for a command that does not name it", () => {
    const result = run("builder", "sh", "src/tamper.sh");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim().split("\n")).toEqual([
      "blocked holdout/x",
      "blocked .git/x",
      "blocked agents/x.yaml",
      "blocked jig.config.yaml",
      "blocked failure-models/x.yaml",
      "blocked specs/x.md",
      "blocked .github/workflows/x.yml",
      "blocked .claude/settings.local.json",
      "wrote src/ok.txt",
    ]);
    expect(existsSync(join(repo.dir, "specs", "x.md"))).toBe(false);
  });

  it("hides the holdout suites unless the manifest says holdout: read", () => {
    const hidden = run("builder", "sh", "src/peek.sh");
    expect(hidden.stdout).not.toContain("secret suite");
    expect(hidden.stderr).toContain("No such file");
    const shown = run("evaluator", "sh", "src/peek.sh");
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain("secret suite");
    expect(shown.stdout).toContain("suite.yaml");
    // Shown is not writable: holdout stays read-only for the evaluator too.
    expect(readFileSync(join(repo.dir, "holdout", "suite.yaml"), "utf8")).toBe("secret suite\n");
  });

  it("has no network unless the manifest allows hosts", () => {
    const isolated = run("builder", "cat", "/proc/net/dev");
    expect(isolated.code, isolated.stderr).toBe(0);
    expect(interfaces(isolated.stdout)).toEqual(["lo"]);
    const shared = run("fetcher", "cat", "/proc/net/dev");
    expect(shared.code, shared.stderr).toBe(0);
    expect(interfaces(shared.stdout)).toEqual(interfaces(readFileSync("/proc/net/dev", "utf8")));
  });
});
