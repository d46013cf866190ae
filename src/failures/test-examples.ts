import type { AstEngine } from "./ast-engine.js";
import type { CompiledDetector } from "./compile-catalog.js";
import { exampleToChange } from "./example-change.js";
import { runDetectors } from "./run-detectors.js";

/** One example that disagrees with its detector. */
export interface ExampleMismatch {
  id: string;
  file: string;
  line: number;
  kind: "bad" | "good";
  index: number;
  /** What went wrong, in words a catalog author can act on. */
  message: string;
}

/**
 * Run an entry's examples as unit tests of its detector: every `bad` example
 * must fire and no `good` one may. An entry without a detector has nothing
 * to test and yields no mismatch.
 *
 * @example
 * const mismatches = await testExamples(detector, { loadAstEngine });
 */
export async function testExamples(
  detector: CompiledDetector,
  options: { loadAstEngine?: () => AstEngine } = {},
): Promise<ExampleMismatch[]> {
  const { entry } = detector;
  if (!entry.detect) return [];
  const mismatches: ExampleMismatch[] = [];
  for (const kind of ["bad", "good"] as const) {
    const examples = entry.examples[kind];
    for (let index = 0; index < examples.length; index++) {
      const example = examples[index];
      if (example === undefined) continue;
      const { change, path, content } = exampleToChange(entry, example);
      const run = await runDetectors(change, [detector], {
        readFile: async (wanted) => (wanted === path ? content : undefined),
        ...(options.loadAstEngine ? { loadAstEngine: options.loadAstEngine } : {}),
      });
      const fired = run.findings.length > 0;
      if (kind === "bad" && !fired) {
        const applies = detector.matchesPath(path);
        mismatches.push({
          id: entry.id,
          file: entry.file,
          line: entry.line,
          kind,
          index,
          message: applies
            ? `bad example ${index + 1} (${path}) is not detected`
            : `bad example ${index + 1} path ${path} is outside appliesTo; give the example a \`path:\``,
        });
      } else if (kind === "good" && fired) {
        mismatches.push({
          id: entry.id,
          file: entry.file,
          line: entry.line,
          kind,
          index,
          message: `good example ${index + 1} (${path}) is detected at line ${run.findings[0]?.line ?? "?"}`,
        });
      }
    }
  }
  return mismatches;
}
