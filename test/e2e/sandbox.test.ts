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
      "name: builder\nrole: builds\npermissions:\n  tools: { allow: [Bash] }\n  files: { read: ['**'], write: ['**'] }\n  commands: [[touch], [cat]]\n",
    );
    seed.write(
      "agents/fetcher.yaml",
      "name: fetcher\nrole: fetches\npermissions:\n  tools: { allow: [Bash] }\n  files: { read: ['**'], write: ['src/**'] }\n  commands: [[cat]]\n  network: [registry.npmjs.org]\n",
    );
    seed.write("jig.config.yaml", "evals:\n  dir: holdout\n");
    seed.write("holdout/suite.yaml", "x\n");
    seed.write("src/.keep", "");
    seed.commit("base");
  }, "jig-e2e-sandbox-");
  beforeEach(() => {
    repo = seeded();
  });
  afterEach(() => repo.cleanup());

  const run = (agent: string, ...argv: string[]) =>
    runJig(["run", "--agent", agent, "--", ...argv], { cwd: repo.dir });

  it("keeps the configured evals.dir, .git, agents and config read-only even under a '**' write scope", () => {
    const ok = run("builder", "touch", "made.txt");
    expect(ok.code, ok.stderr).toBe(0);
    expect(existsSync(join(repo.dir, "made.txt"))).toBe(true);
    for (const target of ["holdout/x", ".git/x", "agents/x.yaml", "jig.config.yaml"]) {
      const blocked = run("builder", "touch", target);
      expect(blocked.code, target).not.toBe(0);
      expect(blocked.stderr, target).toContain("Read-only");
    }
    expect(existsSync(join(repo.dir, "holdout", "x"))).toBe(false);
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
