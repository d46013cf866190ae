import { describe, expect, it } from "vitest";
import {
  createRefundsRepo,
  reviewerConfig,
  runJigAsync,
  useReviewFixtures,
} from "./review-support.js";

/**
 * Each criterion's sources in a real `jig check`: the project's own tests
 * (node --test, JUnit) and a reviewer served by the local model stub, agreeing
 * and disagreeing. The branch's code escalates a refund of exactly 50000
 * cents, which AC-1 says is approved.
 */
const fixtures = useReviewFixtures();
const env = { OPENAI_API_KEY: "test" };

type Status = "met" | "not_met" | "unclear";

function setup(options: { tests: string[]; evidence?: string }) {
  const config = [
    reviewerConfig(fixtures.stub.openaiBaseURL),
    "gate:",
    "  criteria: evidence",
    ...(options.evidence ? [`  evidence: ${options.evidence}`] : []),
    "tests:",
    "  command: [node, --test, --test-reporter=junit, --test-reporter-destination=.jig/tests.xml]",
    "  reports: [.jig/tests.xml]",
    "",
  ].join("\n");
  const tests = [
    'import assert from "node:assert/strict";',
    'import { test } from "node:test";',
    'import { decideRefund } from "../src/refunds.js";',
    ...options.tests,
    "",
  ].join("\n");
  return fixtures.track(createRefundsRepo({ config, files: { "tests/refunds.test.js": tests } }));
}

const SMALL_REFUND_TEST =
  'test("AC-1 approves a small refund", () => assert.equal(decideRefund({ amountCents: 100 }).decision, "approved"));';
const AT_THE_CAP_TEST =
  'test("AC-1 approves a refund of exactly 50000 cents", () => assert.equal(decideRefund({ amountCents: 50000 }).decision, "approved"));';
const ABOVE_THE_CAP_TEST =
  'test("AC-2 escalates above the cap", () => assert.equal(decideRefund({ amountCents: 60000 }).decision, "escalated"));';

function reviewerSays(criteria: Array<{ id: string; status: Status; evidence: string }>) {
  fixtures.stub.setFallback(() => ({ kind: "json", value: { findings: [], criteria } }));
}

interface Criterion {
  id: string;
  status: string;
  sources: Array<{ kind: string; status: string; detail: string }>;
}

async function check(repoDir: string) {
  const result = await runJigAsync(["check", "--format", "json"], { cwd: repoDir, env });
  const report = JSON.parse(result.stdout);
  const criteria = report.criteria as Criterion[];
  const byId = (id: string) => criteria.find((criterion) => criterion.id === `SPEC-0001/${id}`);
  const kinds = (id: string) =>
    Object.fromEntries((byId(id)?.sources ?? []).map((source) => [source.kind, source.status]));
  return { code: result.code, report, byId, kinds };
}

describe("evidence per criterion from tests and the reviewer (e2e)", () => {
  it("passes when tests and the reviewer both say met", async () => {
    const repo = setup({ tests: [SMALL_REFUND_TEST, ABOVE_THE_CAP_TEST] });
    reviewerSays([
      { id: "AC-1", status: "met", evidence: "small refunds are approved" },
      { id: "AC-2", status: "met", evidence: "large refunds escalate" },
    ]);
    const { code, report, kinds } = await check(repo.dir);
    expect(report.verdict.outcome).toBe("pass");
    expect(code).toBe(0);
    expect(kinds("AC-1")).toEqual({ tests: "met", review: "met" });
  });

  it("fails when the tests pass but the reviewer says not met: the stricter wins, and both show", async () => {
    const repo = setup({ tests: [SMALL_REFUND_TEST, ABOVE_THE_CAP_TEST] });
    reviewerSays([
      { id: "AC-1", status: "not_met", evidence: "a refund of exactly 50000 cents is escalated" },
      { id: "AC-2", status: "met", evidence: "large refunds escalate" },
    ]);
    const { code, report, byId, kinds } = await check(repo.dir);
    expect(report.verdict.outcome).toBe("fail");
    expect(code).toBe(1);
    expect(byId("AC-1")?.status).toBe("not_met");
    expect(kinds("AC-1")).toEqual({ tests: "met", review: "not_met" });
    expect(report.verdict.reasons).toContain("acceptance criteria not met: SPEC-0001/AC-1");
  });

  it("fails when the reviewer says met but a traced test fails", async () => {
    const repo = setup({ tests: [AT_THE_CAP_TEST, ABOVE_THE_CAP_TEST] });
    reviewerSays([
      { id: "AC-1", status: "met", evidence: "looks right" },
      { id: "AC-2", status: "met", evidence: "large refunds escalate" },
    ]);
    const { code, report, byId, kinds } = await check(repo.dir);
    expect(code).toBe(1);
    expect(byId("AC-1")?.status).toBe("not_met");
    expect(kinds("AC-1")).toEqual({ tests: "not_met", review: "met" });
    expect(report.findings.map((finding: { ruleId: string }) => finding.ruleId)).toContain(
      "JIG-X001",
    );
  });

  it("lets a passing test meet a criterion the reviewer found unclear", async () => {
    const repo = setup({ tests: [SMALL_REFUND_TEST, ABOVE_THE_CAP_TEST] });
    reviewerSays([
      { id: "AC-1", status: "unclear", evidence: "Is a refund of exactly the cap approved?" },
      { id: "AC-2", status: "met", evidence: "large refunds escalate" },
    ]);
    const { code, byId, kinds } = await check(repo.dir);
    expect(code).toBe(0);
    expect(byId("AC-1")?.status).toBe("met");
    expect(kinds("AC-1")).toEqual({ tests: "met", review: "unclear" });
  });

  it("needs a human, with the reviewer's question in the brief, when only the reviewer judged a criterion and it could not tell", async () => {
    const repo = setup({ tests: [SMALL_REFUND_TEST] });
    reviewerSays([
      { id: "AC-1", status: "met", evidence: "small refunds are approved" },
      { id: "AC-2", status: "unclear", evidence: "Does the reason have to name the cap?" },
    ]);
    const { code, report, byId } = await check(repo.dir);
    expect(report.verdict.outcome).toBe("needs-human");
    expect(code).toBe(3);
    expect(byId("AC-2")?.status).toBe("unclear");
    expect(report.decisions).toContainEqual({
      kind: "criterion",
      summary: "SPEC-0001/AC-2 is unclear: Does the reason have to name the cap?",
      location: "specs/SPEC-0001-refund-cap.md AC-2",
    });
  });

  it("does not count the reviewer's met when gate.evidence leaves review out", async () => {
    const repo = setup({ tests: [SMALL_REFUND_TEST], evidence: "[evals, tests]" });
    reviewerSays([
      { id: "AC-1", status: "met", evidence: "small refunds are approved" },
      { id: "AC-2", status: "met", evidence: "large refunds escalate" },
    ]);
    const { code, byId } = await check(repo.dir);
    expect(code).toBe(3);
    expect(byId("AC-1")?.status).toBe("met");
    expect(byId("AC-2")?.status).toBe("unclear");
  });
});
