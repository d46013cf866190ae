import { existsSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ValidationError } from "../core/errors.js";
import { createTempRepo, type TempRepo } from "../test-support/temp-repo.js";
import { readGovernanceAt } from "./read-governance.js";

let repo: TempRepo;
afterEach(() => repo?.cleanup());

describe("readGovernanceAt", () => {
  it("copies the base's governance files, never the working tree's, and lists each with its kind", async () => {
    repo = createTempRepo();
    repo.write("jig.config.yaml", "gate:\n  failOn: high\n");
    repo.write("agents/coder.yaml", "name: coder\n");
    repo.write("failure-models/own.yaml", "domain: own\n");
    repo.write("evals/refunds.yaml", "suite: refunds\n");
    repo.write("specs/SPEC-0001-cap.md", "---\nid: SPEC-0001\n---\n");
    repo.write("CODEOWNERS", "* @lead\n");
    repo.write("src/app.js", "export {};\n");
    const base = repo.commit("base");
    // The change loosens everything, committed and not.
    repo.write("jig.config.yaml", "gate:\n  failOn: critical\n  require: []\n");
    repo.write("agents/coder.yaml", "name: coder\nwrite: ['**']\n");
    repo.commit("loosen");
    repo.write("evals/refunds.yaml", "suite: refunds\nscenarios: []\n");

    const snapshot = await readGovernanceAt(repo.dir, base);
    try {
      expect(snapshot).toMatchObject({ source: "base", revision: base, bootstrap: false });
      expect(snapshot.config.gate.failOn).toBe("high");
      expect(snapshot.config.gate.require).toEqual(["spec"]);
      expect(snapshot.root).not.toBe(repo.dir);
      expect(readFileSync(join(snapshot.root, "agents/coder.yaml"), "utf8")).toBe("name: coder\n");
      expect(readFileSync(join(snapshot.root, "evals/refunds.yaml"), "utf8")).toBe(
        "suite: refunds\n",
      );
      // Code is never copied; CODEOWNERS is watched by the integrity layer, never read.
      expect(existsSync(join(snapshot.root, "src/app.js"))).toBe(false);
      expect(existsSync(join(snapshot.root, "CODEOWNERS"))).toBe(false);
      expect(snapshot.files.map((file) => [file.path, file.kind]).sort()).toEqual([
        ["agents/coder.yaml", "agents"],
        ["evals/refunds.yaml", "evals"],
        ["failure-models/own.yaml", "failure-models"],
        ["jig.config.yaml", "config"],
        ["specs/SPEC-0001-cap.md", "specs"],
      ]);
    } finally {
      await snapshot.dispose();
    }
    expect(existsSync(snapshot.root)).toBe(false);
  });

  it("never follows a symlink at the base, and says so", async () => {
    repo = createTempRepo();
    repo.write("jig.config.yaml", "version: 1\n");
    repo.write("elsewhere/coder.yaml", "name: coder\nwrite: ['**']\n");
    symlinkSync("../elsewhere/coder.yaml", join(repo.dir, "agents-link"));
    repo.write("agents/.keep", "");
    symlinkSync("../elsewhere/coder.yaml", join(repo.dir, "agents/coder.yaml"));
    const base = repo.commit("linked manifest");
    const snapshot = await readGovernanceAt(repo.dir, base);
    try {
      expect(snapshot.skipped).toEqual(["agents/coder.yaml"]);
      expect(existsSync(join(snapshot.root, "agents/coder.yaml"))).toBe(false);
    } finally {
      await snapshot.dispose();
    }
  });

  it("marks a base without jig.config.yaml as bootstrap, with the defaults", async () => {
    repo = createTempRepo();
    repo.write("src/app.js", "export {};\n");
    const base = repo.commit("no jig yet");
    repo.write("jig.config.yaml", "gate:\n  require: []\n");
    const snapshot = await readGovernanceAt(repo.dir, base);
    try {
      expect(snapshot.bootstrap).toBe(true);
      expect(snapshot.config.gate.require).toEqual(["spec"]);
    } finally {
      await snapshot.dispose();
    }
  });

  it("reports an invalid config at the base with its line, as bad input", async () => {
    repo = createTempRepo();
    repo.write("jig.config.yaml", "version: 1\ngate:\n  failOn: sometimes\n");
    const base = repo.commit("broken config");
    const error = await readGovernanceAt(repo.dir, base).catch((caught) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(/^jig\.config\.yaml:3:\d+: .*failOn/);
  });
});

describe("readGovernanceAt on nested and moved folders", () => {
  it("walks the folders the base's config names, at any depth", async () => {
    repo = createTempRepo();
    repo.write("jig.config.yaml", "agents:\n  dir: policy/agents\n");
    repo.write("policy/agents/coder.yaml", "name: coder\n");
    repo.write("policy/agents/team/reviewer.yaml", "name: reviewer\n");
    repo.write("agents/ignored.yaml", "name: ignored\n");
    const base = repo.commit("nested");
    const snapshot = await readGovernanceAt(repo.dir, base);
    try {
      expect(
        snapshot.files
          .filter((file) => file.kind === "agents")
          .map((file) => file.path)
          .sort(),
      ).toEqual(["policy/agents/coder.yaml", "policy/agents/team/reviewer.yaml"]);
      expect(readFileSync(join(snapshot.root, "policy/agents/team/reviewer.yaml"), "utf8")).toBe(
        "name: reviewer\n",
      );
    } finally {
      await snapshot.dispose();
    }
  });

  it("names the revision when it has no tree", async () => {
    repo = createTempRepo();
    repo.commit("empty");
    await expect(readGovernanceAt(repo.dir, "0".repeat(40))).rejects.toThrow(
      /cannot read the tree/,
    );
  });
});
