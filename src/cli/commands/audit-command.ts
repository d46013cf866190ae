import { Command, Option } from "commander";
import {
  type AuditRecord,
  type AuditVerification,
  openGuardStore,
  verifyAuditLog,
} from "../../agents/index.js";
import { escapeTerminal } from "../../core/escape-terminal.js";
import { ExitCode } from "../../core/index.js";
import type { CliContext } from "../cli-context.js";

const formatOption = (): Option =>
  new Option("--format <format>", "output format").choices(["text", "json"]).default("text");

/** `jig audit verify|tail`: the hash-chained record of every guard decision. */
export function createCommand(context: CliContext): Command {
  const command = new Command("audit")
    .description("Verify and tail the audit log of guard decisions")
    .addHelpText(
      "after",
      "\nExamples:\n  jig audit verify\n  jig audit tail --agent coder\n\nRun 'jig audit <command> --help' for each command's flags.\n",
    );
  command
    .command("verify")
    .description(
      "Check the hash chain and its anchors: exit 1 when any record was edited, deleted, reordered, or removed from the end",
    )
    .addOption(formatOption())
    .action(async (options: { format: string }) => {
      const opened = await openGuardStore(context.cwd);
      try {
        const result = verifyAuditLog(opened.db, opened.audit, {
          storePath: opened.storePath,
          env: context.env,
          now: context.now,
        });
        if (options.format === "json") context.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        else for (const line of renderVerification(result)) context.stdout.write(`${line}\n`);
        context.exitCode = result.ok ? ExitCode.pass : ExitCode.fail;
      } finally {
        opened.close();
      }
    });
  command
    .command("tail")
    .description("Show the latest decisions")
    .option("--agent <name>", "only this agent's decisions")
    .option("-n, --lines <count>", "how many", "20")
    .addOption(formatOption())
    .action(async (options: { agent?: string; lines: string; format: string }) => {
      const limit = Number.parseInt(options.lines, 10);
      const { audit: log, close } = await openGuardStore(context.cwd);
      try {
        const records = log.tail({
          ...(options.agent ? { agent: options.agent } : {}),
          limit: Number.isFinite(limit) && limit > 0 ? limit : 20,
        });
        if (options.format === "json") {
          context.stdout.write(`${JSON.stringify(records, null, 2)}\n`);
          return;
        }
        if (records.length === 0) context.stdout.write("no decisions recorded\n");
        for (const record of records) context.stdout.write(`${renderRecord(record)}\n`);
      } finally {
        close();
      }
    });
  return command;
}

function renderRecord(record: AuditRecord): string {
  const approval = record.approvalId ? ` [${record.approvalId}]` : "";
  // Agents choose tool names and inputs that end up in reasons: a raw escape
  // sequence or newline there could rewrite or forge the lines a human reads.
  return escapeTerminal(
    `#${record.seq} ${record.at} ${record.agent} ${record.tool} ${record.decision.toUpperCase()}${approval} via ${record.adapter}: ${record.reason}`,
    { oneLine: true },
  );
}

/**
 * The verdict in lines. Run ids and anchor paths come from the database and
 * the file system, which a tamperer may have shaped: every line is escaped.
 */
function renderVerification(result: AuditVerification): string[] {
  const lines: string[] = [];
  if (result.ok) {
    lines.push(
      `ok: ${result.records} records, chain intact${result.head ? `, head ${result.head.slice(0, 16)}` : ""}`,
    );
  } else {
    for (const problem of result.problems)
      lines.push(`record ${problem.seq}: ${problem.problem}: ${problem.message}`);
    lines.push(
      `FAILED: the audit log was tampered with (${result.problems.length} problem${result.problems.length === 1 ? "" : "s"})`,
    );
  }
  lines.push(anchorLine(result));
  return lines.map((line) => escapeTerminal(line, { oneLine: true }));
}

function anchorLine({ anchor, runAnchors, headSeq, ok }: AuditVerification): string {
  const runs =
    runAnchors > 0
      ? `; ${runAnchors} gate run${runAnchors === 1 ? "" : "s"} recorded the head too`
      : "";
  if (anchor.state === "unreadable") return `anchor: ${anchor.path} is unreadable${runs}`;
  const was =
    anchor.state === "missing"
      ? `anchor: the head was not anchored yet (no ${anchor.path}): records removed from the end before now cannot be detected`
      : `anchor: record ${anchor.seq} was anchored in ${anchor.path}`;
  const now =
    ok && anchor.anchoredSeq !== undefined && anchor.anchoredSeq !== anchor.seq
      ? `; anchored the head (record ${anchor.anchoredSeq}) now`
      : ok && anchor.anchoredSeq === undefined && headSeq > 0
        ? "; could not write the anchor file"
        : "";
  return `${was}${now}${runs}`;
}
