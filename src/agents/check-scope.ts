import type { Commit, FindingDraft } from "../core/index.js";
import type { ScopeIndex } from "./scope-index.js";

/** A commit with an `Agent:` trailer and the paths it touched (both sides of renames). */
export interface AgentCommit {
  commit: Pick<Commit, "sha" | "subject" | "trailers">;
  paths: string[];
}

/** The agents a commit names in `Agent:` trailers (key matched case-insensitively). */
export function commitAgents(commit: Pick<Commit, "trailers">): string[] {
  return commit.trailers
    .filter((trailer) => trailer.key.toLowerCase() === "agent")
    .map((trailer) => trailer.value.trim())
    .filter((value) => value.length > 0);
}

/**
 * Check that every file an agent's commit touches is inside that agent's
 * write scope, and that no agent commit touches the evals directory (holdout
 * scenarios must stay out of a coder's reach) unless its manifest names it.
 * Pure: the gate layer reads git and the manifests, this decides.
 */
export function checkCommitScope(
  commits: readonly AgentCommit[],
  scopes: ScopeIndex,
  options: { evalsDir: string; agentsDir: string },
): FindingDraft[] {
  const findings: FindingDraft[] = [];
  const evalsPrefix = `${options.evalsDir.replace(/\/+$/, "")}/`;
  for (const { commit, paths } of commits) {
    const short = commit.sha.slice(0, 8);
    for (const agent of commitAgents(commit)) {
      if (!scopes.has(agent)) {
        findings.push({
          ruleId: "JIG-A002",
          severity: "critical",
          title: `Commit ${short} names unknown agent '${agent}'`,
          message: `Commit ${short} ("${commit.subject}") has 'Agent: ${agent}', but ${options.agentsDir}/${agent}.yaml does not exist, so its scope cannot be checked.`,
          suggestion: `Add ${options.agentsDir}/${agent}.yaml, or fix the trailer.`,
        });
        continue;
      }
      for (const path of paths) {
        const inScope = scopes.canWrite(agent, path);
        const inEvals = path.startsWith(evalsPrefix);
        if (inScope && !inEvals) continue;
        if (inScope && inEvals && scopes.canWriteExplicitly(agent, evalsPrefix)) continue;
        findings.push({
          ruleId: inEvals ? "JIG-A003" : "JIG-A001",
          severity: "critical",
          file: path,
          title: inEvals
            ? `Agent ${agent} changed the evals directory`
            : `Agent ${agent} wrote outside its write scope`,
          message: inEvals
            ? `Commit ${short} ("${commit.subject}") by agent ${agent} touches ${path}, inside ${options.evalsDir}/. Evals judge the agent's work; an agent must not edit them.`
            : `Commit ${short} ("${commit.subject}") by agent ${agent} touches ${path}, which is outside ${agent}'s permissions.files.write.`,
          suggestion: inEvals
            ? "Revert the change to the evals, or have a human make it in a commit without an Agent trailer."
            : `Revert ${path} from this commit, or widen ${options.agentsDir}/${agent}.yaml permissions.files.write after review.`,
        });
      }
    }
  }
  return findings;
}
