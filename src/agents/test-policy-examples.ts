import { createGuard, type GuardDecision } from "./guard.js";
import type { PolicyEngine } from "./policy-engine.js";
import type { PolicyWorkspace } from "./read-policy-workspace.js";

/** One `examples.allow|deny|ask` entry of a manifest, decided. */
export interface PolicyExampleResult {
  agent: string;
  expected: "allow" | "deny" | "ask";
  tool: string;
  input: unknown;
  decision: GuardDecision;
  ok: boolean;
}

/**
 * Decide every example a manifest declares (optionally only `agent`'s) with
 * the compiled policy, as unit tests of the policy: `ok` is whether the
 * decision is the one the example expects. Decided as with an approved spec.
 */
export function testPolicyExamples(
  workspace: Pick<PolicyWorkspace, "repoRoot" | "home" | "source">,
  options: { engine: PolicyEngine; now: () => Date; agent?: string | undefined },
): PolicyExampleResult[] {
  const guard = createGuard({
    engine: options.engine,
    base: { repoRoot: workspace.repoRoot, cwd: workspace.repoRoot, home: workspace.home },
    now: options.now,
    adapter: "policy-test",
    specApproved: true,
  });
  const results: PolicyExampleResult[] = [];
  for (const { manifest } of workspace.source.manifests) {
    if (options.agent && manifest.name !== options.agent) continue;
    for (const expected of ["allow", "deny", "ask"] as const) {
      for (const example of manifest.examples[expected]) {
        const decision = guard.check({
          agent: manifest.name,
          tool: example.tool,
          input: example.input,
        });
        results.push({
          agent: manifest.name,
          expected,
          tool: example.tool,
          input: example.input,
          decision,
          ok: decision.decision === expected,
        });
      }
    }
  }
  return results;
}
