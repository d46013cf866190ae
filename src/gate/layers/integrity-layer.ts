import type { LayerResult } from "../../contract/index.js";
import type { Commit } from "../../core/change.js";
import type { FindingDraft } from "../../core/finding.js";
import { EMPTY_TREE_SHA, listCommitFiles } from "../../git/index.js";
import { type AgentAttribution, attributeCommit } from "../../governance/agent-identity.js";
import {
  createGovernanceMatcher,
  GOVERNANCE_CONFIG_FILE,
  type GovernanceInput,
} from "../../governance/governance-inputs.js";
import type { GovernanceSnapshot } from "../../governance/read-governance.js";
import { rulesSummary } from "../../report/rules-summary.js";
import type { GateContext, Layer, LayerPreparation } from "../layer.js";

/** What the integrity layer needs to know of the governance a check was judged by. */
export type IntegrityGovernance = Pick<
  GovernanceSnapshot,
  "source" | "revision" | "config" | "bootstrap" | "files" | "skipped"
>;

/** A governance file the change touches, and who touched it. */
interface Touch {
  path: string;
  input: GovernanceInput;
  /** Agent commits that touched it. */
  agents: Array<{ commit: Commit; attribution: AgentAttribution }>;
  /** Commits by people that touched it. */
  people: Commit[];
  /** Touched in the net change but by no commit: uncommitted edits. */
  uncommitted: boolean;
}

/**
 * The gate's first, always-on layer: the change must not touch the rules
 * that judge it. Every other layer reads its rules from the trusted base
 * (`governance`); this one reports each governance file the change touches
 * as JIG-T001, critical when a coding agent's commit touched it (the
 * verdict fails) and asking a person otherwise (needs-human), and it asks a
 * person when the base has no `jig.config.yaml` at all (JIG-T002).
 *
 * Not in `LAYER_NAMES`, so `gate.skip` cannot name it, and `runCheck` adds
 * it in front of whatever layers a command passes.
 */
export function createIntegrityLayer(
  governance: IntegrityGovernance,
  options: { uncommittedBy?: string | undefined } = {},
): Layer {
  const commitFiles = new WeakMap<LayerPreparation, Promise<Map<string, string[]>>>();
  return {
    name: "integrity",
    description: "The change leaves the rules that judge it alone",
    prepare(input) {
      const preparation: LayerPreparation = {};
      if (input.range) {
        const listing = commitFilesOf(input.cwd, input.range);
        listing.catch(() => {});
        commitFiles.set(preparation, listing);
      }
      return preparation;
    },
    async run(context, preparation) {
      const listing = preparation ? commitFiles.get(preparation) : undefined;
      const perCommit =
        (await listing) ??
        (context.change.commits.length > 0
          ? await commitFilesOf(context.cwd, context.change)
          : new Map<string, string[]>());
      return judgeIntegrity(context, governance, perCommit, options.uncommittedBy);
    },
  };
}

/** The files each commit of the range touched; none when the range has no commits. */
function commitFilesOf(
  cwd: string,
  range: { base: string; head: string },
): Promise<Map<string, string[]>> {
  if (range.base === range.head || range.head === EMPTY_TREE_SHA) return Promise.resolve(new Map());
  // A first commit has no base commit: its range is everything head reaches.
  return listCommitFiles(cwd, range.base === EMPTY_TREE_SHA ? undefined : range.base, range.head);
}

