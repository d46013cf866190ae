import { Command } from "commander";
import { type AuditRecord, openGuardStore } from "../../agents/index.js";
import { escapeTerminal } from "../../core/escape-terminal.js";
import { ExitCode } from "../../core/index.js";
import type { CliContext } from "../cli-context.js";

/** `jig audit verify|tail`: the hash-chained record of every guard decision. */
export function createCommand(context: CliContext): Command {
  const command = new Command("audit")
    .description("Verify and tail the audit log of guard decisions")
    .addHelpText(
      "after",
      "\nExamples:\n  jig audit verify\n  jig audit tail --agent coder\n\nRun 'jig audit <command> --help' for each command's flags.\n",
    );
  const open = async () => {
    const opened = await openGuardStore(context.cwd);
    return { log: opened.audit, close: opened.close };
  };
  command
    .command("verify")
    .description("Check the hash chain: exit 1 when any record was edited, deleted or reordered")
    .option("--format <format>", "text or json", "text")
    .action(async (options: { format: string }) => {
      const { log, close } = await open();
      try {
        const result = log.verify();
        if (options.format === "json") context.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        else if (result.ok) {
          context.stdout.write(
            `ok: ${result.records} records, chain intact${result.head ? `, head ${result.head.slice(0, 16)}` : ""}\n`,
          );
        } else {
          for (const problem of result.problems)
            context.stdout.write(`record ${problem.seq}: ${problem.problem}: ${problem.message}\n`);
          context.stdout.write(
            `FAILED: the audit log was tampered with (${result.problems.length} problem${result.problems.length === 1 ? "" : "s"})\n`,
          );
        }
        context.exitCode = result.ok ? ExitCode.pass : ExitCode.fail;
      } finally {
        close();
      }
    });
  command
    .command("tail")
    .description("Show the latest decisions")
    .option("--agent <name>", "only this agent's decisions")
    .option("-n, --lines <count>", "how many", "20")
    .option("--format <format>", "text or json", "text")
    .action(async (options: { agent?: string; lines: string; format: string }) => {
      const limit = Number.parseInt(options.lines, 10);
      const { log, close } = await open();
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
