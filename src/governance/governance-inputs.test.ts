import { describe, expect, it } from "vitest";
import { configSchema } from "../config/config-schema.js";
import {
  createGovernanceMatcher,
  createHoldoutMatcher,
  repoRelativeDir,
} from "./governance-inputs.js";

const config = (input: Record<string, unknown> = {}) => configSchema.parse(input);

describe("createGovernanceMatcher", () => {
  const match = createGovernanceMatcher(
    config({ governance: { paths: [".github/workflows/**"] } }),
  );
  it.each([
    ["jig.config.yaml", "config"],
    ["agents/coder.yaml", "agents"],
    ["agents/extra.cedar", "agents"],
    ["failure-models/payments.yaml", "failure-models"],
    ["evals/refunds.yaml", "evals"],
    ["evals/.jig-seal.json", "evals"],
    ["specs/SPEC-0001-cap.md", "specs"],
    [".claude/settings.json", "project"],
    ["CODEOWNERS", "project"],
    [".github/CODEOWNERS", "project"],
    [".github/workflows/ci.yml", "project"],
    // Case-insensitive file systems make these the same files.
    ["Agents/Coder.yaml", "agents"],
    ["JIG.CONFIG.YAML", "config"],
    ["./agents//coder.yaml", "agents"],
    ["src/../agents/coder.yaml", "agents"],
    // The folder itself: replaced by a symlink or a file.
    ["agents", "agents"],
  ])("%s is a governance input (%s)", (path, kind) => {
    expect(match(path)?.kind).toBe(kind);
  });

  it.each([
    "src/agents/coder.ts",
    "agents-old/coder.yaml",
    "docs/agents.md",
    "src/jig.config.yaml.bak",
    ".claude/commands/x.md",
    "../agents/coder.yaml",
  ])("%s is not", (path) => {
    expect(match(path)).toBeUndefined();
  });

  it("follows the folders the config names, and never reaches outside the repository", () => {
    const moved = createGovernanceMatcher(
      config({ agents: { dir: "policy/agents" }, evals: { dir: "../acme-evals" } }),
    );
    expect(moved("policy/agents/coder.yaml")?.kind).toBe("agents");
    expect(moved("agents/coder.yaml")).toBeUndefined();
    expect(moved("evals/refunds.yaml")).toBeUndefined();
  });
});

describe("createHoldoutMatcher", () => {
  it("matches the suites and the seal only, case-insensitively", () => {
    const holdout = createHoldoutMatcher(config());
    expect(holdout("evals/refunds.yaml")).toBe(true);
    expect(holdout("Evals/.jig-seal.json")).toBe(true);
    expect(holdout("evals")).toBe(true);
    expect(holdout("evals-old/x.yaml")).toBe(false);
    expect(holdout("src/evals.ts")).toBe(false);
  });

  it("matches nothing when the suites live outside the repository", () => {
    expect(createHoldoutMatcher(config({ evals: { dir: "../acme-evals" } }))("evals/x")).toBe(
      false,
    );
  });
});

describe("repoRelativeDir", () => {
  it("normalises inside paths and refuses outside ones", () => {
    expect(repoRelativeDir("./evals/")).toBe("evals");
    expect(repoRelativeDir("a/../evals")).toBe("evals");
    expect(repoRelativeDir(".")).toBe("");
    expect(repoRelativeDir("../x")).toBeUndefined();
    expect(repoRelativeDir("/abs/x")).toBeUndefined();
  });
});

describe("createGovernanceMatcher with a glob picomatch cannot compile", () => {
  it("an overlong governance.paths glob is an input error naming the key, not a crash", () => {
    const long = `${"a".repeat(5000)}/**`;
    expect(() => createGovernanceMatcher(config({ governance: { paths: [long] } }))).toThrowError(
      `jig.config.yaml (a governance path): a 5,003-character glob is longer than 4,096 characters; shorten it or split it into several globs ('${"a".repeat(40)}…')`,
    );
  });
});
