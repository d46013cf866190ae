import type { ModeTable } from "../autonomy/mode-table.js";
import type { Merge, MergeClass, Outcome } from "../contract/index.js";

export interface DecideMergeInput {
  outcome: Outcome;
  /** The modes from autonomy.yaml at the trusted base, with the demotions in force. */
  table: ModeTable;
  /** The agents the change's commits are attributed to. */
  agents: readonly string[];
  /** The domains the change touches (`*` for paths in none). */
  domains: readonly string[];
  /** How to name where autonomy.yaml would be read: `the base (1a2b3c4)`. */
  where: string;
}

/**
 * Who may merge: `auto` only when the verdict is pass and every touched
 * domain is full-auto for every agent in the change. Without autonomy.yaml
 * autonomy is not adopted, and a change no agent's commit made is a
 * person's to merge: both are `human`, saying so. Pure.
 */
export function decideMerge(input: DecideMergeInput): Merge {
  const agents = [...input.agents];
  if (!input.table.configured) {
    return human(`autonomy.yaml not present on ${input.where}`, agents, []);
  }
  if (agents.length === 0) return human("no agent attribution", agents, []);
  if (input.domains.length === 0) return human("the change touches no file", agents, []);
  const domains: MergeClass[] = [];
  for (const agent of agents) {
    for (const domain of input.domains) {
      // A merge lands the change's edits: the edit mode of each class decides.
      const { mode, source } = input.table.resolve(agent, [domain], "edit");
      domains.push({ agent, domain, mode, source });
    }
  }
  const reasons: string[] = [];
  if (input.outcome !== "pass") reasons.push(`verdict ${input.outcome}`);
  for (const entry of domains) {
    if (entry.mode !== "full-auto") {
      reasons.push(`${entry.domain} is ${entry.mode} for ${entry.agent}`);
    }
  }
  if (reasons.length > 0) return human(reasons.join("; "), agents, domains);
  return {
    decision: "auto",
    reason: `verdict pass, and ${list(input.domains)} ${input.domains.length === 1 ? "is" : "are"} full-auto for ${list(agents)}`,
    agents,
    domains,
  };
}

function human(reason: string, agents: string[], domains: MergeClass[]): Merge {
  return { decision: "human", reason, agents, domains };
}

function list(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? "")
    : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
