import type { Approval } from "../agents/approval-store.js";
import { type EditLine, editLines, isEdit } from "../agents/edit-lines.js";
import { shellQuote } from "../agents/shell-quote.js";
import { unifiedDiff } from "../autonomy/unified-diff.js";
import { h } from "./ui-html.js";

/**
 * The call an approval would allow, read from its recorded input. The guard
 * records `{resource: {id}, argv, payload}` (see recordedCall); older and
 * hand-made records carry the tool's own fields flat (`file_path`, `content`,
 * `command`). Both are read.
 */
export interface ApprovalCall {
  path?: string;
  payload: Record<string, unknown>;
  argv?: string[];
}

export function readApprovalCall(approval: Approval): ApprovalCall | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(approval.input);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return undefined;
  const call = parsed as Record<string, unknown>;
  const payload =
    call.payload && typeof call.payload === "object" && !Array.isArray(call.payload)
      ? (call.payload as Record<string, unknown>)
      : call;
  const resource = call.resource as { id?: unknown } | undefined;
  const path = [resource?.id, payload.file_path, payload.path, call.file_path, call.path].find(
    (value): value is string => typeof value === "string" && value !== "",
  );
  const argv = Array.isArray(call.argv) ? call.argv.map(String) : undefined;
  return { ...(path ? { path } : {}), payload, ...(argv ? { argv } : {}) };
}

/** The path a Write would replace, so the server can read the work tree's copy to diff against. */
export function writeTarget(approval: Approval): string | undefined {
  if (approval.kind === "tool-pin" || approval.tool !== "Write") return undefined;
  const call = readApprovalCall(approval);
  return call && typeof call.payload.content === "string" ? call.path : undefined;
}

type Line = EditLine | { kind: "@"; text: string };

// The LCS diff is quadratic: past this many lines a side, the full text is shown without one.
const MAX_DIFF_LINES = 2000;

function diffBlock(label: string, lines: readonly Line[]) {
  return h`<pre class="diff" data-testid="approval-diff" aria-label="${label}">${lines.map(
    (line) =>
      h`<span class="${line.kind === "-" ? "del" : line.kind === "+" ? "add" : line.kind === "@" ? "hunk" : "ctx"}">${line.kind === "@" ? line.text : `${line.kind} ${line.text}`}
</span>`,
  )}</pre>`;
}

function bytes(text: string): string {
  const count = Buffer.byteLength(text, "utf8");
  return `${count} byte${count === 1 ? "" : "s"}`;
}

/**
 * What an approval would allow, in full and escaped: a Write's path and text
 * (with a diff against the work tree's file when there is one), an Edit's or
 * MultiEdit's replacements as a diff, a Bash command, or the recorded call.
 * `current` is the work tree's text of a Write's target, when it exists.
 */
export function renderApprovalContent(approval: Approval, current?: string) {
  const call = readApprovalCall(approval);
  if (!call) return h`<pre class="content" data-testid="approval-raw">${approval.input}</pre>`;
  const path = call.path ?? "(no path)";
  const { payload } = call;
  if (approval.kind !== "tool-pin") {
    if (approval.tool === "Write" && typeof payload.content === "string") {
      const content = payload.content;
      const lines =
        content === "" ? 0 : content.split("\n").length - (content.endsWith("\n") ? 1 : 0);
      let diff: unknown = h`<p class="note">${current === undefined ? "A new file: nothing in the work tree at this path." : "Same text as the work tree's file."}</p>`;
      if (current !== undefined && current !== content) {
        const tooBig =
          current.split("\n").length > MAX_DIFF_LINES ||
          content.split("\n").length > MAX_DIFF_LINES;
        diff = tooBig
          ? h`<p class="note">The work tree has this file; too long to diff here, the full new text is below.</p>`
          : diffBlock(
              `Changes to ${path} against the work tree`,
              unifiedDiff(current, content, path)
                .replace(/\n$/, "")
                .split("\n")
                // The two header lines name the path, already shown above.
                .slice(2)
                .map((line) =>
                  line.startsWith("@@")
                    ? { kind: "@" as const, text: line }
                    : { kind: (line[0] ?? " ") as Line["kind"], text: line.slice(1) },
                ),
            );
      }
      return h`<div class="content" data-testid="approval-content">
<p><strong>Write</strong> <code data-testid="approval-path">${path}</code>: ${bytes(content)}, ${lines} line${lines === 1 ? "" : "s"}${content !== "" && !content.endsWith("\n") ? " (no newline at end)" : ""}</p>
${diff}
<details${current === undefined ? h` open` : ""}><summary>Full new text</summary><pre data-testid="approval-text">${content}</pre></details>
</div>`;
    }
    if (approval.tool === "Edit" && isEdit(payload)) {
      return h`<div class="content" data-testid="approval-content">
<p><strong>Edit</strong> <code data-testid="approval-path">${path}</code>: replace ${bytes(payload.old_string)} with ${bytes(payload.new_string)}${payload.replace_all ? ", every occurrence" : ""}</p>
${diffBlock(`Edit of ${path}`, editLines(payload))}
</div>`;
    }
    const edits = Array.isArray(payload.edits) ? payload.edits : [];
    if (approval.tool === "MultiEdit" && edits.length > 0 && edits.every(isEdit)) {
      return h`<div class="content" data-testid="approval-content">
<p><strong>MultiEdit</strong> <code data-testid="approval-path">${path}</code>: ${edits.length} edits</p>
${edits.map(
  (edit, index) =>
    h`<p>Edit ${index + 1} of ${edits.length}: replace ${bytes(edit.old_string)} with ${bytes(edit.new_string)}${edit.replace_all ? ", every occurrence" : ""}</p>${diffBlock(`Edit ${index + 1} of ${path}`, editLines(edit))}`,
)}
</div>`;
    }
    const command = call.argv
      ? call.argv.map(shellQuote).join(" ")
      : typeof payload.command === "string"
        ? payload.command
        : undefined;
    if (approval.tool === "Bash" && command !== undefined) {
      return h`<div class="content" data-testid="approval-content">
<p><strong>Bash</strong> command${call.path ? h` in <code>${call.path}</code>` : ""}</p>
<pre data-testid="approval-command">$ ${command}</pre>
</div>`;
    }
  }
  return h`<div class="content" data-testid="approval-content">
<p><strong>${approval.kind === "tool-pin" ? "New tool definition" : `${approval.tool} call`}</strong> (as recorded)</p>
<pre>${JSON.stringify(JSON.parse(approval.input), null, 2)}</pre>
</div>`;
}
