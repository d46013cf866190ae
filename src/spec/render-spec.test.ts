import { describe, expect, it } from "vitest";
import { lintSpec } from "./lint-spec.js";
import { parseSpec } from "./parse-spec.js";
import {
  nextSpecId,
  normalizeSpecId,
  renderSpec,
  type SpecDraft,
  setSpecStatus,
  slugify,
} from "./render-spec.js";

const draft: SpecDraft = {
  title: "Login throttling: stop guessing",
  problem: "Attackers can guess passwords without limit.",
  audience: "Account holders",
  criteria: [
    "Given a user, when they submit a wrong password 5 times,\nthen the API responds 429.",
    "When a locked user logs in, then the API returns 429.",
  ],
  constraints: ["Uses the sessions table."],
  risks: ["Lockout abuse (FM-AUTH-001)."],
  outOfScope: "- CAPTCHA\n- MFA",
  domains: ["auth", "web app"],
  owner: "Alice O'Neil",
  failureModels: ["FM-AUTH-001"],
  clarifications: ["How long is the lockout?"],
};

describe("renderSpec", () => {
  it("writes a file parseSpec reads back to the same data", () => {
    const text = renderSpec({ ...draft, id: "SPEC-0012", status: "draft" });
    const { spec, problems } = parseSpec(text, "specs/SPEC-0012-login-throttling-stop-guessing.md");
    expect(problems).toEqual([]);
    expect(spec).toMatchObject({
      id: "SPEC-0012",
      title: "Login throttling: stop guessing",
      status: "draft",
      domains: ["auth", "web app"],
      owner: "Alice O'Neil",
      failureModels: ["FM-AUTH-001"],
      problem: "Attackers can guess passwords without limit.\n\nWho it is for: Account holders",
      outOfScope: "- CAPTCHA\n- MFA",
      clarificationMarkers: [{ question: "How long is the lockout?" }],
    });
    expect(spec?.criteria.map((item) => [item.id, item.text])).toEqual([
      [
        "AC-1",
        "Given a user, when they submit a wrong password 5 times, then the API responds 429.",
      ],
      ["AC-2", "When a locked user logs in, then the API returns 429."],
    ]);
    expect(spec?.constraints.map((item) => item.id)).toEqual(["C-1"]);
    expect(spec?.risks.map((item) => item.id)).toEqual(["R-1"]);
    // A rendered draft of testable criteria lints clean.
    expect(spec ? lintSpec(spec) : ["no spec"]).toEqual([]);
  });

  it("writes None. for empty lists so required sections are never empty", () => {
    const text = renderSpec({
      ...draft,
      constraints: [],
      risks: [],
      outOfScope: "",
      clarifications: [],
      failureModels: [],
      id: "SPEC-0001",
      status: "draft",
    });
    expect(text).toContain("## Constraints\n\nNone.");
    expect(text).toContain("## Risks\n\nNone.");
    expect(text).not.toContain("failureModels");
    expect(text).not.toContain("## Clarifications");
  });
});

describe("setSpecStatus", () => {
  it("changes only the status line", () => {
    const text =
      "---\nid: SPEC-0001\nstatus: draft # review first\nowner: a\n---\n\nstatus: draft in body\n";
    expect(setSpecStatus(text, "approved")).toBe(
      "---\nid: SPEC-0001\nstatus: approved # review first\nowner: a\n---\n\nstatus: draft in body\n",
    );
  });

  it("keeps CRLF line endings and quoted values", () => {
    const text = "---\r\nid: SPEC-0001\r\nstatus: 'draft'\r\n---\r\nbody\r\n";
    expect(setSpecStatus(text, "implemented")).toBe(
      "---\r\nid: SPEC-0001\r\nstatus: implemented\r\n---\r\nbody\r\n",
    );
  });

  it("changes a status line followed by more keys in a CRLF file, without adding a second", () => {
    const text = "---\r\nid: SPEC-0001\r\nstatus: draft\r\nowner: a\r\n---\r\n";
    expect(setSpecStatus(text, "approved")).toBe(
      "---\r\nid: SPEC-0001\r\nstatus: approved\r\nowner: a\r\n---\r\n",
    );
  });

  it("adds a status when the frontmatter has none", () => {
    expect(setSpecStatus("---\nid: SPEC-0001\n---\n", "draft")).toBe(
      "---\nid: SPEC-0001\nstatus: draft\n---\n",
    );
  });

  it("refuses a file without frontmatter", () => {
    expect(() => setSpecStatus("# no frontmatter\n", "approved")).toThrow(/no frontmatter/);
  });
});

describe("ids and slugs", () => {
  it("numbers after the highest existing id", () => {
    expect(nextSpecId([])).toBe("SPEC-0001");
    expect(nextSpecId(["SPEC-0002", "SPEC-0010", "SPEC-0003", "junk"])).toBe("SPEC-0011");
  });

  it("normalises typed ids", () => {
    expect(normalizeSpecId("7")).toBe("SPEC-0007");
    expect(normalizeSpecId("spec-0007")).toBe("SPEC-0007");
    expect(normalizeSpecId("SPEC-0123")).toBe("SPEC-0123");
    expect(normalizeSpecId("login")).toBeUndefined();
  });

  it("slugifies titles into file-name words", () => {
    expect(slugify("Login throttling: stop guessing!")).toBe("login-throttling-stop-guessing");
    expect(slugify("Crème brûlée API")).toBe("creme-brulee-api");
    expect(slugify("!!!")).toBe("spec");
    const long = slugify("a very long title that keeps going and going well past fifty characters");
    expect(long.length).toBeLessThanOrEqual(50);
    expect(long.endsWith("-")).toBe(false);
  });
});
