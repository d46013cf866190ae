import { describe, expect, it } from "vitest";
import { APPROVED_SPEC, DRAFT_SPEC } from "../test-support/approved-spec.js";
import { lintSpec } from "./lint-spec.js";
import { parseSpec } from "./parse-spec.js";
import { verifySpecApproval } from "./verify-spec-approval.js";

const path = "specs/SPEC-0001-cap-refunds.md";

/** What `jig spec lint` says about the approval, for comparison with the hook's light read. */
function lintApproves(text: string): boolean {
  const { spec } = parseSpec(text, path);
  if (!spec || (spec.status !== "approved" && spec.status !== "implemented")) return false;
  return !lintSpec(spec).some((problem) => problem.code === "JIG-S016");
}

const cases: Array<[string, string, boolean]> = [
  ["a spec approved by jig spec approve", APPROVED_SPEC, true],
  ["the same spec with CRLF line endings", APPROVED_SPEC.replaceAll("\n", "\r\n"), true],
  [
    "an approved spec later marked implemented",
    APPROVED_SPEC.replace("status: approved", "status: implemented"),
    true,
  ],
  [
    "a criterion edited after approval",
    APPROVED_SPEC.replace("50000 cents or less", "90000 cents or less"),
    false,
  ],
  [
    "status: approved typed by hand",
    DRAFT_SPEC.replace("status: draft", "status: approved"),
    false,
  ],
  [
    "a draft with an old approval record",
    APPROVED_SPEC.replace("status: approved", "status: draft"),
    false,
  ],
  [
    "a record whose hash was copied from another spec",
    APPROVED_SPEC.replace(/sha256:[0-9a-f]{64}/, `sha256:${"0".repeat(64)}`),
    false,
  ],
];

describe("verifySpecApproval (the guard's light check)", () => {
  it.each(cases)("%s", (_name, text, approved) => {
    expect(verifySpecApproval(text).approved).toBe(approved);
    // The hook's line matching and the parser-based lint agree.
    expect(lintApproves(text)).toBe(approved);
  });

  it("reads id, status and the recorded hash, also from a one-line record", () => {
    const state = verifySpecApproval(APPROVED_SPEC);
    expect(state).toMatchObject({ id: "SPEC-0001", status: "approved" });
    expect(state.recordedHash).toBe(state.contentHash);
    const flow = APPROVED_SPEC.replace(
      /approval:\n {2}by: (.*)\n {2}at: (.*)\n {2}hash: (.*)\n/,
      "approval: { by: $1, at: $2, hash: $3 }\n",
    );
    expect(flow).not.toBe(APPROVED_SPEC);
    expect(verifySpecApproval(flow).approved).toBe(true);
    expect(lintApproves(flow)).toBe(true);
  });

  it("does not take a hash written inside the approver's name", () => {
    const spoofed = DRAFT_SPEC.replace(
      "status: draft\n",
      `status: approved\napproval:\n  by: "x hash: ${verifySpecApproval(DRAFT_SPEC).contentHash}"\n  at: "2025-01-01T00:00:00Z"\n  hash: "sha256:${"1".repeat(64)}"\n`,
    );
    expect(verifySpecApproval(spoofed).approved).toBe(false);
  });
});
