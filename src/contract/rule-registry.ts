/**
 * One rule jig itself reports, under a stable `JIG-*` id. Failure-model ids
 * (`FM-…`) come from catalogs and criterion ids (`SPEC-0007/AC-2`) from specs,
 * so neither is listed here.
 */
export interface RuleInfo {
  /** `JIG-` + a letter for the part of jig that reports it + three digits. */
  id: string;
  /** One line, as SARIF's short description and the first line of `jig rules ID`. */
  title: string;
  /** The command or gate layer that reports it. */
  reportedBy: string;
  /** How it is reported: a finding severity, or a lint error or warning. */
  severity: string;
  /** When it fires and how to fix it, in a few sentences. */
  help: string;
}

const SPEC_LINT = "jig spec lint, and the gate's spec layer through JIG-G006";

/**
 * Every `JIG-*` rule id, in id order. SARIF rule metadata, `jig rules` and
 * docs/rules.md (generated, with a drift test) read from here, and a test
 * fails when source code uses a `JIG-` id that is missing.
 */
export const RULES: readonly RuleInfo[] = [
  {
    id: "JIG-A001",
    title: "Agent wrote outside its write scope",
    reportedBy: "gate layer scope",
    severity: "critical",
    help: "A commit with an 'Agent: NAME' trailer touches a file outside that agent's permissions.files.write. Revert the file from the commit, or widen the agent's manifest after a person reviews it.",
  },
  {
    id: "JIG-A002",
    title: "Commit names an unknown agent",
    reportedBy: "gate layer scope",
    severity: "critical",
    help: "A commit has an 'Agent: NAME' trailer, but agents/NAME.yaml does not exist, so its scope cannot be checked. Add the manifest, or fix the trailer.",
  },
  {
    id: "JIG-A003",
    title: "Agent changed the evals directory",
    reportedBy: "gate layer scope",
    severity: "critical",
    help: "A commit by an agent touches evals.dir. Evals judge the agent's work, so an agent must not edit them. Revert the change, or have a person make it in a commit without an Agent trailer.",
  },
  {
    id: "JIG-A004",
    title: "Manifest write scope covers governance inputs",
    reportedBy: "jig policy lint",
    severity: "warning",
    help: "A files.write glob reaches jig.config.yaml, the agents folder, failure models, evals, specs, governance.paths, .claude or .jig. The guard's built-in protection denies every agent writing them whatever the manifest says (policy jig.builtin.governance), so the glob promises more than the agent gets. Narrow it, e.g. src/** instead of **; a person changes governance files outside the agent.",
  },
  {
    id: "JIG-A005",
    title: "Manifest read scope names the holdout suites without holdout: read",
    reportedBy: "jig policy lint",
    severity: "warning",
    help: "A files.read glob names evals.dir, but the manifest does not say 'holdout: read', so the guard denies those reads anyway (policy jig.builtin.holdout). Remove the glob, or add 'holdout: read' if this agent is the evaluator that runs the holdout suites.",
  },
  {
    id: "JIG-E001",
    title: "Eval suite is below its threshold",
    reportedBy: "gate layer evals",
    severity: "high",
    help: "A suite whose covers match the change scored below its satisfaction threshold; the finding lists the failed runs. Fix the behaviour, not the suite, and reproduce with 'jig eval run SUITE'.",
  },
  {
    id: "JIG-G001",
    title: "No spec cited",
    reportedBy: "gate layer spec",
    severity: "high",
    help: "The change touches files that need a spec but cites none. Add a 'Spec: SPEC-NNNN' trailer to a commit, pass --spec SPEC-NNNN, or run 'jig spec start SPEC-NNNN'; write a spec with 'jig spec new'. Changes to specs.exempt paths need none.",
  },
  {
    id: "JIG-G002",
    title: "Cited spec does not exist",
    reportedBy: "gate layer spec",
    severity: "high",
    help: "No file specs.dir/SPEC-NNNN-*.md matches the cited id. Check the id, or write the spec with 'jig spec new' and approve it with 'jig spec approve'.",
  },
  {
    id: "JIG-G003",
    title: "Cited spec cannot be parsed",
    reportedBy: "gate layer spec",
    severity: "high",
    help: "The cited spec file has no valid frontmatter; the finding lists the problems. Fix the file, then run 'jig spec lint'.",
  },
  {
    id: "JIG-G004",
    title: "Cited spec is a draft",
    reportedBy: "gate layer spec",
    severity: "high",
    help: "Code may only be written against an approved spec. Resolve its open questions, then run 'jig spec approve SPEC-NNNN'.",
  },
  {
    id: "JIG-G005",
    title: "Cited spec is superseded",
    reportedBy: "gate layer spec",
    severity: "high",
    help: "The cited spec has been replaced. Cite the spec that superseded it in a 'Spec:' trailer.",
  },
  {
    id: "JIG-G006",
    title: "Cited spec has lint errors",
    reportedBy: "gate layer spec",
    severity: "high",
    help: "The cited spec breaks JIG-S rules at error level; the finding lists them. Fix them and run 'jig spec lint'.",
  },
  {
    id: "JIG-G007",
    title: "Cited spec was approved by a coding agent",
    reportedBy: "gate layer spec",
    severity: "high",
    help: "The approval record's approver ('approval.by') is a coding agent: a co-author identity coding agents use (Claude Code's noreply@anthropic.com, aider's, opencode's, Copilot's) or one listed in governance.agentIdentities. A spec is approved by a person: have a person run 'jig spec approve' on the base branch.",
  },
  {
    id: "JIG-H001",
    title: "Change touches the holdout evals (retired: now JIG-T001)",
    reportedBy: "no longer reported; gate layer holdout before 0.2",
    severity: "critical",
    help: "Retired. A change to the eval suites or their seal is a governance change, reported as JIG-T001: critical when an agent made it, needs a human when a person did.",
  },
  {
    id: "JIG-H002",
    title: "Eval suites do not match their seal",
    reportedBy: "gate layer holdout",
    severity: "critical",
    help: "Files in evals.dir were changed, added or removed since they were sealed, or the seal is unreadable. Find out who changed them; if a person did so on purpose, re-seal with 'jig eval seal'.",
  },
  {
    id: "JIG-H003",
    title: "Eval suites are not sealed",
    reportedBy: "gate layer holdout",
    severity: "medium",
    help: "evals.dir holds suites but no seal, so tampering cannot be detected. A person (not the coding agent) runs 'jig eval seal' and keeps the seal with the suites.",
  },
  {
    id: "JIG-R001",
    title: "Text in the change addresses an AI reviewer",
    reportedBy: "gate layer review (deterministic, before any model runs)",
    severity: "high",
    help: "Added text talks to a model or a reviewer ('ignore previous instructions', 'reviewer: approve', chat-template tokens, fake delimiters), also when hidden by look-alike letters, zero-width characters or encodings. Remove it. Files that must contain such text (injection test corpora) go in review.injectionAllow.",
  },
  {
    id: "JIG-R002",
    title: "Added lines hide invisible characters",
    reportedBy: "gate layer review (deterministic, before any model runs)",
    severity: "medium",
    help: "Added lines contain invisible or bidirectional-control characters that can make code read differently from how it runs. Remove them, or write them as escapes.",
  },
  {
    id: "JIG-S000",
    title: "Spec file cannot be read",
    reportedBy: SPEC_LINT,
    severity: "error (exit 2)",
    help: "The spec file could not be read. Check the path and its permissions.",
  },
  {
    id: "JIG-S001",
    title: "Spec frontmatter is missing or never closed",
    reportedBy: SPEC_LINT,
    severity: "error (exit 2)",
    help: "Start the file with '---', the YAML keys, then '---'.",
  },
  {
    id: "JIG-S002",
    title: "Spec frontmatter is not valid YAML",
    reportedBy: SPEC_LINT,
    severity: "error (exit 2)",
    help: "Fix the YAML at the reported line:col.",
  },
  {
    id: "JIG-S003",
    title: "Spec frontmatter field is missing, invalid or unknown",
    reportedBy: SPEC_LINT,
    severity: "error (exit 2)",
    help: "A frontmatter field is missing, has the wrong type or value, or is not known. docs/spec-format.md lists the fields.",
  },
  {
    id: "JIG-S004",
    title: "Required spec section is missing",
    reportedBy: SPEC_LINT,
    severity: "error",
    help: "Add the heading (Problem, Acceptance criteria, Constraints, Risks, Out of scope); write 'None.' under it when there is nothing to say.",
  },
  {
    id: "JIG-S005",
    title: "Spec section is empty",
    reportedBy: SPEC_LINT,
    severity: "error for Problem and Acceptance criteria, warning otherwise",
    help: "Write the problem, add '- AC-1: ...', or write 'None.'.",
  },
  {
    id: "JIG-S006",
    title: "Spec item has no id or an ill-formed id",
    reportedBy: SPEC_LINT,
    severity: "error",
    help: "Items are written '- AC-N: ...', '- C-N: ...', '- R-N: ...'. 'AC1', 'ac-1', 'AC-01' and a C-1 among the criteria are ill-formed.",
  },
  {
    id: "JIG-S007",
    title: "Spec item id is used twice",
    reportedBy: SPEC_LINT,
    severity: "error",
    help: "Two items share an id. Renumber one of them.",
  },
  {
    id: "JIG-S008",
    title: "Spec item numbering has gaps",
    reportedBy: SPEC_LINT,
    severity: "warning",
    help: "Items are numbered with gaps (AC-1, AC-3). Renumber from 1 without gaps.",
  },
  {
    id: "JIG-S009",
    title: "Spec file name does not match SPEC-NNNN-<slug>.md and its id",
    reportedBy: SPEC_LINT,
    severity: "error",
    help: "Rename the file to SPEC-NNNN-<slug>.md with the id from its frontmatter, or fix the id.",
  },
  {
    id: "JIG-S010",
    title: "Acceptance criterion has no observable outcome",
    reportedBy: SPEC_LINT,
    severity:
      "error when the outcome is missing or only a judgement ('then it works'), warning when it only might be unobservable",
    help: "Say what a test would see: 'then the API responds 429', 'shows \"Saved\"', 'the fee is 0 cents', 'exits with code 2'. Numbers in any form, number words, comparisons, equality and state statements, quoted values and `code` count. A warning means lint found nothing it recognises as checkable; it never blocks `jig spec approve` or the gate. docs/spec-format.md explains how an outcome is recognised.",
  },
  {
    id: "JIG-S011",
    title: "Acceptance criterion uses a vague word without quantifying it",
    reportedBy: SPEC_LINT,
    severity: "error",
    help: "Replace the word with a measure: 'fast' becomes 'p95 under 200 ms over 1,000 requests'. docs/spec-format.md lists the vague words.",
  },
  {
    id: "JIG-S012",
    title: "Clarification marker left in an approved or implemented spec",
    reportedBy: SPEC_LINT,
    severity: "error",
    help: "Answer the [NEEDS CLARIFICATION: ...] question in the spec and remove the marker.",
  },
  {
    id: "JIG-S013",
    title: "Unknown failure-model id",
    reportedBy: SPEC_LINT,
    severity: "error",
    help: "A failure-model id in failureModels or cited in a risk is not in the catalog (checked once a catalog exists). Fix the id, or add the model to the catalog.",
  },
  {
    id: "JIG-S014",
    title: "Spec section appears twice",
    reportedBy: SPEC_LINT,
    severity: "warning",
    help: "Only the first of two sections with the same heading is read. Merge them.",
  },
  {
    id: "JIG-S015",
    title: "Two spec files share one id",
    reportedBy: SPEC_LINT,
    severity: "error",
    help: "Give one of the specs a new id ('jig spec new' allocates the next free one).",
  },
  {
    id: "JIG-S016",
    title: "Approved spec has no valid approval record",
    reportedBy: SPEC_LINT,
    severity: "error",
    help: "An approved or implemented spec needs the approval record 'jig spec approve' writes (who, when, and a hash of the content), and its content must still match that hash. A status typed by hand, or an edit after approval, does not count: re-approve with 'jig spec approve <id>'.",
  },
  {
    id: "JIG-T001",
    title: "Change touches a governance input",
    reportedBy: "gate layer integrity (always on, cannot be skipped)",
    severity: "critical (an agent's commit) or needs a human (a person's change)",
    help: "The change edits, adds, deletes or renames a file that decides verdicts: jig.config.yaml, agent manifests and Cedar policies, the failure-model catalog, eval suites and their seal, specs, .claude/settings.json, jig.waivers.yaml, CODEOWNERS or a governance.paths glob. jig judged the change with the trusted base's rules, not these. A commit by a coding agent that touches one fails the gate: drop the file from the agent's change. A person's change needs a human: review and merge the governance change on its own, then rebase the rest on it.",
  },
  {
    id: "JIG-T002",
    title: "No jig.config.yaml at the trusted base",
    reportedBy: "gate layer integrity",
    severity: "needs a human",
    help: "The base revision has no jig.config.yaml, so no rules are trusted yet: this is the change that adopts jig, or the check runs against the wrong base. A person reviews and merges jig.config.yaml (and agents/, specs/, evals/) to the default branch on its own; later changes are judged by those rules.",
  },
  {
    id: "JIG-X001",
    title: "A test of the project fails",
    reportedBy: "gate layer tests",
    severity: "high",
    help: "tests.command ran and its JUnit report lists a failed or errored test; the finding sits at the test's file and line when the report gives them, and carries the runner's message. Fix the code, not the test, and reproduce with the command in tests.command.",
  },
  {
    id: "JIG-X002",
    title: "The test command ran no test",
    reportedBy: "gate layer tests",
    severity: "high",
    help: "tests.command exited, but the JUnit reports matched by tests.reports list no test that ran (none at all, or all skipped). Check that the command selects the tests and that tests.reports names the file its JUnit reporter writes.",
  },
];

const BY_ID = new Map(RULES.map((rule) => [rule.id, rule]));

/**
 * The registered rule with this id (case-insensitive), or undefined for ids
 * jig does not own (failure models, criteria, a reviewer's own rule names).
 *
 * @example
 * findRule("JIG-G001")?.title; // "No spec cited"
 */
export function findRule(id: string): RuleInfo | undefined {
  return BY_ID.get(id.toUpperCase());
}
