import { relative } from "node:path";
import { Command, Option } from "commander";
// Deep imports on purpose: the audit log is all these commands need of agents/,
// whose runtime index loads the policy engine.
import { auditAnchorKeeperFor } from "../../agents/audit-anchor.js";
import { createAuditLog } from "../../agents/audit-log.js";
import { guardEvidence } from "../../agents/guard-evidence.js";
import {
  type AutonomyStatus,
  buildAutonomyStatus,
  type Demotion,
  findProposals,
  proposeChanges,
  renderExplainText,
  renderStatusMarkdown,
  renderStatusText,
} from "../../autonomy/index.js";
// The I/O edges of autonomy/, kept out of its index (see there).
import { type AutonomyWorkspace, openAutonomy } from "../../autonomy/open-autonomy.js";
import { syncAutonomy } from "../../autonomy/sync-autonomy.js";
import { UsageError, writeFileAtomic } from "../../core/index.js";
import { detectDefaultBranch } from "../../git/index.js";
// Deep import: governance/index.js loads the gate inputs this command never reads.
import { attributeCommit } from "../../governance/agent-identity.js";
import type { CliContext } from "../cli-context.js";

const STATUS_FORMATS = ["text", "json", "markdown"] as const;
const DATA_FORMATS = ["text", "json"] as const;

/** `jig autonomy`: learn outcomes from git, show the map, explain a class, propose promotions. */
export function createCommand(context: CliContext): Command {
  const autonomy = new Command("autonomy")
    .description("Autonomy per agent and domain: sync outcomes from git, status, explain, propose")
    .addHelpText(
      "after",
      `
Modes (blocked, shadow, supervised, auto-logged, full-auto) live in autonomy.yaml,
a governance input a person commits. Demotion is automatic; promotion never is.

Examples:
  jig autonomy sync
  jig autonomy status --format markdown >> "$GITHUB_STEP_SUMMARY"
  jig autonomy explain coder billing
  jig autonomy propose --write && git commit autonomy.yaml`,
    );

  autonomy
    .command("sync")
    .description(
      "Learn outcomes and incidents from the default branch; demote on incidents and drops",
    )
    .option(
      "--branch <branch>",
      "branch to walk (default: defaultBranch, origin/HEAD, main, master)",
    )
    .addOption(
      new Option("--format <format>", "output format").choices(DATA_FORMATS).default("text"),
    )
    .action(async (flags: { branch?: string; format: (typeof DATA_FORMATS)[number] }) =>
      withWorkspace(context, async (ws) => {
        const branch = await detectDefaultBranch(ws.root, flags.branch ?? ws.config.defaultBranch);
        const { createDomainMatcher } = await import("../../autonomy/match-domains.js");
        const now = context.now();
        const result = await syncAutonomy({
          root: ws.root,
          db: ws.db,
          store: ws.store,
          autonomy: ws.autonomy,
          outcomeDays: ws.autonomy?.outcomeDays ?? 14,
          branch,
          match: createDomainMatcher(ws.config.domains),
          attribute: (commit) =>
            attributeCommit(
              { ...commit, trailers: [...commit.trailers] },
              ws.config.governance.agentIdentities,
            )?.agent,
          now,
        });
        auditDemotions(context, ws, result.demotions, "autonomy-sync");
        if (flags.format === "json") {
          context.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          return;
        }
        const lines = [
          `synced ${branch}: ${result.commits} commits, ${result.judged} judged runs; ${result.recorded} new events (${result.outcomes} outcomes, ${result.incidents} incidents seen)`,
          ...demotionLines(result.demotions),
        ];
        if (!ws.autonomy) lines.push("autonomy.yaml not present: evidence kept, nothing to demote");
        context.stdout.write(`${lines.join("\n")}\n`);
      }),
    );

  autonomy
    .command("status", { isDefault: true })
    .description("The agents × domains map: mode, evidence, agreement interval, next step")
    .addOption(
      new Option("--format <format>", "output format").choices(STATUS_FORMATS).default("text"),
    )
    .action(async (flags: { format: (typeof STATUS_FORMATS)[number] }) =>
      withWorkspace(context, async (ws) => {
        const status = statusOf(context, ws);
        const out =
          flags.format === "json"
            ? `${JSON.stringify(status, null, 2)}\n`
            : flags.format === "markdown"
              ? renderStatusMarkdown(status)
              : renderStatusText(status);
        context.stdout.write(out);
      }),
    );

  autonomy
    .command("explain")
    .description("The evidence behind one class's mode, its demotions and their reasons")
    .argument("<agent>", "the agent, as manifests and Agent: trailers name it")
    .argument("<domain>", "a domain from jig.config.yaml, or * for paths in none")
    .addOption(
      new Option("--format <format>", "output format").choices(DATA_FORMATS).default("text"),
    )
    .addHelpText("after", "\nExample:\n  jig autonomy explain coder billing")
    .action(
      async (agent: string, domain: string, flags: { format: (typeof DATA_FORMATS)[number] }) =>
        withWorkspace(context, async (ws) => {
          requireDomain(ws, domain);
          const events = ws.store.events({ agent, domain });
          const status = buildAutonomyStatus({
            file: ws.autonomy,
            events,
            demotions: ws.store.demotions(),
            domains: Object.keys(ws.config.domains),
            now: context.now(),
            include: [{ agent, domain }],
          });
          const found = status.classes.find((c) => c.agent === agent && c.domain === domain);
          if (!found) throw new UsageError(`no class ${agent} × ${domain}`);
          context.stdout.write(
            flags.format === "json"
              ? `${JSON.stringify({ configured: status.configured, ...found, events }, null, 2)}\n`
              : renderExplainText(found, events, status.configured),
          );
        }),
    );

  autonomy
    .command("propose")
    .description(
      "Promotions the evidence has earned, as an autonomy.yaml diff; --write applies them",
    )
    .addOption(
      new Option("--format <format>", "output format").choices(DATA_FORMATS).default("text"),
    )
    .option("--write", "edit autonomy.yaml (comments kept); a person reviews and commits it")
    .addHelpText(
      "after",
      `
Each proposal is decided on the lower bound of the 95% Wilson interval, by the
promote rules in autonomy.yaml. --write stamps earnedWith (models.coder and
models.reviewer from jig.config.yaml) and since; a later model change demotes.

Examples:
  jig autonomy propose
  jig autonomy propose --format json
  jig autonomy propose --write && git diff autonomy.yaml`,
    )
    .action(async (flags: { format: (typeof DATA_FORMATS)[number]; write?: boolean }) =>
      withWorkspace(context, async (ws) => {
        const status = statusOf(context, ws);
        const proposals = findProposals(status);
        const models = ws.config.models;
        const change = proposeChanges(
          ws.autonomyText,
          proposals,
          {
            earnedWith: {
              ...(models.coder ? { coder: models.coder } : {}),
              ...(models.reviewer ? { reviewer: models.reviewer } : {}),
            },
            since: context
              .now()
              .toISOString()
              .replace(/\.\d{3}Z$/, "Z"),
          },
          "autonomy.yaml",
        );
        if (flags.write && proposals.length > 0)
          await writeFileAtomic(ws.autonomyPath, change.text);
        if (flags.format === "json") {
          context.stdout.write(
            `${JSON.stringify({ proposals: change.proposals, diff: change.diff, written: Boolean(flags.write && proposals.length > 0) }, null, 2)}\n`,
          );
          return;
        }
        if (proposals.length === 0) {
          context.stdout.write(
            "no class meets a promotion rule yet; jig autonomy status shows what each is missing\n",
          );
          return;
        }
        const lines = proposals.map(
          (p) =>
            `${p.agent} in ${p.domain}: ${p.from} → ${p.to} (${p.rule}): agreement ${p.evidence.agreement}, ${p.evidence.days} days, ${p.evidence.incidents} incident${p.evidence.incidents === 1 ? "" : "s"}`,
        );
        context.stdout.write(`${lines.join("\n")}\n\n${change.diff}`);
        const where = relative(context.cwd, ws.autonomyPath) || "autonomy.yaml";
        context.stdout.write(
          flags.write
            ? `\nwrote ${where}: review it and commit it yourself (agents cannot change it)\n`
            : `\njig autonomy propose --write applies it; a person commits ${where}\n`,
        );
      }),
    );

  return autonomy;
}

