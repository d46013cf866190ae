export * from "./change.js";
export * from "./errors.js";
export * from "./finding.js";
export * from "./package-root.js";
export * from "./problem.js";
export * from "./severity.js";
export * from "./yaml-source.js";
export * from "./zod-problems.js";
