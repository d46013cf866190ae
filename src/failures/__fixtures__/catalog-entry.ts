import type { CatalogEntry, Detect } from "../failure-model.js";

/** A project catalog entry with the given detector, as the loader would produce it. */
export function catalogEntry(id: string, detect: Detect, appliesTo?: string[]): CatalogEntry {
  return {
    id,
    title: `title of ${id}`,
    severity: "high",
    trigger: "t",
    symptoms: ["s1", "s2"],
    fix: "the fix",
    source: "src",
    detect,
    examples: { bad: ["x"], good: ["y"] },
    ...(appliesTo ? { appliesTo } : {}),
    domain: "test",
    origin: "project",
    file: "failure-models/test.yaml",
    line: 1,
    column: 1,
    locations: {},
  };
}
