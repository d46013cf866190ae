import { readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../../src/test-support/temp-repo.js";
import { APPROVED_SPEC, DRAFT_SPEC, runJig } from "./run-jig.js";

let repo: TempRepo;

/** Git sees no global or system config: only what the test repository sets. */
const NO_IDENTITY = { GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" };
afterEach(() => repo?.cleanup());

describe("jig spec, end to end", () => {
  it("writes a spec from an answers file, approves it on main, and a change citing it then passes", () => {
    repo = createTempRepo();
    repo.write("jig.config.yaml", "version: 1\n");
    repo.write("src/app.js", "export const a = 1;\n");
    repo.write(
      "answers.yaml",
      [
        "title: Cap automatic refunds",
        "problem: Refunds of any size are paid automatically.",
        "audience: The payments team.",
        "criteria:",
        "  - 'Given a refund of 50000 cents or less, when it is decided, then the decision is \"approved\".'",
        "  - 'Given a refund above 50000 cents, when it is decided, then the decision is \"escalated\".'",
        "constraints: [Amounts are integer cents.]",
        "risks: [An off-by-one cap pays refunds that need a human.]",
        "outOfScope: [Partial refunds.]",
        "domains: [billing]",
        "owner: payments",
      ].join("\n"),
    );
    repo.commit("base");
    const specPath = "specs/SPEC-0001-cap-automatic-refunds.md";
    const created = runJig(["spec", "new", "--answers", "answers.yaml", "--non-interactive"], {
      cwd: repo.dir,
    });
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(specPath);
    const text = readFileSync(join(repo.dir, specPath), "utf8");
    expect(text).toContain("status: draft");
    expect(text).toMatch(/- AC-2: Given a refund above 50000 cents/);
    expect(runJig(["spec", "lint"], { cwd: repo.dir }).code).toBe(0);
    repo.commit("draft SPEC-0001");

    repo.git("checkout", "-q", "-b", "feature");
    repo.write("src/app.js", "export const a = 2;\n");
    repo.commit("change\n\nSpec: SPEC-0001");
    const draftCheck = runJig(["check"], { cwd: repo.dir });
    expect(draftCheck.code).toBe(1);
    expect(draftCheck.stdout).toContain("JIG-G004");

    // Without an identity there is nobody to record as the approver.
    const anonymous = runJig(["spec", "approve", "SPEC-0001"], { cwd: repo.dir, env: NO_IDENTITY });
    expect(anonymous.code).toBe(2);
    expect(anonymous.stderr.trim().split("\n")).toEqual([
      "jig spec: no git identity to record as the approver: set it with git config user.name 'Your Name' and git config user.email you@example.com",
    ]);
    repo.git("config", "user.name", "Dana Demo");
    repo.git("config", "user.email", "dana@example.com");
    // Approved on the feature branch, the approval is part of the change: it counts for nothing yet.
    expect(runJig(["spec", "approve", "SPEC-0001"], { cwd: repo.dir, env: NO_IDENTITY }).code).toBe(
      0,
    );
    repo.commit("approve SPEC-0001 here");
    const selfApproved = runJig(["check"], { cwd: repo.dir });
    expect(selfApproved.code).toBe(3);
    expect(selfApproved.stdout).toContain("JIG-T001");
    repo.git("reset", "-q", "--hard", "HEAD~1");

    // Approved on main by a person, then the branch is rebased on it: the change passes.
    repo.git("checkout", "-q", "main");
    const approved = runJig(["spec", "approve", "SPEC-0001"], { cwd: repo.dir, env: NO_IDENTITY });
    expect(approved.code).toBe(0);
    const approvedText = readFileSync(join(repo.dir, specPath), "utf8");
    expect(approvedText).toContain("status: approved");
    expect(approvedText).toMatch(
      /approval:\n {2}by: "Dana Demo <dana@example.com>"\n {2}at: "\d{4}-.*Z"\n {2}hash: "sha256:[0-9a-f]{64}"\n/,
    );
    repo.commit("approve SPEC-0001");
    repo.git("checkout", "-q", "feature");
    repo.git("rebase", "-q", "main");
    expect(runJig(["check"], { cwd: repo.dir }).code).toBe(0);

    // Edited after approval: lint refuses it, and on the base the gate does too.
    repo.git("checkout", "-q", "main");
    repo.write(specPath, approvedText.replace("50000 cents or less", "90000 cents or less"));
    const lint = runJig(["spec", "lint"], { cwd: repo.dir });
    expect(lint.code).toBe(1);
    expect(lint.stdout).toContain("[JIG-S016]");
    repo.commit("loosen AC-1 without approval");
    repo.git("checkout", "-q", "feature");
    repo.git("rebase", "-q", "main");
    const stale = runJig(["check"], { cwd: repo.dir });
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain("JIG-S016");
  });

  it("refuses to approve a spec with vague criteria, and lint exits 1 naming file:line", () => {
    repo = createTempRepo();
    repo.write(
      "specs/SPEC-0001-refund-cap.md",
      DRAFT_SPEC.replace(
        '- AC-2: Given a refund above 50000 cents, when it is decided, then the decision is "escalated".',
        "- AC-2: Refunds should be fast and user-friendly.",
      ),
    );
    repo.commit("spec");
    const lint = runJig(["spec", "lint"], { cwd: repo.dir });
    expect(lint.code).toBe(1);
    expect(lint.stdout + lint.stderr).toMatch(/specs\/SPEC-0001-refund-cap\.md:16(:\d+)?: .*fast/);
    const approve = runJig(["spec", "approve", "SPEC-0001"], { cwd: repo.dir });
    expect(approve.code).toBe(1);
    expect(readFileSync(join(repo.dir, "specs/SPEC-0001-refund-cap.md"), "utf8")).toContain(
      "status: draft",
    );
  });

  it("flags failure-model ids that are not in the catalog, and accepts shipped ones", () => {
    repo = createTempRepo();
    repo.write(
      "specs/SPEC-0001-refund-cap.md",
      APPROVED_SPEC.replace(
        "- R-1: An off-by-one cap pays refunds that need a human.",
        "- R-1: Money as floats, see FM-MONEY-001.\n- R-2: A made-up failure, see FM-NOPE-999.",
      ),
    );
    repo.commit("spec");
    const lint = runJig(["spec", "lint"], { cwd: repo.dir });
    expect(lint.code).toBe(1);
    expect(lint.stdout).toContain("FM-NOPE-999");
    expect(lint.stdout).toContain("JIG-S013");
    expect(lint.stdout).not.toMatch(/FM-MONEY-001.*JIG-S013/);
  });

  it("gives malformed frontmatter one line with file:line:col and exit 2", () => {
    repo = createTempRepo();
    repo.write(
      "specs/SPEC-0001-bad.md",
      "---\nid: SPEC-0001\ntitle: [unclosed\n---\n\n## Problem\n",
    );
    repo.commit("spec");
    const result = runJig(["spec", "lint"], { cwd: repo.dir });
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toMatch(/specs\/SPEC-0001-bad\.md:\d+:\d+: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("gives a missing or unreadable file one line and exit 2", () => {
    repo = createTempRepo();
    repo.write("specs/.keep", "");
    repo.commit("x");
    const missing = runJig(["spec", "lint", "specs/SPEC-0099-nope.md"], { cwd: repo.dir });
    expect(missing.code).toBe(2);
    expect(missing.stdout + missing.stderr).toContain("SPEC-0099-nope.md");
    // A dangling symlink cannot be read, even as root.
    symlinkSync(join(repo.dir, "nowhere"), join(repo.dir, "specs/SPEC-0002-link.md"));
    const unreadable = runJig(["spec", "lint", "specs/SPEC-0002-link.md"], { cwd: repo.dir });
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("every command's help", () => {
  it("shows its flags and an example", () => {
    const commands = runJig(["--help"], { cwd: process.cwd() })
      .stdout.split("\n")
      .map((line) => /^ {2}([a-z-]+)\s{2,}/.exec(line)?.[1])
      .filter((name): name is string => Boolean(name));
    expect(commands.length).toBeGreaterThanOrEqual(6);
    for (const command of commands) {
      const help = runJig([command, "--help"], { cwd: process.cwd() });
      expect(help.code, command).toBe(0);
      expect(help.stdout, command).toMatch(/Usage: jig /);
      expect(help.stdout, command).toMatch(/Example/i);
    }
  });
});
