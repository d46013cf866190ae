import { afterEach, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../../test-support/temp-repo.js";
import { isSpecApproved } from "./is-spec-approved.js";

const spec = (id: string, status: string) =>
  `---\nid: ${id}\ntitle: Login\nstatus: ${status}\ndomains: [auth]\nowner: alice\n---\n\n## Problem\n\nX.\n`;

describe("isSpecApproved (the guard's spec check)", () => {
  let repo: TempRepo | undefined;
  afterEach(() => repo?.cleanup());

  it("follows JIG_SPEC, then jig spec start, then the branch name, like resolveActiveSpec", () => {
    repo = createTempRepo();
    repo.write("specs/SPEC-0007-login.md", spec("SPEC-0007", "approved"));
    repo.write("specs/SPEC-0008-draft.md", spec("SPEC-0008", "draft"));
    repo.commit("specs");
    // Nothing names a spec on main.
    expect(isSpecApproved(repo.dir, "specs", undefined)).toBe(false);
    repo.git("switch", "-q", "-c", "feature/spec-0007-login");
    expect(isSpecApproved(repo.dir, "specs", undefined)).toBe(true);
    // `jig spec start` outranks the branch name, and a draft is not approved.
    repo.write(".jig/active-spec.json", JSON.stringify({ "feature/spec-0007-login": "SPEC-0008" }));
    expect(isSpecApproved(repo.dir, "specs", undefined)).toBe(false);
    // JIG_SPEC outranks both.
    expect(isSpecApproved(repo.dir, "specs", " spec-0007 ")).toBe(true);
    // A corrupt record counts as none: the branch name decides again.
    repo.write(".jig/active-spec.json", "{not json");
    expect(isSpecApproved(repo.dir, "specs", undefined)).toBe(true);
  });
});
