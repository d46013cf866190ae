import { userInfo } from "node:os";
import { Command } from "commander";
import {
  type Approval,
  type ApprovalGrant,
  ApprovalStateError,
  decideApproval,
  describeApprovalState,
  openGuardStore,
  renderApproval,
  type SampledCall,
} from "../../agents/index.js";
import { ExitCode, UsageError } from "../../core/index.js";
import type { CliContext } from "../cli-context.js";

/** `jig approvals list|show|approve|deny`: the human side of escalations. */
export function createCommand(context: CliContext): Command {
  const command = new Command("approvals")
    .description("List, show, approve and deny escalated agent actions")
    .addHelpText(
      "after",
      "\nExamples:\n  jig approvals list\n  jig approvals review rev-3 --agree\n  jig approvals show apr-1a2b3c4d5e\n  jig approvals approve apr-1a2b3c4d5e --reason 'planned maintenance'\n  jig approvals approve apr-1a2b3c4d5e --uses 3 --for 30m\n\nRun 'jig approvals <command> --help' for each command's flags.\n",
    );
  const open = async () => {
    const opened = await openGuardStore(context.cwd);
    return {
      store: opened.approvals,
      queue: opened.queue,
      audit: opened.audit,
      close: opened.close,
    };
  };
  command
    .command("list")
    .description("List approval requests, newest first")
    .option("--status <status>", "pending | approved | used | denied | expired")
    .option(
      "--sampled",
      "only the auto-logged calls sampled for review (autonomy.yaml sample), oldest first",
    )
    .option("--format <format>", "text or json", "text")
    .action(async (options: { status?: Approval["status"]; format: string; sampled?: boolean }) => {
      const { store, queue, close } = await open();
      try {
        // Allowed calls a person may look at after the fact, not requests to decide.
        const sampled = options.status === undefined ? queue.sampled() : [];
        if (options.sampled) {
          if (options.format === "json") {
            context.stdout.write(`${JSON.stringify(sampled, null, 2)}\n`);
            return;
          }
          if (sampled.length === 0) context.stdout.write("no calls sampled for review\n");
          for (const call of sampled) context.stdout.write(sampledLine(call));
          return;
        }
        const approvals = store.list(
          context.now(),
          options.status ? { status: options.status } : {},
        );
        if (options.format === "json") {
          context.stdout.write(`${JSON.stringify(approvals, null, 2)}\n`);
          return;
        }
        if (approvals.length === 0 && sampled.length === 0)
          context.stdout.write("no approval requests\n");
        for (const approval of approvals) {
          context.stdout.write(
            `${approval.id}  ${describeApprovalState(approval).padEnd(8)} ${approval.agent}  ${approval.summary}  (${approval.reason})\n`,
          );
        }
        for (const call of sampled) context.stdout.write(sampledLine(call));
      } finally {
        close();
      }
    });
  command
    .command("show")
    .description("Show one request: the full content it would allow, and its history")
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
        context.stdout.write(renderApproval(approval, events));
      } finally {
        close();
      }
    });
  for (const decision of ["approve", "deny"] as const) {
    const sub = command
      .command(decision)
      .description(
        decision === "approve"
          ? "Approve a pending request: by default for one use of exactly that call"
          : "Deny a pending request",
      )
      .argument("<id>")
      .option("--reason <text>", "why, recorded with the decision");
    if (decision === "approve") {
      sub
        .option("--uses <n>", "allow the call this many times (default 1)")
        .option("--for <duration>", "allow it until this long from now, e.g. 30m, 2h, 1d");
    }
    sub.action(async (id: string, options: { reason?: string; uses?: string; for?: string }) => {
      const grant = parseGrant(options);
      const { store, audit, close } = await open();
      try {
        const actor = context.env.JIG_ACTOR ?? safeUser();
        const approval = decideApproval(
          { approvals: store, audit },
          {
            id,
            decision,
            at: context.now(),
            actor,
            ...(options.reason === undefined ? {} : { reason: options.reason }),
            ...(grant === undefined ? {} : { grant }),
            adapter: "cli",
          },
        );
        context.stdout.write(`${approval.id} ${describeGrant(approval)} by ${actor}\n`);
        context.exitCode = ExitCode.pass;
      } catch (error) {
        if (error instanceof ApprovalStateError) throw new UsageError(error.message);
        throw error;
      } finally {
        close();
      }
    });
  }
  command
    .command("review")
    .description(
      "Record your verdict on an auto-logged call sampled for review: --agree if it was right to allow, --disagree if not (autonomy evidence)",
    )
    .argument("<id>", "rev-N, from jig approvals list")
    .option("--agree", "the call was fine")
    .option("--disagree", "the call should not have been allowed")
    .action(async (id: string, options: { agree?: boolean; disagree?: boolean }) => {
      if (Boolean(options.agree) === Boolean(options.disagree))
        throw new UsageError("give exactly one of --agree or --disagree");
      const match = /^rev-([1-9][0-9]{0,12})$/.exec(id);
      if (!match)
        throw new UsageError(`'${id}' is not a review id (rev-N, see jig approvals list)`);
      const { queue, close } = await open();
      try {
        const verdict = options.agree ? "agree" : "disagree";
        if (!queue.review(Number(match[1]), verdict, context.now()))
          throw new UsageError(`no unreviewed sampled call ${id}; run 'jig approvals list'`);
        context.stdout.write(`${id} reviewed: ${verdict}\n`);
      } finally {
        close();
      }
    });
  return command;
}

function sampledLine(call: SampledCall): string {
  return `rev-${call.id}  sampled for review  ${call.agent}  ${call.summary}  (auto-logged in ${call.domain}, ${call.at}; jig approvals review rev-${call.id} --agree|--disagree)\n`;
}

const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** `--uses 3 --for 30m` as a grant; a malformed flag is a usage error. */
function parseGrant(options: { uses?: string; for?: string }): ApprovalGrant {
  const grant: ApprovalGrant = {};
  if (options.uses !== undefined) {
    if (!/^[1-9][0-9]{0,8}$/.test(options.uses))
      throw new UsageError(`--uses must be a positive whole number, not '${options.uses}'`);
    grant.uses = Number(options.uses);
  }
  if (options.for !== undefined) {
    const match = /^([1-9][0-9]{0,5})(s|m|h|d)$/.exec(options.for);
    if (!match)
      throw new UsageError(
        `--for must be a number and a unit (s, m, h or d), e.g. 30m, not '${options.for}'`,
      );
    grant.durationMs = Number(match[1]) * (UNIT_MS[match[2] as string] as number);
  }
  return grant;
}

/** "approved for 1 use until …", "approved for any number of uses until …", "denied". */
function describeGrant(approval: Approval): string {
  if (approval.status !== "approved") return approval.status;
  if (approval.kind === "tool-pin") return `approved (${approval.tool}'s new definition)`;
  const uses =
    approval.maxUses === undefined
      ? "any number of uses"
      : `${approval.maxUses} use${approval.maxUses === 1 ? "" : "s"}`;
  return `approved for ${uses} of this exact call until ${approval.expiresAt}`;
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return "unknown";
  }
}
