/**
 * The bundled example behind `jig demo`: a small refunds service with its
 * approved spec, agents and sealed evals, and one change per kind of defect
 * for the gate to judge. Kept as data, so the demo needs no files on disk.
 */
export { buildDemoRepository, type DemoRepository } from "./build-demo-repository.js";
export { DEMO_BASE_FILES, DEMO_CHANGES, type DemoChange } from "./demo-repository.js";
export {
  DEMO_REVIEW_CHANGE,
  DEMO_REVIEW_CONFIG,
  DEMO_REVIEWER_FILES,
  DEMO_REVIEWER_MODEL,
  DEMO_REVIEWER_SCRIPT,
} from "./review-demo.js";
