import type { Layer } from "./layer.js";
import { createEvalsLayer } from "./layers/evals-layer.js";
import { createFailureModelsLayer } from "./layers/failure-models-layer.js";
import { createHoldoutLayer } from "./layers/holdout-layer.js";
import { createReviewLayer, type ReviewLayerOptions } from "./layers/review-layer.js";
import { createScopeLayer } from "./layers/scope-layer.js";
import { createSpecLayer } from "./layers/spec-layer.js";
import { createTestsLayer, type TestsLayerOptions } from "./layers/tests-layer.js";

/** What the CLI hands the default layers: the environment (model ids, keys, cassettes). */
export interface DefaultLayerOptions {
  env?: Readonly<Record<string, string | undefined>>;
  /** Options of the review layer beyond `env` (`jig loop` passes its remaining budget). */
  review?: Omit<ReviewLayerOptions, "env">;
  /** Handed the tests layer's run, so `jig check` can record each test's result. */
  onTestRun?: TestsLayerOptions["onRun"];
}

/**
 * The gate's pipeline, in order: spec → scope → holdout → failure-models →
 * tests → review → evals. Cheap deterministic layers run first so their findings are
 * in the report even when a model-backed layer errors.
 */
export function createDefaultLayers(options: DefaultLayerOptions = {}): Layer[] {
  const env = options.env ? { env: options.env } : {};
  return [
    createSpecLayer(),
    createScopeLayer(),
    createHoldoutLayer(),
    createFailureModelsLayer(),
    createTestsLayer({ ...env, ...(options.onTestRun ? { onRun: options.onTestRun } : {}) }),
    createReviewLayer({ ...options.review, ...env }),
    createEvalsLayer(env),
  ];
}
