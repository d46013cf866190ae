export * from "./create-default-layers.js";
export * from "./create-report.js";
export * from "./decide-verdict.js";
export * from "./layer.js";
export * from "./layers/spec-layer.js";
export * from "./report.js";
export * from "./resolve-spec-citation.js";
export * from "./run-gate.js";
