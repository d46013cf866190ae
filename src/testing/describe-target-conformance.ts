import { describe, expect, it } from "vitest";
import { evalSuiteSchema, type Target, type TargetCall, TargetError } from "../evals/index.js";

/**
 * The call every target under test receives: scenario `a` with the var
 * `name: "ada"` and the input `"hi"`. A working target must echo both.
 */
export const conformanceCall: TargetCall = {
  scenario: evalSuiteSchema.parse({
    suite: "conformance",
    target: { command: "x" },
    scenarios: [{ id: "a", vars: { name: "ada" }, input: "hi" }],
  }).scenarios[0]!,
  input: "hi",
  timeoutMs: 2_000,
  useCache: true,
};

/** How to build the target under test, once working and once broken. */
export interface TargetHarness {
  /** The `kind` the target reports. */
  kind: string;
  /** A target whose output text contains the scenario's var `name` and its input. */
  working(): Target | Promise<Target>;
  /** A target that cannot produce an output (crashes, refuses the connection, throws). */
  failing(): Target | Promise<Target>;
}

/**
 * The behaviour every eval `Target` must have: it passes the scenario's vars
 * and input and resolves with text and a latency, and when it cannot produce
 * an output it rejects with a `TargetError` (so the run records an error, not
 * an assertion failure), never with another error. jig runs it against its
 * command, http, model and module targets.
 *
 * @example
 * import { describeTargetConformance } from "jig/testing";
 * describeTargetConformance({
 *   kind: "command",
 *   working: () => createCommandTarget({ command: 'printf "%s:%s" "$JIG_VAR_NAME" "$(cat)"', root, env }),
 *   failing: () => createCommandTarget({ command: ["/no/such/binary"], root, env }),
 * });
 */
export function describeTargetConformance(harness: TargetHarness): void {
  describe(`Target conformance: ${harness.kind}`, () => {
    it("passes the scenario's vars and input and returns text", async () => {
      const target = await harness.working();
      try {
        expect(target.kind).toBe(harness.kind);
        const output = await target.call(conformanceCall);
        expect(output.text).toContain("ada");
        expect(output.text).toContain("hi");
        expect(output.latencyMs).toBeGreaterThanOrEqual(0);
      } finally {
        await target.close();
      }
    });

    it("rejects with a TargetError when it cannot produce an output", async () => {
      const target = await harness.failing();
      try {
        const error = await target.call(conformanceCall).then(
          (output) => output,
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(TargetError);
      } finally {
        await target.close();
      }
    });
  });
}
