import type { Commit } from "../core/change.js";

/** Why a commit counts as a coding agent's. */
export interface AgentAttribution {
  /** The agent, as the evidence names it: `coder`, `Claude`, `aider`. */
  agent: string;
  /** The evidence, quoted: `Agent: coder`, `Co-Authored-By: Claude <noreply@anthropic.com>`. */
  evidence: string;
}

/**
 * Identities coding agents put on the commits they make by default, matched
 * against `Name <email>` of co-author trailers, authors and committers. Only
 * entries whose tools document (or visibly ship) them: Claude Code's
 * `Co-Authored-By: Claude … <noreply@anthropic.com>`, aider's
 * `aider (model) <noreply@aider.chat>` and its `(aider)` author suffix,
 * opencode's `<noreply@opencode.ai>`, and GitHub Copilot's `Copilot`
 * noreply identity. A project adds its own bots in
 * `governance.agentIdentities`.
 */
export const KNOWN_AGENT_IDENTITIES: ReadonlyArray<{ agent: string; pattern: RegExp }> = [
  { agent: "Claude", pattern: /<noreply@anthropic\.com>/i },
  { agent: "aider", pattern: /<noreply@aider\.chat>|\(aider\)\s*</i },
  { agent: "opencode", pattern: /<noreply@opencode\.ai>/i },
  { agent: "Copilot", pattern: /^copilot\s*<[^>]*copilot@users\.noreply\.github\.com>/i },
  { agent: "Copilot", pattern: /^copilot(?:-swe-agent)?\[bot\]/i },
  { agent: "Devin", pattern: /^devin-ai-integration\[bot\]/i },
];

/** Trailers whose value names a person or tool that wrote part of the commit. */
const AUTHORSHIP_TRAILERS = new Set(["co-authored-by", "assisted-by", "generated-by"]);

/**
 * Whether a commit is a coding agent's, and the evidence. A commit is an
 * agent's when it carries an `Agent:` trailer (jig's own convention), an
 * `Assisted-by:`/`Generated-by:` trailer, a co-author trailer a coding agent
 * adds, or an author or committer listed in `identities`
 * (`governance.agentIdentities`: a name, an email or `Name <email>`).
 * Pure.
 */
export function attributeCommit(
  commit: Pick<Commit, "author" | "committer" | "trailers">,
  identities: readonly string[] = [],
): AgentAttribution | undefined {
  for (const trailer of commit.trailers) {
    const key = trailer.key.toLowerCase();
    if (key === "agent" && trailer.value.trim() !== "") {
      return { agent: trailer.value.trim(), evidence: `${trailer.key}: ${trailer.value}` };
    }
    if (key === "assisted-by" || key === "generated-by") {
      return { agent: nameOf(trailer.value), evidence: `${trailer.key}: ${trailer.value}` };
    }
    if (AUTHORSHIP_TRAILERS.has(key)) {
      const known = knownAgent(trailer.value);
      if (known) return { agent: known, evidence: `${trailer.key}: ${trailer.value}` };
    }
  }
  const people = [
    ["author", commit.author],
    ["committer", commit.committer],
  ] as const;
  for (const [role, who] of people) {
    if (!who) continue;
    const listed = identities.find((identity) => identityMatches(identity, who));
    if (listed)
      return { agent: nameOf(who), evidence: `${role} ${who} (governance.agentIdentities)` };
    const known = knownAgent(who);
    if (known) return { agent: known, evidence: `${role} ${who}` };
  }
  return undefined;
}

function knownAgent(who: string): string | undefined {
  return KNOWN_AGENT_IDENTITIES.find((entry) => entry.pattern.test(who.trim()))?.agent;
}

/** `Name <email>` → `Name`. */
function nameOf(who: string): string {
  return who.replace(/<[^>]*>/, "").trim() || who.trim();
}

/**
 * `identity` as configured against `Name <email>`: the whole form, the email
 * (with or without brackets) or the name, case-insensitively.
 */
function identityMatches(identity: string, who: string): boolean {
  const wanted = identity.trim().toLowerCase();
  const full = who.trim().toLowerCase();
  if (wanted === full) return true;
  const email = /<([^>]*)>/.exec(full)?.[1];
  const name = full.replace(/<[^>]*>/, "").trim();
  const bare = wanted.replace(/^<|>$/g, "");
  return bare === email || wanted === name;
}