function judgeIntegrity(
  context: GateContext,
  governance: IntegrityGovernance,
  perCommit: ReadonlyMap<string, string[]>,
  uncommittedBy: string | undefined,
): LayerResult {
  const touches = findTouches(context, governance, perCommit);
  if (uncommittedBy) {
    const attribution = { agent: uncommittedBy, evidence: `uncommitted edits by ${uncommittedBy}` };
    const commit: Commit = {
      sha: "(working tree)",
      subject: "",
      body: "",
      author: uncommittedBy,
      trailers: [],
    };
    for (const touch of touches.values()) {
      if (touch.uncommitted) touch.agents.push({ commit, attribution });
    }
  }
  const findings: FindingDraft[] = [];
  const needsHuman: string[] = [];
  const trusted = describeTrusted(governance);
  for (const touch of touches.values()) findings.push(touchFinding(touch, trusted));
  const byPeople = [...touches.values()].filter((touch) => touch.agents.length === 0);
  if (byPeople.length > 0) {
    needsHuman.push(
      `the change touches governance input${byPeople.length === 1 ? "" : "s"} ${list(byPeople.map((touch) => touch.path))}: a person must review and merge the governance change on its own; jig judged the rest of the change with the rules of ${trusted}`,
    );
  }
  if (governance.bootstrap) {
    findings.push({
      severity: "high",
      needsHuman: true,
      ruleId: "JIG-T002",
      title: "No jig.config.yaml at the trusted base",
      message: `${trusted} has no ${GOVERNANCE_CONFIG_FILE}, so no rules are trusted yet: this change was judged with jig's defaults.`,
      suggestion:
        "A person reviews and merges jig.config.yaml (with agents/, specs/ and evals/) to the default branch on its own; later changes are judged by those rules. If the base is wrong, pass --base.",
    });
    needsHuman.push(
      `bootstrap: ${trusted} has no ${GOVERNANCE_CONFIG_FILE}, so nothing is trusted yet; a person must review and merge the change that adopts jig`,
    );
  }
  const notes = [`rules read from ${rulesSummary(governance)}`];
  if (governance.skipped.length > 0) {
    notes.push(
      `not read (a symlink or submodule at the base, never followed): ${list(governance.skipped)}`,
    );
  }
  if (!uncommittedBy && [...touches.values()].some((touch) => touch.uncommitted)) {
    notes.push("uncommitted edits carry no author: they are treated as a person's");
  }
  const agentTouch = [...touches.values()].some((touch) => touch.agents.length > 0);
  return {
    status: agentTouch ? "failed" : "passed",
    findings,
    notes,
    ...(needsHuman.length > 0 ? { needsHuman } : {}),
  };
}

/** Every governance path touched by the net change or by any commit in it. */
function findTouches(
  context: GateContext,
  governance: IntegrityGovernance,
  perCommit: ReadonlyMap<string, string[]>,
): Map<string, Touch> {
  const matcher = createGovernanceMatcher(governance.config);
  const touches = new Map<string, Touch>();
  const touch = (path: string): Touch | undefined => {
    const input = matcher(path);
    if (!input) return undefined;
    let entry = touches.get(path);
    if (!entry) {
      entry = { path, input, agents: [], people: [], uncommitted: false };
      touches.set(path, entry);
    }
    return entry;
  };
  const identities = governance.config.governance.agentIdentities;
  const committed = new Set<string>();
  for (const commit of context.change.commits) {
    const attribution = attributeCommit(commit, identities);
    for (const path of perCommit.get(commit.sha) ?? []) {
      committed.add(path);
      const entry = touch(path);
      if (!entry) continue;
      if (attribution) entry.agents.push({ commit, attribution });
      else entry.people.push(commit);
    }
  }
  for (const file of context.change.files) {
    for (const path of file.oldPath ? [file.path, file.oldPath] : [file.path]) {
      const entry = touch(path);
      if (entry && !committed.has(path)) entry.uncommitted = true;
    }
  }
  return touches;
}

function touchFinding(touch: Touch, trusted: string): FindingDraft {
  const what = `${touch.path} is ${touch.input.label} (${touch.input.glob})`;
  if (touch.agents.length > 0) {
    const by = touch.agents
      .map(({ commit, attribution }) => `${commit.sha.slice(0, 7)} (${attribution.evidence})`)
      .join(", ");
    return {
      severity: "critical",
      ruleId: "JIG-T001",
      file: touch.path,
      title: "A coding agent changed a governance input",
      message: `${what}, and a coding agent's commit changed it: ${by}. An agent never changes the rules that judge it; jig judged the change with the rules of ${trusted}.`,
      suggestion:
        "Drop this file from the agent's change. If the rule must change, a person changes it in a separate change and merges it first.",
    };
  }
  const by =
    touch.people.length > 0
      ? `by ${[...new Set(touch.people.map((commit) => commit.author))].join(", ")}`
      : "in uncommitted edits";
  return {
    severity: "high",
    needsHuman: true,
    ruleId: "JIG-T001",
    file: touch.path,
    title: "The change touches a governance input",
    message: `${what}, changed ${by}. jig judged the change with the rules of ${trusted}, not this version.`,
    suggestion:
      "A person reviews and merges the governance change on its own (see the recommended CODEOWNERS in docs/agents.md), then the rest is rebased on it.",
  };
}

function describeTrusted(governance: IntegrityGovernance): string {
  if (governance.source === "working-tree") return "the working tree (a unified diff has no base)";
  const revision = governance.revision ?? "";
  return revision === EMPTY_TREE_SHA
    ? "the empty tree (no commits yet)"
    : `base ${revision.slice(0, 7)}`;
}

function list(paths: readonly string[]): string {
  return paths.length > 6
    ? `${paths.slice(0, 6).join(", ")} and ${paths.length - 6} more`
    : paths.join(", ");
}
