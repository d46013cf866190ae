import { escapeTerminal } from "../core/escape-terminal.js";
import type { Approval, ApprovalEvent } from "./approval-store.js";
import { type Edit, editLines, isEdit } from "./edit-lines.js";
import { shellQuote } from "./shell-quote.js";

/** The canonical call as an approval records it (see recordedCall). */
interface RecordedCall {
  resource?: { id?: unknown };
  argv?: unknown;
  payload?: Record<string, unknown>;
}

/**
 * One approval for the human deciding it: who asks, why, what the grant
 * covers, the full content of the call, and its history. Content is never
 * shortened, since it is what the approval allows; control, zero-width and
 * bidirectional characters are shown escaped, so a terminal cannot hide or
 * reorder any of it.
 *
 * @example
 * renderApproval(approval, events)
 * // "apr-1a2b3c4d5e: pending\n...\n--- Write src/pay.env: 6 bytes, 1 line ---\nPAY=1\n--- end ---\n..."
 */
export function renderApproval(approval: Approval, events: readonly ApprovalEvent[]): string {
  const lines = [
    `${approval.id}: ${describeApprovalState(approval)}`,
    `agent:   ${approval.agent}`,
    `call:    ${escapeTerminal(approval.summary)}`,
    `reason:  ${approval.reason}`,
    `expires: ${approval.expiresAt}`,
    ...approvalContent(approval),
    "history:",
    ...events.map(
      (event) =>
        `  ${event.at} ${event.from ?? "-"} -> ${event.to} by ${event.actor}${event.reason ? `: ${escapeTerminal(event.reason)}` : ""}`,
    ),
  ];
  return `${lines.join("\n")}\n`;
}

/** The status, with what a grant has left: "approved (used 0 of 1)", "used (1 of 1)". */
export function describeApprovalState(approval: Approval): string {
  const { status, uses, maxUses } = approval;
  // A tool pin is trusted once approved; it has no calls to count.
  if (approval.kind === "tool-pin") return status;
  if (status === "approved") {
    return maxUses === undefined
      ? `approved (used ${uses}, any number until ${approval.expiresAt})`
      : `approved (used ${uses} of ${maxUses})`;
  }
  if (status === "used") return `used (${uses} of ${maxUses ?? uses})`;
  return status;
}

function approvalContent(approval: Approval): string[] {
  let call: RecordedCall;
  try {
    call = JSON.parse(approval.input) as RecordedCall;
  } catch {
    return section("input (as recorded)", approval.input);
  }
  if (approval.kind === "tool-pin")
    return section("new tool definition", JSON.stringify(call, null, 2));
  const path = typeof call.resource?.id === "string" ? call.resource.id : "";
  const payload = call.payload ?? {};
  switch (approval.tool) {
    case "Write":
      if (typeof payload.content === "string")
        return section(`Write ${path}`, payload.content, payload.content);
      break;
    case "Edit":
      if (isEdit(payload)) return editSection(`Edit ${path}`, payload);
      break;
    case "MultiEdit": {
      const edits = Array.isArray(payload.edits) ? payload.edits : [];
      if (edits.length > 0 && edits.every(isEdit)) {
        return edits.flatMap((edit, index) =>
          editSection(`MultiEdit ${path}, edit ${index + 1} of ${edits.length}`, edit),
        );
      }
      break;
    }
    case "Bash":
      if (Array.isArray(call.argv)) {
        const flags = Object.keys(payload).length > 0 ? [`flags: ${JSON.stringify(payload)}`] : [];
        return section(
          "Bash command",
          [`$ ${call.argv.map((arg) => shellQuote(String(arg))).join(" ")}`, ...flags].join("\n"),
        );
      }
      break;
  }
  return section(`${approval.tool} canonical input (JSON)`, JSON.stringify(call, null, 2));
}

/**
 * An edit as a line diff: the lines old and new share at either end as
 * context, then the old lines (-) and the new ones (+) between them.
 */
function editSection(title: string, edit: Edit): string[] {
  const diff = editLines(edit).map((line) => `${line.kind} ${line.text}`);
  const every = edit.replace_all ? ", every occurrence" : "";
  return section(
    `${title}: replace ${bytes(edit.old_string)} with ${bytes(edit.new_string)}${every}`,
    diff.join("\n"),
  );
}

/** A titled block; `counted` adds its size to the title and marks a missing final newline. */
function section(title: string, body: string, counted?: string): string[] {
  const lines =
    counted === undefined || counted === ""
      ? 0
      : counted.split("\n").length - (counted.endsWith("\n") ? 1 : 0);
  const size =
    counted === undefined ? "" : `: ${bytes(counted)}, ${lines} line${lines === 1 ? "" : "s"}`;
  const text = counted?.endsWith("\n") ? body.slice(0, -1) : body;
  const end = counted !== undefined && !counted.endsWith("\n") ? " (no newline at end)" : "";
  return [`--- ${escapeTerminal(title)}${size} ---`, escapeTerminal(text), `--- end${end} ---`];
}

function bytes(text: string): string {
  const count = Buffer.byteLength(text, "utf8");
  return `${count} byte${count === 1 ? "" : "s"}`;
}
