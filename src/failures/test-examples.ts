import type { AstEngine } from "./ast-engine.js";
import type { CompiledDetector } from "./compile-catalog.js";
import { diffLines, exampleToChange } from "./example-change.js";
import type { FailureExample, FailureModel } from "./failure-model.js";
import { reflowCode } from "./reflow-call.js";
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
 * must fire and no `good` one may. Each bad example that holds a one-line
 * call must also fire when that call is formatted over several lines (see
 * {@link reflowExample}): a detector that only sees the one-line form would
 * miss most real code. An entry without a detector has nothing to test and
 * yields no mismatch.
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
  const runExample = async (example: FailureExample) => {
    const { change, path, content } = exampleToChange(entry, example);
    const run = await runDetectors(change, [detector], {
      readFile: async (wanted) => (wanted === path ? content : undefined),
      ...(options.loadAstEngine ? { loadAstEngine: options.loadAstEngine } : {}),
    });
    return { run, path };
  };
  for (const kind of ["bad", "good"] as const) {
    const examples = entry.examples[kind];
    for (let index = 0; index < examples.length; index++) {
      const example = examples[index];
      if (example === undefined) continue;
      const { run, path } = await runExample(example);
      const mismatch = (message: string) =>
        mismatches.push({ id: entry.id, file: entry.file, line: entry.line, kind, index, message });
      const fired = run.findings.length > 0;
      if (kind === "bad" && !fired) {
        mismatch(
          detector.matchesPath(path)
            ? `bad example ${index + 1} (${path}) is not detected`
            : `bad example ${index + 1} path ${path} is outside appliesTo; give the example a \`path:\``,
        );
      } else if (kind === "bad") {
        const reflowed = reflowExample(entry, example);
        if (reflowed && (await runExample(reflowed)).run.findings.length === 0) {
          mismatch(
            `bad example ${index + 1} (${path}) is not detected when its call is formatted over several lines; match the call's parts with \\s* rather than a literal space, or use an \`ast\` rule`,
          );
        }
      } else if (kind === "good" && fired) {
        mismatch(
          `good example ${index + 1} (${path}) is detected at line ${run.findings[0]?.line ?? "?"}`,
        );
      }
    }
  }
  return mismatches;
}

/**
 * The example with its added lines' calls broken over several lines, or
 * undefined when it has none to break (or is a deletion).
 */
export function reflowExample(
  model: FailureModel,
  example: FailureExample,
): FailureExample | undefined {
  const object = typeof example === "string" ? { code: example } : example;
  if (object.deleted) return undefined;
  const path = { path: exampleToChange(model, example).path };
  if (object.after !== undefined) {
    const before = object.before === undefined ? [] : object.before.split("\n");
    const added = new Set<number>();
    for (const line of diffLines(before, object.after.split("\n")))
      if (line.kind === "add") added.add(line.newLine - 1);
    const after = reflowCode(object.after, added);
    return after === undefined ? undefined : { ...object, ...path, after };
  }
  const code = reflowCode(object.code ?? "");
  return code === undefined ? undefined : { ...object, ...path, code };
}
