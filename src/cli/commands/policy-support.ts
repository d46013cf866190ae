import { homedir } from "node:os";
import { join } from "node:path";
import {
  type AgentsSource,
  type CompiledPolicies,
  compilePolicies,
  createPolicyEngine,
  createScopeIndex,
  lintPolicies,
  loadAgents,
  type PolicyEngine,
  realRepoRoot,
  type ScopeIndex,
} from "../../agents/index.js";
import { type JigConfig, loadConfig } from "../../config/index.js";
import { type Problem, ValidationError } from "../../core/index.js";
import { findWorkTreeRoot } from "./guard-setup.js";

/** agents/ read, compiled and linted, for the policy and agents commands. */
export interface PolicyWorkspace {
  repoRoot: string;
  config: JigConfig;
  home: string;
  source: AgentsSource;
  compiled: CompiledPolicies;
  problems: Problem[];
}

export async function readPolicyWorkspace(
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<PolicyWorkspace> {
  const repoRoot = realRepoRoot(findWorkTreeRoot(cwd));
  const { config } = await loadConfig(repoRoot);
  const source = await loadAgents(join(repoRoot, config.agents.dir), config.agents.dir);
  const compiled = compilePolicies(source.manifests, source.raw, {
    requireSpec: config.agents.requireSpec,
  });
  const problems = [...source.problems];
  if (problems.length === 0) problems.push(...(await lintPolicies(compiled, source)));
  return { repoRoot, config, home: env.HOME ?? homedir(), source, compiled, problems };
}

/** The workspace's engine; throws every lint problem at once when there are any. */
export async function workspaceEngine(
  workspace: PolicyWorkspace,
): Promise<{ engine: PolicyEngine; scopes: ScopeIndex }> {
  if (workspace.problems.length > 0) throw new ValidationError(workspace.problems);
  const scopes = createScopeIndex(
    workspace.source.manifests.map((entry) => entry.manifest),
    { home: workspace.home, specExempt: workspace.config.specs.exempt },
  );
  return { engine: await createPolicyEngine(workspace.compiled, scopes), scopes };
}
