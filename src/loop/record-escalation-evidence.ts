import { basename } from "node:path";
import { createAutonomyStore } from "../autonomy/autonomy-store.js";
import { createDomainMatcher, touchedDomains } from "../autonomy/match-domains.js";
import type { JigConfig } from "../config/index.js";
import type { Report } from "../contract/index.js";
import { resolveStorePath } from "../core/resolve-store-path.js";
import { chooseModelForRole, type ModelEnv } from "../models/model-roles.js";
import { openStoreDatabase, resolveStoreUrl } from "../store/index.js";
import type { Escalation } from "./escalation-reason.js";

/**
 * Record the loop's escalation as evidence against each class it touched:
 * the agents the last check attributed the change to (its merge field), or,
 * when the coder's edits are still uncommitted, the coder command's program
 * (`claude -p …` → `claude`). Domains come from the config's `domains`.
 */
export function recordEscalationEvidence(input: {
  repoRoot: string;
  config: JigConfig;
  env: ModelEnv;
  coder: string;
  escalation: Escalation;
  report: Report;
}): number {
  const { config, report, escalation } = input;
  const agents = report.merge?.agents.length ? report.merge.agents : [coderAgent(input.coder)];
  const domains = touchedDomains(createDomainMatcher(config.domains), report.change.paths);
  const coderModel = chooseModelForRole("coder", config, input.env)?.value;
  const reviewerModel = chooseModelForRole("reviewer", config, input.env)?.value;
  const db = openStoreDatabase({
    path: resolveStorePath(input.repoRoot, config.store.path),
    url: resolveStoreUrl(
      config.store.url,
      input.env as Readonly<Record<string, string | undefined>>,
    ),
  });
  try {
    return createAutonomyStore(db).record(
      agents.flatMap((agent) =>
        domains.map((domain) => ({
          at: escalation.createdAt,
          agent,
          domain,
          kind: "escalation" as const,
          subject: escalation.id,
          ...(coderModel ? { coderModel } : {}),
          ...(reviewerModel ? { reviewerModel } : {}),
          detail: {
            reason: escalation.reason,
            lastRunId: report.run.id,
            rounds: escalation.rounds.length,
          },
        })),
      ),
    );
  } finally {
    db.close();
  }
}

/** The program a coder command runs, as an agent name: `npx claude -p` → `claude`. */
export function coderAgent(command: string): string {
  const words = command.trim().split(/\s+/);
  const program = words[0] === "npx" && words[1] ? words[1] : (words[0] ?? command);
  return basename(program) || command;
}
