import type { CriterionResult, LayerResult } from "../../contract/index.js";
import type { FindingDraft } from "../../core/finding.js";
import { compileGlobs } from "../../core/index.js";
import { formatProblem } from "../../core/problem.js";
import { attributeCommit } from "../../governance/agent-identity.js";
import type { Spec } from "../../spec/spec.js";
import type { GateContext, Layer } from "../layer.js";

/** Statuses that let a change pass: the spec was agreed before the code. */
const PASSING_STATUSES = new Set(["approved", "implemented"]);

/**
 * Specs before code: the change must cite an approved spec that lints clean.
 * Changes touching only specs and docs are exempt. The cited spec's
 * acceptance criteria are listed as `unchecked` for later layers to judge.
 */
export function createSpecLayer(): Layer {
  return {
    name: "spec",
    description: "The change cites an approved spec with clean lint",
    async run(context) {
      return evaluateSpec(context);
    },
  };
}

function evaluateSpec(context: GateContext): LayerResult {
  const { change, config, spec: citation } = context;
  const notes: string[] = [];
  if (change.files.length === 0) {
    return { status: "passed", findings: [], notes: ["the change is empty: nothing needs a spec"] };
  }
  const isExempt = compileGlobs(config.specs.exempt, { dot: true }, "jig.config.yaml specs.exempt");
  const needingSpec = change.files.filter((file) => !isExempt(file.path));
  if (needingSpec.length === 0) {
    return {
      status: "passed",
      findings: [],
      notes: [
        `exempt: the change touches only specs and docs (${config.specs.exempt.join(", ")}), which need no spec`,
      ],
    };
  }
  const anchor = needingSpec[0]?.path;
  const finding = (draft: Omit<FindingDraft, "severity">): LayerResult => ({
    status: "failed",
    findings: [{ severity: "high", ...draft }],
    notes,
  });

  if (!citation.id) {
    const misplaced = findMisplacedSpecLine(change.commits);
    return finding({
      ruleId: "JIG-G001",
      ...(anchor ? { file: anchor, line: 1 } : {}),
      title: "No spec cited",
      message: `The change touches ${needingSpec.length} file${needingSpec.length === 1 ? "" : "s"} that ${needingSpec.length === 1 ? "needs" : "need"} a spec, but cites none.${misplaced ? ` ${misplaced}` : ""}`,
      suggestion:
        "Add a 'Spec: SPEC-NNNN' trailer to a commit in the range, pass --spec SPEC-NNNN, or run 'jig spec start SPEC-NNNN'. Write one with 'jig spec new'.",
    });
  }
  notes.push(`cites ${citation.id} (via ${describeSource(citation.source)})`);
  if (citation.others.length > 0) {
    notes.push(`other specs cited in the range: ${citation.others.join(", ")}`);
  }
  const spec = citation.spec;
  if (!citation.path && citation.onlyInChange) {
    return notOnBase(citation.id, citation.onlyInChange, notes);
  }
  if (!citation.path) {
    return finding({
      ruleId: "JIG-G002",
      ...(anchor ? { file: anchor, line: 1 } : {}),
      title: `Cited spec ${citation.id} does not exist`,
      message: `No file ${config.specs.dir}/${citation.id}-*.md was found.`,
      suggestion: `Check the id, or write the spec with 'jig spec new' and approve it with 'jig spec approve ${citation.id}'.`,
    });
  }
  if (!spec) {
    const first = citation.problems[0];
    return finding({
      ruleId: "JIG-G003",
      file: citation.path,
      line: first?.line ?? 1,
      title: `Cited spec ${citation.id} cannot be parsed`,
      message: citation.problems.map(formatProblem).join("\n"),
      suggestion: `Fix the spec file, then run 'jig spec lint'.`,
    });
  }
  const criteria: CriterionResult[] = spec.criteria.map((item) => ({
    id: `${spec.id}/${item.id}`,
    specId: spec.id,
    criterion: item.id,
    text: item.text,
    status: "unchecked",
  }));
  const findings: FindingDraft[] = [];
  const editedInChange = change.files.some(
    (file) => file.path === citation.path || file.oldPath === citation.path,
  );
  if (!PASSING_STATUSES.has(spec.status)) findings.push(statusFinding(spec, editedInChange));
  const lintErrors = citation.problems.filter(
    (problem) => (problem.severity ?? "error") === "error",
  );
  if (lintErrors.length > 0) {
    const first = lintErrors[0];
    findings.push({
      severity: "high",
      ruleId: "JIG-G006",
      file: spec.path,
      line: first?.line ?? 1,
      title: `Spec ${spec.id} has ${lintErrors.length} lint error${lintErrors.length === 1 ? "" : "s"}`,
      message: lintErrors.map(formatProblem).join("\n"),
      suggestion: `Fix them and run 'jig spec lint ${spec.path}'.`,
    });
  }
  const byAgent = agentApproval(spec, config.governance.agentIdentities);
  if (byAgent) findings.push(byAgent);
  const needsHuman: string[] = [];
  if (editedInChange) {
    needsHuman.push(
      `the change edits ${citation.path}: the spec is accepted only as approved at the base, unchanged; a person must approve the new version on the base first`,
    );
  }
  notes.push(`${spec.criteria.length} acceptance criteria listed for later layers to judge`);
  return {
    status: findings.length > 0 ? "failed" : "passed",
    findings,
    notes,
    criteria,
    ...(needsHuman.length > 0 ? { needsHuman } : {}),
  };
}

