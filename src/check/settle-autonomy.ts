import type { AutonomyFile } from "../autonomy/autonomy-schema.js";
import type { Demotion } from "../autonomy/autonomy-store.js";
import type { DomainMatcher } from "../autonomy/match-domains.js";
import type { CheckModels } from "../autonomy/model-change-demotions.js";
import type { Merge, Report } from "../contract/index.js";
import type { Change } from "../core/change.js";
import { ValidationError } from "../core/errors.js";
import type { ModelEnv } from "../models/model-roles.js";
import type { JigDatabase } from "../store/index.js";
import type { Governance } from "./load-governance.js";

/** What a gate run knows about autonomy before its layers run. */
export interface CheckAutonomy {
  /** autonomy.yaml at the trusted base; absent when autonomy is not adopted. */
  file?: AutonomyFile;
  match: DomainMatcher;
  models: CheckModels;
  /** The agents the range's commits are attributed to, in order of first appearance. */
  agents: string[];
  /** Where autonomy.yaml was looked for, for the merge reason. */
  where: string;
}

/**
 * Read autonomy.yaml from the governance (the trusted base, never the
 * change), the config's domains, the models this run judges with, and the
 * agents the change's commits are attributed to.
 *
 * @throws ValidationError when the base's autonomy.yaml is invalid (exit 2, file:line).
 */
export async function loadCheckAutonomy(input: {
  governance: Governance;
  change: Change;
  env: ModelEnv;
  reviewerFlag?: string | undefined;
}): Promise<CheckAutonomy> {
  // picomatch and agent-identity are loaded already by the gate's layers; the
  // autonomy schema (zod) only when there is an autonomy.yaml to parse.
  const [{ createDomainMatcher }, { chooseModelForRole }, { attributeCommit }] = await Promise.all([
    import("../autonomy/match-domains.js"),
    import("../models/model-roles.js"),
    import("../governance/agent-identity.js"),
  ]);
  const { governance, change, env } = input;
  let file: AutonomyFile | undefined;
  if (governance.autonomy) {
    const { parseAutonomy } = await import("../autonomy/parse-autonomy.js");
    const parsed = parseAutonomy(governance.autonomy.text, "autonomy.yaml");
    if (!parsed.autonomy) throw new ValidationError(parsed.problems);
    file = parsed.autonomy;
  }
  const { config } = governance;
  const identities = config.governance.agentIdentities;
  const agents = new Set<string>();
  for (const commit of change.commits) {
    const attribution = attributeCommit(commit, identities);
    if (attribution) agents.add(attribution.agent);
  }
  const coder = chooseModelForRole("coder", config, env)?.value;
  const reviewer = chooseModelForRole("reviewer", config, env, input.reviewerFlag)?.value;
  return {
    ...(file ? { file } : {}),
    match: createDomainMatcher(config.domains),
    models: { ...(coder ? { coder } : {}), ...(reviewer ? { reviewer } : {}) },
    agents: [...agents],
    where:
      governance.source === "base" && governance.revision
        ? `the base (${governance.revision.slice(0, 7)})`
        : "the working tree",
  };
}

/** The run store a recorded run writes its autonomy evidence to. */
export interface AutonomyWrite {
  db: JigDatabase;
  storePath: string;
  env: ModelEnv;
  /** Run in the same transaction, once the merge is decided: the run's own record (finishRun). */
  alongside?: (merge: Merge) => void;
}

/**
 * After the verdict: owe the model-change demotions, decide the merge with
 * the demotions in force (the new ones included), and record the demotions
 * (each with an audit record), the run's evidence and `alongside` in one
 * transaction. Without a store (a run that is not recorded) nothing is
 * written, and the merge still sees the demotions this run owes.
 */
export async function settleAutonomy(input: {
  autonomy: CheckAutonomy;
  report: Report;
  now: () => Date;
  store?: AutonomyWrite | undefined;
}): Promise<Merge> {
  // Not autonomy/index.js: that would load the autonomy schema (zod) for nothing.
  const [
    { activeDemotions, createAutonomyStore },
    { createModeTable },
    { modelChangeDemotions },
    { recordCheckEvidence },
    { touchedDomains },
    { decideMerge },
  ] = await Promise.all([
    import("../autonomy/autonomy-store.js"),
    import("../autonomy/mode-table.js"),
    import("../autonomy/model-change-demotions.js"),
    import("../autonomy/record-check-evidence.js"),
    import("../autonomy/match-domains.js"),
    import("../gate/decide-merge.js"),
  ]);
  const { autonomy, report } = input;
  const { file } = autonomy;
  const store = input.store ? createAutonomyStore(input.store.db) : undefined;
  const recorded = store?.demotions() ?? [];
  const owed = file
    ? modelChangeDemotions({ file, models: autonomy.models, recorded, now: input.now() })
    : [];
  const entryFor = (agent: string, domain: string) =>
    file?.classes.find((entry) => entry.agent === agent && entry.domain === domain);
  const table = createModeTable(file, activeDemotions([...recorded, ...owed], entryFor));
  const merge = decideMerge({
    outcome: report.verdict.outcome,
    table,
    agents: autonomy.agents,
    domains: touchedDomains(autonomy.match, report.change.paths),
    where: autonomy.where,
  });
  if (input.store && store) {
    const { alongside } = input.store;
    await writeEvidence(
      input.store,
      () => {
        for (const demotion of owed) store.demote(demotion);
        recordCheckEvidence(store, {
          report,
          agents: autonomy.agents,
          match: autonomy.match,
          models: autonomy.models,
        });
      },
      () => alongside?.(merge),
      owed,
      input.now,
    );
  }
  return merge;
}

/**
 * One transaction: the evidence, the demotions, for each demotion a record
 * in the hash-chained audit log (so `jig audit verify` covers it), and the
 * run's own record: one commit for all a run writes at its end.
 */
async function writeEvidence(
  store: AutonomyWrite,
  write: () => void,
  alongside: () => void,
  demotions: readonly Demotion[],
  now: () => Date,
): Promise<void> {
  if (demotions.length === 0) {
    store.db
      .transaction(() => {
        write();
        alongside();
      })
      .immediate();
    return;
  }
  // Loaded only when a demotion is owed: most runs write no audit record.
  const [{ createAuditLog }, { auditAnchorKeeperFor }] = await Promise.all([
    import("../agents/audit-log.js"),
    import("../agents/audit-anchor.js"),
  ]);
  const audit = createAuditLog(store.db, {
    anchor: auditAnchorKeeperFor(store.db, store.storePath, store.env, now),
  });
  store.db
    .transaction(() => {
      write();
      for (const demotion of demotions) {
        audit.append({
          at: demotion.at,
          agent: demotion.agent,
          tool: "Autonomy",
          adapter: "check",
          input: JSON.stringify({
            domain: demotion.domain,
            from: demotion.from,
            to: demotion.to,
            trigger: demotion.trigger,
            basis: demotion.basis,
          }),
          decision: "deny",
          reason: demotion.reason,
          policies: ["jig.autonomy.demote"],
        });
      }
      alongside();
    })
    .immediate();
  audit.flushAnchor();
}
