import { describe, expect, it } from "vitest";
import type { Report } from "../contract/index.js";
import type { Finding } from "../core/index.js";
import { sampleReport } from "../testing/sample-report.js";
import { commentableLines } from "./diff-lines.js";
import { isPermissionDenied, isRateLimited } from "./github-client.js";
import { planReviewComments } from "./plan-review-comments.js";
import { readPullRequestContext } from "./pull-request-context.js";
import {
  GITHUB_COMMENT_MAX_CHARS,
  REPORT_MARKER,
  renderPullRequestComment,
} from "./render-pull-request-comment.js";
import { tightenVerdict } from "./tighten-verdict.js";

const HEAD = "c0ffee".repeat(7).slice(0, 40);

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    id: "review-1",
    layer: "review",
    ruleId: "SPEC-0001/AC-1",
    severity: "high",
    file: "src/a.ts",
    line: 2,
    title: "Off by one",
    message: "Use <=.",
    fingerprint: "0123456789abcdef",
    ...overrides,
  };
}

/** The finding without a file or line: about the change as a whole. */
function wholeChange(item: Finding): Finding {
  const { file: _file, line: _line, ...rest } = item;
  return rest;
}

describe("commentableLines", () => {
  it("keeps added and context lines on the right side, across hunks, and skips removed ones", () => {
    const patch =
      "@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n@@ -10,2 +10,3 @@\n x\n+y\n z\n\\ No newline at end of file";
    expect([...commentableLines(patch)]).toEqual([1, 2, 3, 10, 11, 12]);
  });

  it("has no lines for a file GitHub shows no patch for", () => {
    expect(commentableLines(undefined).size).toBe(0);
  });
});

describe("planReviewComments", () => {
  const diffLines = new Map([["src/a.ts", new Set([1, 2, 3])]]);

  it("creates one comment per fingerprint on a diff line, with the fingerprint hidden in it", () => {
    const twice = [finding(), finding({ id: "review-2" })];
    const plan = planReviewComments({
      findings: twice,
      threshold: "high",
      diffLines,
      existing: [],
      headSha: HEAD,
    });
    expect(plan.create).toHaveLength(1);
    expect(plan.create[0]).toMatchObject({ path: "src/a.ts", line: 2 });
    expect(plan.create[0]?.body).toContain("<!-- jig:finding 0123456789abcdef -->");
  });

  it("posts nothing again for a fingerprint already commented on", () => {
    const first = planReviewComments({
      findings: [finding()],
      threshold: "high",
      diffLines,
      existing: [],
      headSha: HEAD,
    });
    const existing = [{ id: 1, body: first.create[0]?.body ?? "" }];
    const again = planReviewComments({
      findings: [finding()],
      threshold: "high",
      diffLines,
      existing,
      headSha: HEAD,
    });
    expect(again.create).toEqual([]);
    expect(again.update).toEqual([]);
  });

  it("rewrites a gone finding's comment as resolved once, and reopens it when it returns", () => {
    const first = planReviewComments({
      findings: [finding()],
      threshold: "high",
      diffLines,
      existing: [],
      headSha: HEAD,
    });
    const open = [{ id: 1, body: first.create[0]?.body ?? "" }];
    const gone = planReviewComments({
      findings: [],
      threshold: "high",
      diffLines,
      existing: open,
      headSha: HEAD,
    });
    expect(gone.update).toHaveLength(1);
    expect(gone.update[0]?.body).toContain("Resolved");
    expect(gone.update[0]?.body).toContain("<!-- jig:finding 0123456789abcdef -->");
    const resolved = [{ id: 1, body: gone.update[0]?.body ?? "" }];
    expect(
      planReviewComments({
        findings: [],
        threshold: "high",
        diffLines,
        existing: resolved,
        headSha: HEAD,
      }).update,
    ).toEqual([]);
    const back = planReviewComments({
      findings: [finding()],
      threshold: "high",
      diffLines,
      existing: resolved,
      headSha: HEAD,
    });
    expect(back.update[0]?.body).not.toContain("Resolved");
    expect(back.create).toEqual([]);
  });

  it("sends findings off the diff to the PR comment, and ignores milder and waived ones", () => {
    const findings = [
      finding({ line: 40, fingerprint: "1".repeat(16) }),
      wholeChange(finding({ fingerprint: "2".repeat(16) })),
      finding({ severity: "medium", fingerprint: "3".repeat(16) }),
      finding({ fingerprint: "4".repeat(16), waiver: { reason: "ok", expires: "2099-01-01" } }),
    ];
    const plan = planReviewComments({
      findings,
      threshold: "high",
      diffLines,
      existing: [],
      headSha: HEAD,
    });
    expect(plan.create).toEqual([]);
    expect(plan.outsideDiff.map((item) => item.fingerprint)).toEqual([
      "1".repeat(16),
      "2".repeat(16),
    ]);
  });

  it("leaves other people's review comments alone", () => {
    const existing = [{ id: 9, body: "Nice work" }];
    const plan = planReviewComments({
      findings: [],
      threshold: "high",
      diffLines,
      existing,
      headSha: HEAD,
    });
    expect(plan.update).toEqual([]);
  });
});

