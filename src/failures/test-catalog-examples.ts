import { loadAstEngine } from "./ast-engine.js";
import type { PreparedCatalog } from "./prepare-catalog.js";
import { type ExampleMismatch, testExamples } from "./test-examples.js";

/** The catalog's examples run as unit tests of its detectors. */
export interface CatalogExampleRun {
  /** Entries with a detector. */
  detectors: number;
  /** Entries without one: prose only, given to the AI reviewer. */
  withoutDetector: number;
  /** Examples run. */
  examples: number;
  /** Bad examples not detected and good ones detected. */
  mismatches: ExampleMismatch[];
}

/** `jig failures test`: run every entry's bad and good examples against its own detector. */
export async function testCatalogExamples(prepared: PreparedCatalog): Promise<CatalogExampleRun> {
  let examples = 0;
  const mismatches: ExampleMismatch[] = [];
  for (const detector of prepared.detectors) {
    if (!detector.entry.detect) continue;
    examples += detector.entry.examples.bad.length + detector.entry.examples.good.length;
    mismatches.push(...(await testExamples(detector, { loadAstEngine })));
  }
  const withoutDetector = prepared.catalog.entries.filter((entry) => !entry.detect).length;
  return {
    detectors: prepared.detectors.length - withoutDetector,
    withoutDetector,
    examples,
    mismatches,
  };
}
