import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../test-support/temp-repo.js";
import type { SpecDraft } from "./render-spec.js";
import { writeNewSpec } from "./write-new-spec.js";

const draft: SpecDraft = {
  title: "Password reset",
  problem: "Users who forget their password are stuck.",
  audience: "Account holders",
  criteria: ["When a user asks for a reset, then the system sends an email with a link."],
  constraints: [],
  risks: [],
  outOfScope: "SMS resets",
  domains: ["auth"],
  owner: "bob",
  failureModels: [],
  clarifications: [],
};

describe("writeNewSpec", () => {
  let repo: TempRepo | undefined;
  afterEach(() => repo?.cleanup());

  it("takes the number after every id in use, an unparsable file's included", async () => {
    repo = createTempRepo();
    repo.write("specs/SPEC-0002-ok.md", "---\nid: SPEC-0002\ntitle: Ok\n---\n");
    repo.write("specs/SPEC-0007-broken.md", "---\ntitle: [oops\n---\n");
    const { id, absPath } = await writeNewSpec(repo.dir, "specs", draft);
    expect(id).toBe("SPEC-0008");
    expect(absPath).toMatch(/specs\/SPEC-0008-password-reset\.md$/);
    const text = readFileSync(absPath, "utf8");
    expect(text).toContain("id: SPEC-0008");
    expect(text).toContain("status: draft");
  });
});