function statusOf(context: CliContext, ws: AutonomyWorkspace): AutonomyStatus {
  return buildAutonomyStatus({
    file: ws.autonomy,
    // Guard decisions live in the audit log (each record carries its mode and
    // domain), so the hook writes nothing extra per call; they are read here.
    events: [...ws.store.events(), ...guardEvidence(ws.db)],
    demotions: ws.store.demotions(),
    domains: Object.keys(ws.config.domains),
    now: context.now(),
  });
}

/** Open the workspace, run `use`, and close it whatever happens. */
export async function withWorkspace(
  context: CliContext,
  use: (ws: AutonomyWorkspace) => Promise<void>,
): Promise<void> {
  const ws = await openAutonomy(context.cwd, context.env);
  try {
    await use(ws);
  } finally {
    ws.close();
  }
}

/** A domain must be configured (or `*`): a typo would otherwise be a class of its own. */
export function requireDomain(ws: AutonomyWorkspace, domain: string): void {
  const known = Object.keys(ws.config.domains);
  if (domain === "*" || known.includes(domain)) return;
  throw new UsageError(
    `no domain '${domain}' in jig.config.yaml domains (${known.length === 0 ? "none configured" : `known: ${known.join(", ")}`}, or *)`,
    { code: "autonomy/unknown-domain" },
  );
}

/**
 * Append each demotion to the audit log, as a denial by policy
 * jig.autonomy.demote: the log is where every loss of trust is kept.
 */
export function auditDemotions(
  context: CliContext,
  ws: AutonomyWorkspace,
  demotions: readonly Demotion[],
  adapter: string,
): void {
  if (demotions.length === 0) return;
  const audit = createAuditLog(ws.db, {
    anchor: auditAnchorKeeperFor(ws.db, ws.storePath, context.env, context.now),
  });
  for (const demotion of demotions) {
    audit.append({
      at: demotion.at,
      agent: demotion.agent,
      tool: "Autonomy",
      adapter,
      input: JSON.stringify({
        domain: demotion.domain,
        from: demotion.from,
        to: demotion.to,
        trigger: demotion.trigger,
      }),
      decision: "deny",
      reason: demotion.reason,
      policies: ["jig.autonomy.demote"],
    });
  }
  audit.flushAnchor();
}

export function demotionLines(demotions: readonly Demotion[]): string[] {
  return demotions.map(
    (d) => `demoted ${d.agent} in ${d.domain}: ${d.from} → ${d.to} [${d.trigger}] ${d.reason}`,
  );
}