describe("renderPullRequestComment", () => {
  it("starts with the marker and stays under GitHub's limit with thousands of findings", () => {
    const report = sampleReport();
    const many = Array.from({ length: 3000 }, (_, index) =>
      finding({
        id: `f${index}`,
        message: "x".repeat(400),
        fingerprint: index.toString(16).padStart(16, "0"),
      }),
    );
    report.findings = many;
    const body = renderPullRequestComment(report, many.slice(0, 100));
    expect(body.startsWith(REPORT_MARKER)).toBe(true);
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_MAX_CHARS);
    expect(body).toContain("**Truncated:**");
    expect(body).toContain("### Not on a changed line (100)");
  });
});

describe("tightenVerdict", () => {
  function passing(severity: Finding["severity"]): Report {
    const report = sampleReport();
    report.policy.failOn = "high";
    report.findings = [finding({ severity })];
    report.verdict = { outcome: "pass", reasons: [] };
    return report;
  }

  it("fails a pass when a finding reaches a stricter fail-on", () => {
    const { report } = tightenVerdict(passing("medium"), "medium");
    expect(report.verdict.outcome).toBe("fail");
    expect(report.verdict.reasons[0]).toContain("stricter than gate.failOn high");
  });

  it("never loosens: a looser fail-on leaves the verdict and says why", () => {
    const failing = sampleReport();
    const result = tightenVerdict(failing, "critical");
    expect(result.report.verdict).toEqual(failing.verdict);
    expect(result.ignored).toContain("may only tighten");
  });
});

describe("readPullRequestContext", () => {
  const env = {
    GITHUB_REPOSITORY: "acme/shop",
    GITHUB_API_URL: "https://ghe.example/api/v3/",
    GITHUB_EVENT_PATH: "/e.json",
  };

  it("takes the PR number, base and head from the event and honours GITHUB_API_URL", () => {
    const event = JSON.stringify({
      pull_request: { number: 7, base: { sha: "b" }, head: { sha: "h" } },
    });
    expect(readPullRequestContext(env, event)).toEqual({
      owner: "acme",
      repo: "shop",
      apiUrl: "https://ghe.example/api/v3",
      pullNumber: 7,
      baseSha: "b",
      headSha: "h",
    });
  });

  it("has no pull request on a push event, and rejects a payload that is not JSON", () => {
    expect(readPullRequestContext(env, '{"after":"x"}').pullNumber).toBeUndefined();
    expect(() => readPullRequestContext(env, "{")).toThrow(
      "/e.json:1: the event payload is not JSON",
    );
    expect(() => readPullRequestContext({ GITHUB_REPOSITORY: "acme" }, undefined)).toThrow(
      "owner/name",
    );
  });
});

describe("rate limits and permissions", () => {
  const error = (status: number, headers: Record<string, string> = {}) =>
    Object.assign(new Error("x"), { status, response: { headers } });

  it("counts 429, and 403 with retry-after or no remaining quota, as rate limits", () => {
    expect(isRateLimited(error(429))).toBe(true);
    expect(isRateLimited(error(403, { "Retry-After": "5" }))).toBe(true);
    expect(isRateLimited(error(403, { "x-ratelimit-remaining": "0" }))).toBe(true);
    expect(isRateLimited(error(403))).toBe(false);
    expect(isRateLimited(error(500))).toBe(false);
  });

  it("counts any other 403 as a token that may not write", () => {
    expect(isPermissionDenied(error(403))).toBe(true);
    expect(isPermissionDenied(error(403, { "retry-after": "1" }))).toBe(false);
    expect(isPermissionDenied(error(404))).toBe(false);
    expect(isPermissionDenied(new Error("network"))).toBe(false);
  });
});
