import {
  type AgentCommit,
  checkCommitScope,
  commitAgents,
  createScopeIndex,
  loadAgents,
} from "../../agents/index.js";
import type { LayerResult } from "../../contract/index.js";
import { formatProblem } from "../../core/index.js";
import { runGit } from "../../git/index.js";
import { type GateContext, governedDir, type Layer } from "../layer.js";

/**
 * Change scope: commits carrying an `Agent: NAME` trailer may only touch
 * files inside that agent's `permissions.files.write`, and never the evals
 * directory. Skipped (never passed) when no commit names an agent.
 */
export function createScopeLayer(): Layer {
  return {
    name: "scope",
    description: "Commits by an agent stay inside its write scope",
    async run(context) {
      return evaluateScope(context);
    },
  };
}

async function evaluateScope(context: GateContext): Promise<LayerResult> {
  const agentCommits = context.change.commits.filter((commit) => commitAgents(commit).length > 0);
  if (agentCommits.length === 0) {
    return {
      status: "skipped",
      findings: [],
      notes: [],
      skipReason:
        "no commit in the range has an 'Agent: NAME' trailer, so there is no agent scope to check",
    };
  }
  const agentsDir = context.config.agents.dir;
  const source = await loadAgents(governedDir(context, agentsDir), agentsDir);
  if (source.problems.length > 0) {
    return {
      status: "error",
      findings: [],
      notes: [],
      error: `cannot check agent scope: ${source.problems.map(formatProblem).join("; ")}`,
    };
  }
  const scopes = createScopeIndex(
    source.manifests.map((entry) => entry.manifest),
    // Commits only hold repo-relative paths, so home-relative globs never apply.
    { home: "/nonexistent", specExempt: [] },
  );
  const commits: AgentCommit[] = [];
  for (const commit of agentCommits) {
    const output = await runGit(
      ["diff-tree", "--root", "--no-commit-id", "--name-status", "-r", "-M", "-z", commit.sha],
      context.cwd,
    );
    commits.push({ commit, paths: parseNameStatus(output) });
  }
  const evalsDir = (context.config as { evals?: { dir?: string } }).evals?.dir ?? "evals";
  const findings = checkCommitScope(commits, scopes, { evalsDir, agentsDir });
  const agents = [...new Set(agentCommits.flatMap(commitAgents))];
  const notes = [
    `${agentCommits.length} commit${agentCommits.length === 1 ? "" : "s"} by ${agents.join(", ")} checked against ${agentsDir}/`,
  ];
  if (context.change.workingTree)
    notes.push("uncommitted changes carry no trailer and are not attributed to an agent");
  return { status: findings.length > 0 ? "failed" : "passed", findings, notes };
}

/** Paths from `git diff-tree --name-status -z`: both sides of renames and copies. */
export function parseNameStatus(output: string): string[] {
  const fields = output.split("\0").filter((field) => field.length > 0);
  const paths: string[] = [];
  for (let index = 0; index < fields.length; ) {
    const status = fields[index] ?? "";
    const pathCount = status.startsWith("R") || status.startsWith("C") ? 2 : 1;
    for (let offset = 1; offset <= pathCount; offset++) {
      const path = fields[index + offset];
      if (path !== undefined) paths.push(path);
    }
    index += pathCount + 1;
  }
  return [...new Set(paths)];
}
