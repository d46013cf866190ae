import { afterEach, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../../test-support/temp-repo.js";
import { policyFingerprint } from "./policy-fingerprint.js";

describe("guard daemon policy fingerprint", () => {
  let repo: TempRepo | undefined;
  afterEach(() => repo?.cleanup());

  it("fingerprints the policy by content, not by size and mtime", () => {
    repo = createTempRepo("jig-hook-client-");
    repo.write("agents/coder.yaml", "name: coder\n");
    const first = policyFingerprint(repo.dir, "agents");
    expect(policyFingerprint(repo.dir, "agents")).toBe(first);
    repo.write("agents/coder.yaml", "name: codeR\n");
    const edited = policyFingerprint(repo.dir, "agents");
    expect(edited).not.toBe(first);
    repo.write("agents/extra.cedar", "");
    expect(policyFingerprint(repo.dir, "agents")).not.toBe(edited);
    repo.write("jig.config.yaml", "agents: {}\n");
    expect(policyFingerprint(repo.dir, "agents")).not.toBe(edited);
  });
});
