import { describe, expect, it } from "vitest";
import { parsePushedRefs, planPushChecks } from "./plan-push-checks.js";

describe("pre-push planning", () => {
  const zero = "0".repeat(40);
  it("checks updates from the remote tip, new branches from the merge-base, and skips deletes and tags", () => {
    const refs = parsePushedRefs(
      [
        `refs/heads/a ${"1".repeat(40)} refs/heads/a ${"2".repeat(40)}`,
        `refs/heads/b ${"3".repeat(40)} refs/heads/b ${zero}`,
        `(delete) ${zero} refs/heads/c ${"4".repeat(40)}`,
        `refs/tags/v1 ${"5".repeat(40)} refs/tags/v1 ${zero}`,
        "",
      ].join("\n"),
    );
    expect(
      planPushChecks(refs).map((plan) => (plan.kind === "skip" ? plan.reason : plan.base)),
    ).toEqual([
      { sha: "2".repeat(40) },
      { mergeBaseWith: "default-branch" },
      "branch delete",
      "tag",
    ]);
  });
});
