/**
 * `jig/testing`: what a third party needs to extend jig and hold the extension
 * to the same tests jig's own implementations pass. Each `describe…Conformance`
 * declares vitest tests (vitest is an optional peer dependency); call it from a
 * test file, once per implementation.
 *
 * - `describeRunStoreConformance`: a `RunStore` driver (Postgres, a service).
 * - `describeTargetConformance`: an eval `Target`.
 * - `describeReporterConformance`: a `Reporter` (an output format).
 * - `describeLayerConformance`: a gate `Layer`, with `fakeGateContext` to build inputs.
 * - `startFakeModelServer`: a local OpenAI- and Anthropic-compatible model server.
 *
 * @example
 * import { describeLayerConformance, fakeGateContext } from "jig/testing";
 * describeLayerConformance("licence", {
 *   create: () => createLicenceLayer(),
 *   cases: () => [{ name: "one changed file", context: fakeGateContext(["src/a.ts"]) }],
 * });
 */
export {
  describeLayerConformance,
  type LayerCase,
  type LayerHarness,
} from "./describe-layer-conformance.js";
export {
  describeReporterConformance,
  type ReporterConformanceOptions,
  type ReporterUnderTest,
} from "./describe-reporter-conformance.js";
export {
  describeRunStoreConformance,
  type RunStoreHarness,
} from "./describe-run-store-conformance.js";
export {
  conformanceCall,
  describeTargetConformance,
  type TargetHarness,
} from "./describe-target-conformance.js";
export { changedFile, fakeChange, fakeGateContext, fakeSpec } from "./fake-gate-context.js";
export {
  echoPrompt,
  type FakeModelReply,
  type FakeModelRequest,
  type FakeModelScript,
  type FakeModelServer,
  type FakeModelServerOptions,
  refusedUrl,
  startFakeModelServer,
} from "./fake-model-server.js";
export { layerResultProblems } from "./layer-result-problems.js";
export { sampleReport } from "./sample-report.js";
export { sampleRunReport } from "./sample-run-report.js";
