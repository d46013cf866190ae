// Deep imports: autonomy/index.ts loads the autonomy.yaml parser (zod, YAML),
// which the hook's hot path must not pay for.
import type { ActionKind, AutonomyMode } from "../autonomy/autonomy-mode.js";
import type { AutonomyClass, AutonomyFile } from "../autonomy/autonomy-schema.js";
import { activeDemotions, type Demotion } from "../autonomy/autonomy-store.js";
import { ANY_DOMAIN, createDomainMatcher, type DomainMatcher } from "../autonomy/match-domains.js";
import { createModeTable, type ModeTable, type ResolvedMode } from "../autonomy/mode-table.js";
import { callKey } from "./call-key.js";
import type { CanonicalCall } from "./canonicalize-call.js";
import type { EngineDecision } from "./policy-engine.js";

/** What the guard needs to apply autonomy modes: built once per policy and demotion change. */
export interface GuardAutonomy {
  table: ModeTable;
  domains: DomainMatcher;
  /** autonomy.yaml `sample`: the share of allowed auto-logged calls queued for review. */
  sample: number;
}

/** The mode a decision was made under, as the guard reports and audits it. */
export interface AppliedMode extends ResolvedMode {
  action: ActionKind;
  /** What the manifests and built-in protections alone decided. */
  engine: EngineDecision["decision"];
  /** An allowed auto-logged call picked for the review queue. */
  sampled?: boolean;
}

/**
 * The guard's autonomy for autonomy.yaml (undefined: not adopted), the
 * config's domains and every recorded demotion; only those still in force
 * (their basis matches the entry the file has now) lower a mode.
 */
export function createGuardAutonomy(
  file: AutonomyFile | undefined,
  domains: Readonly<Record<string, readonly string[]>>,
  demotions: readonly Demotion[],
): GuardAutonomy | undefined {
  if (!file) return undefined;
  return {
    table: createModeTable(file, activeDemotions(demotions, entryFinder(file))),
    domains: createDomainMatcher(domains),
    sample: file.sample,
  };
}

/** The autonomy.yaml entry granted for exactly this agent and domain (the one a demotion's basis was taken from). */
function entryFinder(
  file: AutonomyFile,
): (agent: string, domain: string) => AutonomyClass | undefined {
  return (agent, domain) =>
    file.classes.find((entry) => entry.agent === agent && entry.domain === domain);
}

const EDIT_TOOLS = new Set(["Edit", "Write", "MultiEdit", "NotebookEdit"]);

/**
 * The action kind modes govern, or undefined for calls they leave alone
 * (reads, searches, fetches, messages): those stay with the manifests.
 * MCP file tools arrive here as a Read or Write under the MCP tool's name,
 * so the name decides first.
 */
export function actionKindOf(call: Pick<CanonicalCall, "tool">): ActionKind | undefined {
  const { tool } = call;
  if (tool.startsWith("mcp__")) {
    const end = tool.indexOf("__", 5);
    return `mcp:${end > 5 ? tool.slice(5, end) : tool.slice(5)}`;
  }
  if (EDIT_TOOLS.has(tool)) return "edit";
  if (tool === "Bash") return "command";
  return undefined;
}

/** The domains a call touches: its path's, or `*` for a call without one inside the repository. */
export function callDomains(call: Pick<CanonicalCall, "path">, match: DomainMatcher): string[] {
  return call.path?.inside ? match(call.path.path) : [ANY_DOMAIN];
}

/** The mode governing a call, or undefined when no mode governs it (see actionKindOf). */
export function resolveCallMode(
  call: CanonicalCall,
  autonomy: GuardAutonomy,
): (ResolvedMode & { action: ActionKind }) | undefined {
  const action = actionKindOf(call);
  if (action === undefined) return undefined;
  return {
    ...autonomy.table.resolve(call.agent, callDomains(call, autonomy.domains), action),
    action,
  };
}

/**
 * Apply a mode to what the manifests (and approvals) decided. A mode only
 * ever narrows: blocked denies, shadow and supervised turn an allow into an
 * ask, auto-logged and full-auto keep the decision. Pure but for the
 * sampling hash.
 */
export function mapMode<D extends EngineDecision>(
  call: CanonicalCall,
  decided: D,
  resolved: ResolvedMode & { action: ActionKind },
  sample: number,
): { decision: D; applied: AppliedMode } {
  const applied: AppliedMode = { ...resolved, engine: decided.decision };
  const where = `${call.agent} in domain ${resolved.domain} for ${resolved.action}`;
  switch (resolved.mode) {
    case "blocked":
      if (decided.decision === "deny") return { decision: decided, applied };
      return {
        applied,
        decision: {
          ...decided,
          decision: "deny",
          reason: `autonomy mode blocked (${where}, ${resolved.source}); only a person can change autonomy.yaml`,
        },
      };
    case "shadow":
    case "supervised":
      if (decided.decision !== "allow") return { decision: decided, applied };
      return {
        applied,
        decision: {
          ...decided,
          decision: "ask",
          reason: `${decided.reason}; autonomy mode ${resolved.mode} (${where}, ${resolved.source}): a person confirms each call${resolved.mode === "shadow" ? ", and jig compares the answer with the agent's proposal" : ""}`,
        },
      };
    case "auto-logged": {
      if (decided.decision !== "allow") return { decision: decided, applied };
      const sampled = isSampled(call, sample);
      return {
        applied: { ...applied, sampled },
        decision: sampled
          ? { ...decided, reason: `${decided.reason}; auto-logged, sampled for review` }
          : decided,
      };
    }
    case "full-auto":
      return { decision: decided, applied };
  }
}

/**
 * Whether an auto-logged call goes to the review queue: the first 32 bits of
 * its call key against `rate`, so the same call is always sampled the same
 * way (a test can assert it) and an agent cannot reroll by retrying.
 */
export function isSampled(call: CanonicalCall, rate: number): boolean {
  if (rate <= 0) return false;
  if (rate >= 1) return true;
  return Number.parseInt(callKey(call).slice(0, 8), 16) / 0x1_0000_0000 < rate;
}

/** Whether a mode keeps a person in the loop on every governed call. */
export function asksPerson(mode: AutonomyMode): boolean {
  return mode === "shadow" || mode === "supervised";
}
