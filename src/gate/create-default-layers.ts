import type { Layer } from "./layer.js";
import { createSpecLayer } from "./layers/spec-layer.js";

/**
 * Layers planned for the gate but not in this build. They are listed so the
 * report says plainly what was not checked instead of leaving it out.
 */
const NOT_YET_AVAILABLE: Array<{ name: string; description: string }> = [
  { name: "scope", description: "Commits by an agent stay inside its write scope" },
  { name: "holdout", description: "Holdout eval suites are untouched and match their seal" },
  { name: "failure-models", description: "Known failure patterns are absent from the diff" },
  { name: "review", description: "An independent model reviews the diff against the spec" },
  { name: "evals", description: "Behavioral evals covering the change meet their threshold" },
];

/** The gate's pipeline, in order: spec → scope → holdout → failure-models → review → evals. */
export function createDefaultLayers(version: string): Layer[] {
  return [
    createSpecLayer(),
    ...NOT_YET_AVAILABLE.map(
      ({ name, description }): Layer => ({
        name,
        description,
        async run() {
          return {
            status: "skipped",
            findings: [],
            notes: [],
            skipReason: `not available in jig ${version}; this change was not checked for it`,
          };
        },
      }),
    ),
  ];
}
