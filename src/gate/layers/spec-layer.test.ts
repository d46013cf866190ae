import { describe, expect, it } from "vitest";
import { fakeGateContext, fakeSpec } from "../../testing/fake-gate-context.js";
import { createSpecLayer } from "./spec-layer.js";

const layer = createSpecLayer();

describe("spec layer", () => {
  it("fails a change that cites no spec with a high finding naming the fix", async () => {
    const result = await layer.run(fakeGateContext(["src/app.ts"]));
    expect(result.status).toBe("failed");
    expect(result.findings).toEqual([
      expect.objectContaining({
        ruleId: "JIG-G001",
        severity: "high",
        file: "src/app.ts",
        line: 1,
      }),
    ]);
    expect(result.findings[0]?.suggestion).toContain("Spec: SPEC-NNNN");
  });

  it("says where a Spec: line outside git's trailer block is, instead of only 'cites none'", async () => {
    const context = fakeGateContext(["src/app.ts"]);
    context.change.commits = [
      {
        sha: "0123456789abcdef0123456789abcdef01234567",
        subject: "Add refunds",
        body: "Spec: SPEC-0001\n\nMore words in a last paragraph.\n",
        author: "A <a@example.com>",
        trailers: [],
      },
    ];
    const result = await layer.run(context);
    expect(result.findings[0]?.message).toBe(
      "The change touches 1 file that needs a spec, but cites none. Commit 01234567 has the line 'Spec: SPEC-0001' in its message, but not in git's trailer block: git reads trailers only from the message's last paragraph, and only when its lines are all trailers: put the line there, after a blank line.",
    );
  });

  it("names a Spec: line in a last paragraph that also holds prose, which git does not read as a trailer", async () => {
    const context = fakeGateContext(["src/app.ts"]);
    context.change.commits = [
      {
        sha: "89abcdef0123456789abcdef0123456789abcdef",
        subject: "Add refunds",
        body: "Queues large refunds.\nspec: spec-0002\n",
        author: "A <a@example.com>",
        trailers: [],
      },
    ];
    const result = await layer.run(context);
    expect(result.findings[0]?.message).toContain(
      "Commit 89abcdef has the line 'Spec: SPEC-0002' in its message, but not in git's trailer block",
    );
  });

  it("exempts a change that touches only specs and docs, and says so", async () => {
    const result = await layer.run(
      fakeGateContext(["specs/SPEC-0002-x.md", "docs/guide.md", "README.md"]),
    );
    expect(result.status).toBe("passed");
    expect(result.findings).toEqual([]);
    expect(result.notes[0]).toMatch(/^exempt:/);
  });

  it("does not exempt a change mixing docs and code", async () => {
    const result = await layer.run(fakeGateContext(["docs/guide.md", "src/app.ts"]));
    expect(result.findings[0]?.ruleId).toBe("JIG-G001");
  });

  it("fails when the cited spec file does not exist", async () => {
    const result = await layer.run(
      fakeGateContext(["src/app.ts"], { id: "SPEC-0009", source: "trailer" }),
    );
    expect(result.findings[0]).toMatchObject({ ruleId: "JIG-G002", severity: "high" });
  });

  it("fails when the cited spec cannot be parsed", async () => {
    const result = await layer.run(
      fakeGateContext(["src/app.ts"], {
        id: "SPEC-0001",
        path: "specs/SPEC-0001-x.md",
        problems: [
          { code: "yaml/syntax", path: "specs/SPEC-0001-x.md", message: "bad", line: 3, column: 2 },
        ],
      }),
    );
    expect(result.findings[0]).toMatchObject({
      ruleId: "JIG-G003",
      file: "specs/SPEC-0001-x.md",
      line: 3,
    });
  });

  it("fails a draft spec and passes an approved one, listing its criteria as unchecked", async () => {
    const draft = await layer.run(
      fakeGateContext(["src/app.ts"], {
        id: "SPEC-0001",
        path: "specs/x.md",
        spec: fakeSpec({ status: "draft" }),
      }),
    );
    expect(draft.findings[0]).toMatchObject({ ruleId: "JIG-G004", severity: "high" });

    const approved = await layer.run(
      fakeGateContext(["src/app.ts"], {
        id: "SPEC-0001",
        source: "flag",
        path: "specs/x.md",
        spec: fakeSpec(),
      }),
    );
    expect(approved.status).toBe("passed");
    expect(approved.findings).toEqual([]);
    expect(approved.criteria?.map((criterion) => [criterion.id, criterion.status])).toEqual([
      ["SPEC-0001/AC-1", "unchecked"],
      ["SPEC-0001/AC-2", "unchecked"],
    ]);
    expect(approved.notes[0]).toBe("cites SPEC-0001 (via --spec)");
  });

  it("fails a superseded spec and a spec with lint errors, but not lint warnings", async () => {
    const superseded = await layer.run(
      fakeGateContext(["a.ts"], {
        id: "SPEC-0001",
        path: "s.md",
        spec: fakeSpec({ status: "superseded" }),
      }),
    );
    expect(superseded.findings[0]?.ruleId).toBe("JIG-G005");

    const linted = await layer.run(
      fakeGateContext(["a.ts"], {
        id: "SPEC-0001",
        path: "s.md",
        spec: fakeSpec(),
        problems: [
          {
            code: "JIG-S004",
            path: "s.md",
            message: "vague word 'fast'",
            line: 12,
            severity: "error",
          },
          { code: "JIG-S009", path: "s.md", message: "a warning", line: 13, severity: "warning" },
        ],
      }),
    );
    expect(linted.findings).toHaveLength(1);
    expect(linted.findings[0]).toMatchObject({ ruleId: "JIG-G006", line: 12 });
    expect(linted.findings[0]?.message).toContain("vague word 'fast'");
  });

  describe("approved on the base, by a person", () => {
    const approval = (by: string) => ({ by, at: "2026-01-01T00:00:00.000Z", hash: "sha256:x" });
    const cited = (spec: ReturnType<typeof fakeSpec>, paths = ["src/app.ts"]) =>
      fakeGateContext(paths, { id: spec.id, source: "trailer", path: spec.path, spec });

    it("fails a spec whose approver is a coding agent, and passes a person's", async () => {
      const byClaude = fakeSpec({ approval: approval("Claude <noreply@anthropic.com>") });
      const claude = await layer.run(cited(byClaude));
      expect(claude.findings.map((finding) => finding.ruleId)).toEqual(["JIG-G007"]);
      expect(claude.status).toBe("failed");
      const byDana = fakeSpec({ approval: approval("Dana Lead <dana@example.com>") });
      const dana = await layer.run(cited(byDana));
      expect(dana.findings).toEqual([]);
      expect(dana.status).toBe("passed");
    });

    it("honours governance.agentIdentities for the approver", async () => {
      const spec = fakeSpec({ approval: approval("Night Bot <bot@acme.example>") });
      const context = cited(spec);
      context.config = {
        ...context.config,
        governance: { paths: [], agentIdentities: ["bot@acme.example"] },
      };
      const result = await layer.run(context);
      expect(result.findings.map((finding) => finding.ruleId)).toEqual(["JIG-G007"]);
    });

    it("asks a person when the cited spec exists only in the change", async () => {
      const result = await layer.run(
        fakeGateContext(["src/app.ts", "specs/SPEC-0002-vip.md"], {
          id: "SPEC-0002",
          source: "trailer",
          onlyInChange: "specs/SPEC-0002-vip.md",
        }),
      );
      expect(result.findings).toEqual([
        expect.objectContaining({ ruleId: "JIG-G002", needsHuman: true }),
      ]);
      expect(result.needsHuman?.[0]).toMatch(/not approved at the trusted base/);
    });

    it("asks a person when the change approves a spec that is a draft on the base", async () => {
      const draft = fakeSpec({ status: "draft" });
      const edited = await layer.run(cited(draft, ["src/app.ts", draft.path]));
      expect(edited.findings).toEqual([
        expect.objectContaining({ ruleId: "JIG-G004", needsHuman: true }),
      ]);
      expect(edited.needsHuman?.[0]).toMatch(/approve the new version on the base first/);
      // Not touched by the change: a draft is a plain failure.
      const untouched = await layer.run(cited(draft));
      expect(untouched.findings[0]).toMatchObject({ ruleId: "JIG-G004" });
      expect(untouched.findings[0]?.needsHuman).toBeUndefined();
    });
  });
});
