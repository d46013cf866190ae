import { afterAll, beforeAll } from "vitest";
import { readChange, resolveRange } from "../git/index.js";
import { APPROVED_SPEC } from "../test-support/approved-spec.js";
import { createTempRepo, type TempRepo } from "../test-support/temp-repo.js";
import {
  describeLayerConformance,
  type LayerCase,
  type LayerHarness,
} from "../testing/describe-layer-conformance.js";
import { fakeGateContext, fakeSpec } from "../testing/fake-gate-context.js";
import { type FakeModelServer, startFakeModelServer } from "../testing/fake-model-server.js";
import { createDefaultLayers } from "./create-default-layers.js";

const SUITE = `suite: refunds
covers: ["src/**"]
target: { command: "echo approved" }
scenarios:
  - id: small
    covers: [SPEC-0001/AC-1]
    assert: [{ type: contains, value: approved }]
`;

/**
 * A real repository with a change on a branch: a raw SQL string (a failure
 * model fires), a commit by an agent no manifest names (scope fails), an
 * unsealed eval suite covering the change (holdout warns, evals run), and an
 * approved spec. The review layer talks to a local fake model.
 */
async function repoCases(repo: TempRepo): Promise<LayerCase[]> {
  repo.write("specs/SPEC-0001-cap-refunds.md", APPROVED_SPEC);
  repo.write("evals/refunds.yaml", SUITE);
  repo.write("src/refund.ts", "export const cap = 50000;\n");
  repo.commit("base");
  repo.git("checkout", "-q", "-b", "feature");
  repo.write(
    "src/refund.ts",
    'export const cap = 50000;\nexport const find = (id: string) => db.query("SELECT * FROM r WHERE id = " + id);\n',
  );
  repo.commit("Cap refunds\n\nSpec: SPEC-0001\nAgent: coder");
  repo.write("src/extra.ts", "export const later = 1;\n");
  const range = await resolveRange({ cwd: repo.dir, base: "main", head: "HEAD" });
  const change = await readChange(range, repo.dir);
  const plain = { ...fakeGateContext([]), cwd: repo.dir, change };
  const cited = {
    id: "SPEC-0001",
    source: "trailer" as const,
    others: [],
    path: "specs/SPEC-0001-cap-refunds.md",
    spec: fakeSpec({ path: "specs/SPEC-0001-cap-refunds.md" }),
    problems: [],
  };
  return [
    { name: "a change citing no spec", context: plain },
    { name: "a change citing an approved spec", context: { ...plain, spec: cited } },
    { name: "--no-ai --no-cache", context: { ...plain, options: { noAi: true, noCache: true } } },
  ];
}

let model: FakeModelServer;
let repo: TempRepo;
let cases: LayerCase[];
beforeAll(async () => {
  // One repository for every layer and case: layers must not change their input.
  repo = createTempRepo("jig-layer-conformance-");
  cases = await repoCases(repo);
  model = await startFakeModelServer({
    fallback: {
      kind: "json",
      value: {
        findings: [
          {
            severity: "high",
            confidence: 0.9,
            file: "src/refund.ts",
            line: 2,
            ruleId: "SPEC-0001/AC-1",
            title: "Query built from input",
            message: "The id is concatenated into SQL.",
          },
        ],
        criteria: [{ id: "AC-1", status: "met", evidence: "line 1" }],
      },
    },
  });
});
afterAll(async () => {
  repo.cleanup();
  await model.close();
});

/** The layers as `jig check` builds them, with no environment but the fake reviewer. */
const defaultLayers = () =>
  createDefaultLayers({
    env: {
      PATH: process.env.PATH,
      JIG_REVIEW_MODEL: "openai-compatible:reviewer",
      JIG_OPENAI_COMPATIBLE_BASE_URL: model.openaiBaseURL,
    },
  });

// Every default layer is held to the same suite a third-party layer runs.
for (const [index, { name }] of createDefaultLayers({ env: {} }).entries()) {
  const harness: LayerHarness = { create: () => defaultLayers()[index]!, cases: () => cases };
  describeLayerConformance(name, harness);
}