const SPEC_LINE = /^[ \t]*spec:[ \t]*(SPEC-\d{4,})[ \t]*$/im;

/**
 * A `Spec:` line git did not read as a trailer because it is not in the
 * message's last paragraph. Users write it there often enough that "cites
 * none" alone sends them looking in the wrong place.
 */
export function findMisplacedSpecLine(
  commits: ReadonlyArray<{ sha: string; subject: string; body: string }>,
): string | undefined {
  for (const commit of commits) {
    const match = SPEC_LINE.exec(`${commit.subject}\n${commit.body}`);
    if (!match) continue;
    return `Commit ${commit.sha.slice(0, 8)} has the line 'Spec: ${match[1]?.toUpperCase()}' in its message, but not in git's trailer block: git reads trailers only from the message's last paragraph, and only when its lines are all trailers: put the line there, after a blank line.`;
  }
  return undefined;
}

/** A finding when the spec's recorded approver is a coding agent: approval is a person's decision. */
function agentApproval(spec: Spec, identities: readonly string[]): FindingDraft | undefined {
  if (!spec.approval) return undefined;
  const approver = attributeCommit({ author: spec.approval.by, trailers: [] }, identities);
  if (!approver) return undefined;
  return {
    severity: "high",
    ruleId: "JIG-G007",
    file: spec.path,
    line: 1,
    title: `Spec ${spec.id} was approved by a coding agent`,
    message: `approval.by is ${spec.approval.by} (${approver.evidence}). An approval is a person's decision; an agent approving the spec it implements grades its own work.`,
    suggestion: `A person runs 'jig spec approve ${spec.id}' on the base branch.`,
  };
}

/**
 * The cited spec is not approved at the base. When the change itself edits
 * it (typically: approves it), that is a governance change for a person to
 * merge first, so the finding asks a human instead of failing; an agent's
 * edit fails on JIG-T001 regardless.
 */
function statusFinding(spec: Spec, editedInChange: boolean): FindingDraft {
  if (spec.status === "superseded") {
    return {
      severity: "high",
      ruleId: "JIG-G005",
      file: spec.path,
      line: 1,
      title: `Spec ${spec.id} is superseded, not approved`,
      message: `${spec.id} has been superseded; the change must cite the spec that replaced it.`,
      suggestion: "Cite the current spec in a 'Spec:' trailer.",
    };
  }
  if (editedInChange) {
    return {
      severity: "high",
      needsHuman: true,
      ruleId: "JIG-G004",
      file: spec.path,
      line: 1,
      title: `Spec ${spec.id} is ${spec.status} at the base and changed in this change`,
      message: `${spec.id} is ${spec.status} on the base; this change edits it (an approval within the change that cites it does not count).`,
      suggestion: `Approve the spec on the base branch first: a person runs 'jig spec approve ${spec.id}' there and merges it on its own, then this change is rebased.`,
    };
  }
  return {
    severity: "high",
    ruleId: "JIG-G004",
    file: spec.path,
    line: 1,
    title: `Spec ${spec.id} is ${spec.status}, not approved`,
    message: `${spec.id} is still a draft. Code may only be written against an approved spec.`,
    suggestion: `Resolve its open questions, then run 'jig spec approve ${spec.id}' on the base branch.`,
  };
}

/**
 * The cited spec exists only in the change. That is a governance change:
 * the integrity layer fails it when an agent wrote it; a person's asks a
 * human, so this finding does not fail on its own.
 */
function notOnBase(id: string, path: string, notes: string[]): LayerResult {
  return {
    status: "passed",
    notes,
    needsHuman: [
      `${id} is not approved at the trusted base; it exists only in this change (${path})`,
    ],
    findings: [
      {
        severity: "high",
        needsHuman: true,
        ruleId: "JIG-G002",
        file: path,
        line: 1,
        title: `Cited spec ${id} is not on the base`,
        message: `${path} exists only in this change, not at the trusted base. A spec written, edited or approved within the change that cites it is not approved: the change would be approving its own work.`,
        suggestion: `Approve the spec on the base branch first: a person merges ${path} with 'jig spec approve ${id}' on its own, then this change is rebased and cites it.`,
      },
    ],
  };
}

function describeSource(source: GateContext["spec"]["source"]): string {
  switch (source) {
    case "flag":
      return "--spec";
    case "trailer":
      return "a Spec: commit trailer";
    case "active":
      return "jig spec start";
    case "branch":
      return "the branch name";
    case "env":
      return "JIG_SPEC";
    default:
      return "unknown";
  }
}
