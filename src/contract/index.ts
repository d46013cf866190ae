export * from "./layer-result.js";
export * from "./report.js";
