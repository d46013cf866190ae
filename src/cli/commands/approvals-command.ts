import { userInfo } from "node:os";
import { Command } from "commander";
import { type Approval, ApprovalStateError, openGuardStore } from "../../agents/index.js";
import { ExitCode, UsageError } from "../../core/index.js";
import type { CliContext } from "../cli-context.js";

/** `jig approvals list|show|approve|deny`: the human side of escalations. */
export function createCommand(context: CliContext): Command {
  const command = new Command("approvals")
    .description("List, show, approve and deny escalated agent actions")
    .addHelpText(
      "after",
      "\nExamples:\n  jig approvals list\n  jig approvals approve apr-1a2b3c4d5e --reason 'planned maintenance'\n\nRun 'jig approvals <command> --help' for each command's flags.\n",
    );
  const open = async () => {
    const opened = await openGuardStore(context.cwd);
    return { store: opened.approvals, close: opened.close };
  };
  command
    .command("list")
    .description("List approval requests, newest first")
    .option("--status <status>", "pending | approved | denied | expired")
    .option("--format <format>", "text or json", "text")
    .action(async (options: { status?: Approval["status"]; format: string }) => {
      const { store, close } = await open();
      try {
        const approvals = store.list(
          context.now(),
          options.status ? { status: options.status } : {},
        );
        if (options.format === "json") {
          context.stdout.write(`${JSON.stringify(approvals, null, 2)}\n`);
          return;
        }
        if (approvals.length === 0) context.stdout.write("no approval requests\n");
        for (const approval of approvals) {
          context.stdout.write(
            `${approval.id}  ${approval.status.padEnd(8)} ${approval.agent}  ${approval.summary}  (${approval.reason})\n`,
          );
        }
      } finally {
        close();
      }
    });
  command
    .command("show")
    .description("Show one request and its history")
    .argument("<id>")
    .option("--format <format>", "text or json", "text")
    .action(async (id: string, options: { format: string }) => {
      const { store, close } = await open();
      try {
        const approval = store.get(id, context.now());
        if (!approval) throw new UsageError(`no approval request ${id}; run 'jig approvals list'`);
        const events = store.events(id);
        if (options.format === "json") {
          context.stdout.write(`${JSON.stringify({ ...approval, events }, null, 2)}\n`);
          return;
        }
        const lines = [
          `${approval.id}: ${approval.status}`,
          `agent:   ${approval.agent}`,
          `call:    ${approval.summary}`,
          `reason:  ${approval.reason}`,
          `input:   ${approval.input}`,
          `expires: ${approval.expiresAt}`,
          ...events.map(
            (event) =>
              `  ${event.at} ${event.from ?? "-"} -> ${event.to} by ${event.actor}${event.reason ? `: ${event.reason}` : ""}`,
          ),
        ];
        context.stdout.write(`${lines.join("\n")}\n`);
      } finally {
        close();
      }
    });
  for (const decision of ["approve", "deny"] as const) {
    command
      .command(decision)
      .description(decision === "approve" ? "Approve a pending request" : "Deny a pending request")
      .argument("<id>")
      .option("--reason <text>", "why, recorded with the decision")
      .action(async (id: string, options: { reason?: string }) => {
        const { store, close } = await open();
        try {
          const actor = context.env.JIG_ACTOR ?? safeUser();
          const approval = store.decide(
            id,
            decision === "approve" ? "approved" : "denied",
            context.now(),
            actor,
            options.reason,
          );
          context.stdout.write(`${approval.id} ${approval.status} by ${actor}\n`);
          context.exitCode = ExitCode.pass;
        } catch (error) {
          if (error instanceof ApprovalStateError) throw new UsageError(error.message);
          throw error;
        } finally {
          close();
        }
      });
  }
  return command;
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return "unknown";
  }
}
