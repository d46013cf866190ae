import { isMap, isSeq, parseDocument, Scalar, type YAMLMap } from "yaml";
import { parseYamlForEdit } from "../core/parse-yaml-for-edit.js";
import { formatInterval } from "./agreement-interval.js";
import { describeRule } from "./assess-class.js";
import type { AutonomyMode } from "./autonomy-mode.js";
import type { AutonomyStatus } from "./autonomy-status.js";
import { unifiedDiff } from "./unified-diff.js";

/** One promotion a person may grant, with the evidence that earned it. */
export interface Proposal {
  agent: string;
  domain: string;
  from: AutonomyMode;
  to: AutonomyMode;
  /** The rule met, in words: `lower bound ≥ 95% over ≥ 50 decisions`. */
  rule: string;
  evidence: {
    agreement: string;
    agreements: number;
    decisions: number;
    low: number;
    high: number;
    days: number;
    incidents: number;
  };
}

/** The models the evidence was earned with, stamped as `earnedWith`. */
export interface EarnedWith {
  coder?: string;
  reviewer?: string;
}

export interface ProposedChange {
  proposals: Proposal[];
  /** autonomy.yaml as it would be after a person applies every proposal. */
  text: string;
  /** A unified diff from the current file to `text`; empty without proposals. */
  diff: string;
}

const HEADER = ` Autonomy per agent and domain (docs/autonomy.md). A governance input:
 agents cannot change it; jig autonomy propose --write edits it and a person commits it.`;

/** Every class whose evidence meets the rule for its next step. Pure. */
export function findProposals(status: AutonomyStatus): Proposal[] {
  return status.classes.flatMap((c) => {
    if (!c.next.met || c.next.to === undefined || !c.next.rule) return [];
    const a = c.evidence.agreement;
    return [
      {
        agent: c.agent,
        domain: c.domain,
        from: c.mode,
        to: c.next.to,
        rule: describeRule(c.next.rule),
        evidence: {
          agreement: formatInterval(a),
          agreements: a.agreements,
          decisions: a.decisions,
          low: a.low,
          high: a.high,
          days: c.evidence.days,
          incidents: c.evidence.incidents,
        },
      },
    ];
  });
}

/**
 * autonomy.yaml with each proposal applied, comments and order kept (the
 * yaml Document API edits the tree): the class's own entry gets the new mode,
 * `earnedWith` and `since`, or a new entry is appended. A new `since`
 * changes the entry's basis, which lifts the demotions recorded against the
 * old grant. Pure.
 */
export function proposeChanges(
  text: string | undefined,
  proposals: readonly Proposal[],
  stamp: { earnedWith: EarnedWith; since: string },
  path = "autonomy.yaml",
): ProposedChange {
  const before = text ?? "";
  if (proposals.length === 0) return { proposals: [], text: before, diff: "" };
  let document = parseYamlForEdit(before, path);
  if (!isMap(document.contents)) {
    document = parseDocument("version: 1\nclasses: []\n");
    document.commentBefore = HEADER;
  }
  if (!document.has("classes") || document.get("classes") === null) {
    document.set("classes", document.createNode([]));
  }
  const list = document.get("classes");
  if (!isSeq(list)) throw new Error(`${path}: classes must be a list`);
  list.flow = false;
  for (const proposal of proposals) {
    const existing = list.items.find(
      (item): item is YAMLMap =>
        isMap(item) &&
        item.get("agent") === proposal.agent &&
        item.get("domain") === proposal.domain &&
        !item.has("actions"),
    );
    const earnedWith =
      stamp.earnedWith.coder || stamp.earnedWith.reviewer ? { ...stamp.earnedWith } : undefined;
    // Quoted, so no YAML 1.1 reader takes the stamp for a timestamp.
    const since = new Scalar(stamp.since);
    since.type = Scalar.QUOTE_DOUBLE;
    if (existing) {
      existing.flow = false;
      existing.set("mode", proposal.to);
      if (earnedWith) existing.set("earnedWith", document.createNode(earnedWith));
      else existing.delete("earnedWith");
      existing.set("since", since);
    } else {
      list.items.push(
        document.createNode({
          agent: proposal.agent,
          domain: proposal.domain,
          mode: proposal.to,
          ...(earnedWith ? { earnedWith } : {}),
          since,
        }),
      );
    }
  }
  const after = document.toString({ lineWidth: 0 });
  return { proposals: [...proposals], text: after, diff: unifiedDiff(before, after, path) };
}
