import { describe, expect, it } from "vitest";
import type { GateContext, Layer } from "../gate/index.js";
import { layerResultProblems } from "./layer-result-problems.js";

/** One ordinary input for the layer under test, named for failure messages. */
export interface LayerCase {
  name: string;
  context: GateContext;
}

/** How to build the layer under test and the inputs it must handle. */
export interface LayerHarness {
  create(): Layer | Promise<Layer>;
  /**
   * Ordinary inputs: a change the layer can judge, one it has nothing to say
   * about, one where it is not configured. At least one.
   */
  cases(): LayerCase[] | Promise<LayerCase[]>;
  cleanup?(): void | Promise<void>;
}

/**
 * The behaviour every gate `Layer` must have.
 *
 * The contract: for every ordinary input, `run` resolves with a valid
 * `LayerResult` and does not throw. What a layer could not do is data:
 * `skipped` with a reason (not configured, nothing to check) or `error` with a
 * message (it tried and failed). A throw is reserved for bugs; `runGate`
 * catches it and records the layer as `error`, which fails the verdict, so a
 * crashing layer can never pass a change, but it also cannot say why. A layer
 * reads its input only from the context and leaves the context unchanged,
 * because the layers after it read the same one.
 *
 * jig runs it against each of its default layers.
 *
 * @example
 * import { describeLayerConformance, fakeGateContext } from "jig/testing";
 * describeLayerConformance("licence", {
 *   create: () => createLicenceLayer(),
 *   cases: () => [{ name: "one changed file", context: fakeGateContext(["src/a.ts"]) }],
 * });
 */
export function describeLayerConformance(name: string, harness: LayerHarness): void {
  describe(`Layer conformance: ${name}`, () => {
    it("has a kebab-case name and a description", async () => {
      const layer = await harness.create();
      expect(layer.name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(layer.description.trim()).not.toBe("");
    });

    it("answers every ordinary input with a valid LayerResult, without throwing", async () => {
      const layer = await harness.create();
      const cases = await harness.cases();
      expect(cases.length).toBeGreaterThan(0);
      const problems: string[] = [];
      try {
        for (const { name: caseName, context } of cases) {
          const result = await layer.run(context).catch((error: unknown) => error);
          if (result instanceof Error) {
            problems.push(`${caseName}: threw ${result.message}`);
            continue;
          }
          for (const problem of layerResultProblems(result))
            problems.push(`${caseName}: ${problem}`);
        }
      } finally {
        await harness.cleanup?.();
      }
      expect(problems).toEqual([]);
    });

    it("leaves the context as it found it", async () => {
      const layer = await harness.create();
      const cases = await harness.cases();
      const changed: string[] = [];
      try {
        for (const { name: caseName, context } of cases) {
          const before = snapshot(context);
          await layer.run(context).catch(() => undefined);
          if (snapshot(context) !== before) changed.push(caseName);
        }
      } finally {
        await harness.cleanup?.();
      }
      expect(changed).toEqual([]);
    });

    it("with a head start that saw no batch of files, answers as without one", async () => {
      const layer = await harness.create();
      if (!layer.prepare) return;
      const cases = await harness.cases();
      const differing: string[] = [];
      try {
        for (const { name: caseName, context } of cases) {
          const preparation = layer.prepare({ cwd: context.cwd, config: context.config });
          await preparation.ready?.catch(() => undefined);
          const prepared = await layer.run(context, preparation).catch(String);
          const alone = await layer.run(context).catch(String);
          if (JSON.stringify(prepared) !== JSON.stringify(alone)) differing.push(caseName);
        }
      } finally {
        await harness.cleanup?.();
      }
      expect(differing).toEqual([]);
    });
  });
}

/** The context's data as text; functions and the signal are left out. */
function snapshot(context: GateContext): string {
  return JSON.stringify(context, (key, value: unknown) =>
    typeof value === "function" || key === "signal" ? undefined : value,
  );
}
