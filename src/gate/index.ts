export * from "./create-default-layers.js";
export * from "./create-report.js";
export * from "./decide-verdict.js";
export * from "./layer.js";
export * from "./layers/evals-layer.js";
export * from "./layers/failure-models-layer.js";
export * from "./layers/holdout-layer.js";
export * from "./layers/review-layer.js";
export * from "./layers/scope-layer.js";
export * from "./layers/spec-layer.js";

export * from "./resolve-spec-citation.js";
export * from "./run-gate.js";
