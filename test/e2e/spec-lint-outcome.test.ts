import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTempRepo, type TempRepo } from "../../src/test-support/temp-repo.js";
import { DRAFT_SPEC, runJig } from "./run-jig.js";

let repo: TempRepo;
afterEach(() => repo?.cleanup());

const SPEC = "specs/SPEC-0001-refund-cap.md";
const AC2 =
  '- AC-2: Given a refund above 50000 cents, when it is decided, then the decision is "escalated".';

describe("JIG-S010 through the jig binary", () => {
  it("approves a spec whose criteria state values as 0 cents, exactly one, or 10.00", () => {
    repo = createTempRepo();
    repo.write(
      SPEC,
      DRAFT_SPEC.replace(
        AC2,
        [
          "- AC-2: Given a refund under 1 cent, when it is decided, then the fee is 0 cents.",
          "- AC-3: Given the same refund posted twice, when both are decided, then exactly one refund exists and both responses carry the same refund id.",
          "- AC-4: Given the code SAVE10, when it is applied, then the discount is 10.00.",
        ].join("\n"),
      ),
    );
    repo.commit("spec");
    const lint = runJig(["spec", "lint"], { cwd: repo.dir });
    expect(lint.stdout + lint.stderr).not.toContain("JIG-S010");
    expect(lint.code).toBe(0);
    expect(runJig(["spec", "approve", "SPEC-0001"], { cwd: repo.dir }).code).toBe(0);
    expect(readFileSync(join(repo.dir, SPEC), "utf8")).toContain("status: approved");
  });

  it("warns about a criterion that only might be unobservable, and still approves", () => {
    repo = createTempRepo();
    repo.write(
      SPEC,
      DRAFT_SPEC.replace(
        AC2,
        "- AC-2: When the nightly job runs, then the worker shall archive old refunds.",
      ),
    );
    repo.commit("spec");
    const lint = runJig(["spec", "lint"], { cwd: repo.dir });
    expect(lint.code).toBe(0);
    expect(lint.stdout + lint.stderr).toMatch(/warning:.*may have no observable outcome.*JIG-S010/);
    const approve = runJig(["spec", "approve", "SPEC-0001"], { cwd: repo.dir });
    expect(approve.code).toBe(0);
    expect(readFileSync(join(repo.dir, SPEC), "utf8")).toContain("status: approved");
  });

  it("refuses a criterion with no outcome at all", () => {
    repo = createTempRepo();
    repo.write(SPEC, DRAFT_SPEC.replace(AC2, "- AC-2: When a refund is decided, then it works."));
    repo.commit("spec");
    const lint = runJig(["spec", "lint"], { cwd: repo.dir });
    expect(lint.code).toBe(1);
    expect(lint.stdout + lint.stderr).toMatch(
      /SPEC-0001-refund-cap\.md:16.*has no observable outcome.*JIG-S010/,
    );
    expect(runJig(["spec", "approve", "SPEC-0001"], { cwd: repo.dir }).code).toBe(1);
  });
});
