import { homedir } from "node:os";
import { join } from "node:path";
import { type JigConfig, loadConfig } from "../config/index.js";
import { type Problem, ValidationError } from "../core/index.js";
import { requireWorkTreeRoot } from "../git/index.js";
import { createBuiltinProtection } from "./builtin-protection.js";
import { realRepoRoot } from "./canonicalize-path.js";
import { type CompiledPolicies, compilePolicies } from "./compile-policies.js";
import { lintPolicies, lintProtectedScopes } from "./lint-policies.js";
import { type AgentsSource, loadAgents } from "./load-agents.js";
import { createPolicyEngine, type PolicyEngine } from "./policy-engine.js";
import { guardSettings } from "./policy-snapshot.js";
import { createScopeIndex, type ScopeIndex } from "./scope-index.js";

/** agents/ read, compiled and linted: what `jig policy` and `jig agents` work on. */
export interface PolicyWorkspace {
  repoRoot: string;
  config: JigConfig;
  home: string;
  source: AgentsSource;
  compiled: CompiledPolicies;
  problems: Problem[];
}

/**
 * Read the repository's agents/ with its config, compile the manifests to
 * Cedar and lint the result. Problems are returned, not thrown, so lint can
 * print every one; `workspaceEngine` refuses to decide with any error.
 */
export async function readPolicyWorkspace(
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<PolicyWorkspace> {
  const repoRoot = realRepoRoot(requireWorkTreeRoot(cwd));
  const { config } = await loadConfig(repoRoot);
  const source = await loadAgents(join(repoRoot, config.agents.dir), config.agents.dir);
  const compiled = compilePolicies(source.manifests, source.raw, {
    requireSpec: config.agents.requireSpec,
  });
  const problems = [...source.problems];
  const home = env.HOME ?? homedir();
  if (problems.length === 0) {
    problems.push(
      ...(await lintPolicies(compiled, source)),
      ...lintProtectedScopes(source, guardSettings(config), { repoRoot, cwd: repoRoot, home }),
    );
  }
  return { repoRoot, config, home, source, compiled, problems };
}

/** The workspace's engine; throws every lint error at once when there are any (warnings pass). */
export async function workspaceEngine(
  workspace: PolicyWorkspace,
): Promise<{ engine: PolicyEngine; scopes: ScopeIndex }> {
  const errors = workspace.problems.filter((problem) => problem.severity !== "warning");
  if (errors.length > 0) throw new ValidationError(errors);
  const manifests = workspace.source.manifests.map((entry) => entry.manifest);
  const scopes = createScopeIndex(manifests, {
    home: workspace.home,
    specExempt: workspace.config.specs.exempt,
  });
  const protection = createBuiltinProtection(guardSettings(workspace.config), manifests);
  return { engine: await createPolicyEngine(workspace.compiled, scopes, protection), scopes };
}
