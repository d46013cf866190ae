import { join } from "node:path";
import { ValidationError } from "../core/index.js";
import { createBuiltinProtection, type ProtectionSettings } from "./builtin-protection.js";
import { type CompiledPolicies, compilePolicies } from "./compile-policies.js";
import { type AgentsSource, loadAgents } from "./load-agents.js";
import { createPolicyEngine, type PolicyEngine } from "./policy-engine.js";
import { createScopeIndex, type ScopeIndex } from "./scope-index.js";

/** Everything the guard needs, loaded once per process. */
export interface LoadedPolicy {
  source: AgentsSource;
  compiled: CompiledPolicies;
  scopes: ScopeIndex;
  engine: PolicyEngine;
}

export interface LoadPolicyOptions {
  repoRoot: string;
  /** `agents.dir` from the config, repo-relative. */
  agentsDir: string;
  /** `specs.exempt`: writes there need no approved spec. */
  specExempt: readonly string[];
  requireSpec: boolean;
  home: string;
  /**
   * Where the governance inputs live, for the built-in protection. Defaults
   * to jig's default folders with `agentsDir`.
   */
  protection?: ProtectionSettings;
}

/**
 * Read agents/, compile it to Cedar and pre-parse the set. Throws a
 * ValidationError listing every problem when any manifest or .cedar file is
 * invalid: a guard must never run on a policy it could only half read.
 */
export async function loadPolicy(options: LoadPolicyOptions): Promise<LoadedPolicy> {
  const source = await loadAgents(join(options.repoRoot, options.agentsDir), options.agentsDir);
  if (source.problems.length > 0) throw new ValidationError(source.problems);
  const compiled = compilePolicies(source.manifests, source.raw, {
    requireSpec: options.requireSpec,
  });
  const scopes = createScopeIndex(
    source.manifests.map((entry) => entry.manifest),
    { home: options.home, specExempt: options.specExempt },
  );
  const protection = createBuiltinProtection(
    options.protection ?? {
      agentsDir: options.agentsDir,
      specsDir: "specs",
      evalsDir: "evals",
      failuresDir: "failure-models",
      governancePaths: [],
      storePath: ".jig/jig.db",
    },
    source.manifests.map((entry) => entry.manifest),
  );
  const engine = await createPolicyEngine(compiled, scopes, protection);
  return { source, compiled, scopes, engine };
}
