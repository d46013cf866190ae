import { mkdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { Command } from "commander";
// The I/O edges of autonomy/, kept out of its index (see there).
import { readCommits } from "../../autonomy/read-history.js";
import { applyDemotions } from "../../autonomy/sync-autonomy.js";
import { UsageError, writeFileAtomic } from "../../core/index.js";
import { runGit } from "../../git/index.js";
// Deep import: governance/index.js loads the gate inputs this command never reads.
import { attributeCommit } from "../../governance/agent-identity.js";
import type { CliContext } from "../cli-context.js";
import { auditDemotions, demotionLines, requireDomain, withWorkspace } from "./autonomy-command.js";

interface RecordFlags {
  domain: string[];
  failureModel?: string;
  agent?: string;
}

/** `jig incident record`: an incident a person saw, recorded against the classes it touches. */
export function createCommand(context: CliContext): Command {
  const incident = new Command("incident")
    .description(
      "Record an incident by hand: it demotes the agent's class in the domain to supervised",
    )
    .addHelpText(
      "after",
      "\nExample:\n  jig incident record 1a2b3c4 --domain billing   # the commit that caused it, and where\n",
    );
  incident
    .command("record")
    .description(
      "Record that COMMIT caused an incident in a domain, and offer it to jig failures mine",
    )
    .argument("<commit>", "the commit that caused it (any revision git understands)")
    .option(
      "--domain <domain>",
      "the domain it hit, from jig.config.yaml domains (repeatable)",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option("--failure-model <id>", "the failure model it matches, e.g. FM-SQL-001")
    .option(
      "--agent <agent>",
      "the agent that wrote it (default: from its Agent: trailer or identity)",
    )
    .addHelpText(
      "after",
      `
Reverting a commit (git revert) or naming it in an Incident: trailer records the
same thing on the next jig autonomy sync.

Example:
  jig incident record 1a2b3c4 --domain billing --failure-model FM-MONEY-002`,
    )
    .action(async (commit: string, flags: Partial<RecordFlags>) =>
      withWorkspace(context, async (ws) => {
        const domains = flags.domain ?? [];
        if (domains.length === 0) throw new UsageError("name the domain it hit: --domain <domain>");
        for (const domain of domains) requireDomain(ws, domain);
        if (flags.failureModel !== undefined && !/^FM-[A-Z0-9-]+$/.test(flags.failureModel)) {
          throw new UsageError(
            `--failure-model ${flags.failureModel}: expected an id like FM-SQL-001`,
          );
        }
        const sha = (
          await runGit(["rev-parse", "--verify", "--quiet", `${commit}^{commit}`], ws.root).catch(
            () => {
              throw new UsageError(`unknown commit '${commit}': check it with git log --oneline`);
            },
          )
        ).trim();
        const [target] = await readCommits(ws.root, [sha]);
        const agent =
          flags.agent ??
          (target
            ? attributeCommit(
                { ...target, trailers: [...target.trailers] },
                ws.config.governance.agentIdentities,
              )?.agent
            : undefined);
        if (agent === undefined) {
          throw new UsageError(
            `cannot tell which agent wrote ${sha.slice(0, 12)} (no Agent: trailer or known identity): pass --agent <agent>`,
          );
        }
        const now = context.now();
        const at = now.toISOString();
        const added = ws.store.record(
          domains.map((domain) => ({
            at,
            agent,
            domain,
            kind: "incident" as const,
            subject: sha,
            detail: {
              by: "jig incident record",
              how: "manual",
              ...(flags.failureModel ? { failureModel: flags.failureModel } : {}),
            },
          })),
        );
        const demotions = ws.autonomy
          ? applyDemotions(
              ws.store,
              ws.autonomy,
              now,
              domains.map((domain) => ({ agent, domain })),
            )
          : [];
        auditDemotions(context, ws, demotions, "incident-record");

        const writeUp = join(dirname(ws.storePath), "incidents", `${sha.slice(0, 12)}.md`);
        mkdirSync(dirname(writeUp), { recursive: true });
        await writeFileAtomic(
          writeUp,
          incidentWriteUp(sha, agent, domains, flags.failureModel, target),
        );
        const shown = relative(context.cwd, writeUp);
        const lines = [
          added > 0
            ? `recorded incident ${sha.slice(0, 12)} for ${agent} in ${domains.join(", ")}`
            : `incident ${sha.slice(0, 12)} for ${agent} in ${domains.join(", ")} was already recorded`,
          ...demotionLines(demotions),
          ...(ws.autonomy ? [] : ["autonomy.yaml not present: evidence kept, nothing to demote"]),
          `wrote ${shown}; to turn it into a failure model (add what happened first):`,
          `  jig failures mine ${shown}`,
        ];
        context.stdout.write(`${lines.join("\n")}\n`);
      }),
    );
  return incident;
}

/** A starting write-up for `jig failures mine`: what is known from git; a person adds the story. */
function incidentWriteUp(
  sha: string,
  agent: string,
  domains: readonly string[],
  failureModel: string | undefined,
  commit: { subject: string; body: string; paths: readonly string[]; at: string } | undefined,
): string {
  return [
    `# Incident: ${commit?.subject ?? sha}`,
    "",
    `- Commit: ${sha}${commit ? ` (${commit.at.slice(0, 10)})` : ""}`,
    `- Agent: ${agent}`,
    `- Domains: ${domains.join(", ")}`,
    ...(failureModel ? [`- Failure model: ${failureModel}`] : []),
    ...(commit && commit.paths.length > 0
      ? ["- Files:", ...commit.paths.map((path) => `  - ${path}`)]
      : []),
    "",
    "## What happened",
    "",
    commit?.body ? commit.body : "(describe the failure, how it was found and how it was fixed)",
    "",
  ].join("\n");
}
