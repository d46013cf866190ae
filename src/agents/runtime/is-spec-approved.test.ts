import { afterEach, describe, expect, it } from "vitest";
import { approveSpecText } from "../../test-support/approved-spec.js";
import { createTempRepo, type TempRepo } from "../../test-support/temp-repo.js";
import { isSpecApproved } from "./is-spec-approved.js";

const draft = (id: string) =>
  `---\nid: ${id}\ntitle: Login\nstatus: draft\ndomains: [auth]\nowner: alice\n---\n\n## Problem\n\nX.\n\n## Acceptance criteria\n\n- AC-1: When a user logs in, then the API responds 200.\n`;
const approved = (id: string) => approveSpecText(draft(id));
const LOGIN = "specs/SPEC-0007-login.md";

describe("isSpecApproved (the guard's spec check)", () => {
  let repo: TempRepo | undefined;
  afterEach(() => repo?.cleanup());

  /** main with SPEC-0007 as given and SPEC-0008 a draft, committed. */
  function onMain(login: string): TempRepo {
    repo = createTempRepo();
    repo.write(LOGIN, login);
    repo.write("specs/SPEC-0008-draft.md", draft("SPEC-0008"));
    repo.commit("specs");
    return repo;
  }

  it("follows JIG_SPEC, then jig spec start, then the branch name, like resolveActiveSpec", () => {
    const r = onMain(approved("SPEC-0007"));
    // Nothing names a spec on main.
    expect(isSpecApproved(r.dir, "specs", undefined)).toBe(false);
    r.git("switch", "-q", "-c", "feature/spec-0007-login");
    expect(isSpecApproved(r.dir, "specs", undefined)).toBe(true);
    // `jig spec start` outranks the branch name, and a draft is not approved.
    r.write(".jig/active-spec.json", JSON.stringify({ "feature/spec-0007-login": "SPEC-0008" }));
    expect(isSpecApproved(r.dir, "specs", undefined)).toBe(false);
    // JIG_SPEC outranks both.
    expect(isSpecApproved(r.dir, "specs", " spec-0007 ")).toBe(true);
    // A corrupt record counts as none: the branch name decides again.
    r.write(".jig/active-spec.json", "{not json");
    expect(isSpecApproved(r.dir, "specs", undefined)).toBe(true);
  });

  it("reads the spec as it is on the base: edits on the branch or in the working tree do not count", () => {
    const r = onMain(approved("SPEC-0007"));
    r.git("switch", "-q", "-c", "feature/login");
    // An agent rewrites the criteria and keeps the old record: still the base's approval that counts.
    r.write(LOGIN, approved("SPEC-0007").replace("responds 200", "responds 204"));
    expect(isSpecApproved(r.dir, "specs", "SPEC-0007")).toBe(true);
    r.commit("edit the spec");
    expect(isSpecApproved(r.dir, "specs", "SPEC-0007")).toBe(true);
    // Deleting or renaming it on the branch loses it: the base is read under the working tree's name.
    r.git("mv", LOGIN, "specs/SPEC-0007-renamed.md");
    expect(isSpecApproved(r.dir, "specs", "SPEC-0007")).toBe(false);
  });

  it("does not count a spec approved only on the branch, until it is merged", () => {
    const r = onMain(draft("SPEC-0007"));
    r.git("switch", "-q", "-c", "feature/login");
    r.write(LOGIN, approved("SPEC-0007"));
    // In the working tree only, then committed on the branch: neither is the base.
    expect(isSpecApproved(r.dir, "specs", "SPEC-0007")).toBe(false);
    r.commit("approve SPEC-0007");
    expect(isSpecApproved(r.dir, "specs", "SPEC-0007")).toBe(false);
    // Merged into main, a new branch from main has it approved on its base.
    r.git("switch", "-q", "main");
    r.git("merge", "-q", "--no-ff", "-m", "merge", "feature/login");
    r.git("switch", "-q", "-c", "feature/next");
    expect(isSpecApproved(r.dir, "specs", "SPEC-0007")).toBe(true);
  });

  it("does not count status: approved typed by hand, or an approval the base's text no longer matches", () => {
    const typed = draft("SPEC-0007").replace("status: draft", "status: approved");
    let r = onMain(typed);
    r.git("switch", "-q", "-c", "feature/login");
    expect(isSpecApproved(r.dir, "specs", "SPEC-0007")).toBe(false);
    r.cleanup();
    r = onMain(approved("SPEC-0007").replace("title: Login", "title: Login for all"));
    r.git("switch", "-q", "-c", "feature/login");
    expect(isSpecApproved(r.dir, "specs", "SPEC-0007")).toBe(false);
  });

  it("on the default branch, the base is HEAD: committed approvals count, uncommitted ones do not", () => {
    const r = onMain(draft("SPEC-0007"));
    r.write(LOGIN, approved("SPEC-0007"));
    expect(isSpecApproved(r.dir, "specs", "SPEC-0007")).toBe(false);
    r.commit("approve on main");
    expect(isSpecApproved(r.dir, "specs", "SPEC-0007")).toBe(true);
  });

  it("uses the configured default branch, and finds no base when it exists nowhere", () => {
    const r = onMain(draft("SPEC-0007"));
    r.git("branch", "-m", "main", "trunk");
    r.git("switch", "-q", "-c", "feature/login");
    r.write(LOGIN, approved("SPEC-0007"));
    r.commit("approve on the branch");
    // No main, master or origin/HEAD: like jig check, the branch is its own base.
    expect(isSpecApproved(r.dir, "specs", "SPEC-0007")).toBe(true);
    // Told the default branch, the guard reads trunk's draft instead.
    expect(isSpecApproved(r.dir, "specs", "SPEC-0007", { defaultBranch: "trunk" })).toBe(false);
    expect(isSpecApproved(r.dir, "specs", "SPEC-0007", { defaultBranch: "nowhere" })).toBe(false);
  });

  it("finds no approval before the first commit", () => {
    repo = createTempRepo();
    repo.write(LOGIN, approved("SPEC-0007"));
    expect(isSpecApproved(repo.dir, "specs", "SPEC-0007")).toBe(false);
  });

  it("works from a linked worktree and with packed refs", () => {
    const r = onMain(approved("SPEC-0007"));
    r.git("pack-refs", "--all");
    const linked = `${r.dir}-linked`;
    r.git("worktree", "add", "-q", "-b", "feature/spec-0007-login", linked);
    try {
      expect(isSpecApproved(linked, "specs", undefined)).toBe(true);
      expect(isSpecApproved(linked, "specs", "SPEC-0008")).toBe(false);
    } finally {
      r.git("worktree", "remove", "--force", linked);
    }
  });

  it("answers a repeated question from the cache, keyed by HEAD and the default branch", () => {
    const r = onMain(approved("SPEC-0007"));
    r.git("switch", "-q", "-c", "feature/login");
    const cache = new Map<string, boolean>();
    expect(isSpecApproved(r.dir, "specs", "SPEC-0007", { cache })).toBe(true);
    expect([...cache.values()]).toEqual([true]);
    // A planted answer for the same key is served without reading git: the key is what counts.
    const [key] = [...cache.keys()];
    cache.set(key ?? "", false);
    expect(isSpecApproved(r.dir, "specs", "SPEC-0007", { cache })).toBe(false);
    // A new commit on the branch is a new key, so git is read again.
    r.commit("work");
    expect(isSpecApproved(r.dir, "specs", "SPEC-0007", { cache })).toBe(true);
    expect(cache.size).toBe(2);
  });
});
