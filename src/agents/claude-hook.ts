import { fileSystemErrorMessage } from "../core/file-system-error-message.js";
import type { AuditAppend } from "./audit-log.js";
import type { ToolCall } from "./canonicalize-call.js";
import type { GuardDecision } from "./guard.js";

/**
 * What jig reads from Claude Code's PreToolUse event. The event's `cwd` is
 * left out on purpose: the agent steers it, so it must never choose the
 * repository or the folder paths resolve from (see resolveHookRoot).
 */
export type HookInput =
  | { ok: true; toolName: string; toolInput: unknown; sessionId?: string; toolUseId?: string }
  | { ok: false; reason: string };

/**
 * Parse Claude Code's PreToolUse hook event (JSON on stdin). Anything that is
 * not a PreToolUse event with a tool name is refused, which the hook turns
 * into a deny: a guard that cannot read its input must not allow.
 */
export function parseHookInput(text: string): HookInput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      reason: `jig could not parse the hook input as JSON (${(error as Error).message}); denied`,
    };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, reason: "the hook input is not a JSON object; denied" };
  }
  const event = value as Record<string, unknown>;
  if (event.hook_event_name !== undefined && event.hook_event_name !== "PreToolUse") {
    return {
      ok: false,
      reason: `jig guard answers PreToolUse events, not ${String(event.hook_event_name)}; denied`,
    };
  }
  if (typeof event.tool_name !== "string" || event.tool_name.length === 0) {
    return { ok: false, reason: "the hook input has no tool_name; denied" };
  }
  return {
    ok: true,
    toolName: event.tool_name,
    toolInput: event.tool_input ?? {},
    ...(typeof event.session_id === "string" ? { sessionId: event.session_id } : {}),
    ...(typeof event.tool_use_id === "string" ? { toolUseId: event.tool_use_id } : {}),
  };
}

/**
 * The audit entry for a hook event jig could not read: it is denied like any
 * other call, so it is recorded like one, with the raw text (truncated).
 */
export function unreadableHookRecord(
  agent: string,
  text: string,
  reason: string,
  at: Date,
): AuditAppend {
  return {
    at: at.toISOString(),
    agent,
    tool: "(unreadable hook event)",
    adapter: "claude-hook",
    input: JSON.stringify(text.length > 4096 ? `${text.slice(0, 4096)}…` : text),
    decision: "deny",
    reason,
    policies: [],
  };
}

/** The tool call a hook event describes, for the guard. */
export function hookToolCall(agent: string, input: Extract<HookInput, { ok: true }>): ToolCall {
  return { agent, tool: input.toolName, input: input.toolInput };
}

/**
 * Claude Code's PreToolUse answer: `permissionDecision` allow, deny or ask
 * with a reason the user (and, for deny, the model) sees. Printed on stdout
 * with exit 0.
 */
export function renderHookOutput(decision: Pick<GuardDecision, "decision" | "reason">): string {
  return `${JSON.stringify({
    hookSpecificOutput: {
      hookEventName: "PreToolUse",
      permissionDecision: decision.decision,
      permissionDecisionReason: `jig: ${decision.reason}`,
    },
  })}\n`;
}

/**
 * The deny for a guard that could not decide (unreadable policy, broken
 * store, ...). Shared by the in-process hook and the guard daemon so both
 * give the same answer for the same failure; `repoRoot` makes file paths relative.
 */
export function renderHookFailure(error: unknown, repoRoot?: string): string {
  // A file-system error names the file and what to do, as the CLI does: the
  // person reading the deny has to find the directory or link that broke it.
  const fileSystem = repoRoot === undefined ? undefined : fileSystemErrorMessage(error, repoRoot);
  const message =
    fileSystem ??
    (error instanceof Error ? error.message.split("\n").slice(0, 3).join("; ") : String(error));
  return renderHookOutput({
    decision: "deny",
    reason: `the guard could not decide (${message}); denied`,
  });
}

/**
 * Merge jig's hooks into a `.claude/settings.json` value, keeping every other
 * setting and hook: `command` as the PreToolUse hook and, when given,
 * `postCommand` as the PostToolUse hook that records a person's answer to an
 * ask. Idempotent: existing jig hooks are replaced.
 */
export function mergeClaudeSettings(
  settings: Record<string, unknown>,
  command: string,
  postCommand?: string,
): Record<string, unknown> {
  const hooks = (
    typeof settings.hooks === "object" && settings.hooks !== null ? settings.hooks : {}
  ) as Record<string, unknown>;
  const isJig = (entry: Record<string, unknown>): boolean =>
    Array.isArray(entry.hooks) && (entry.hooks as Array<Record<string, unknown>>).some(isJigHook);
  const withJig = (event: string, hookCommand: string): Array<Record<string, unknown>> => {
    const entries = Array.isArray(hooks[event])
      ? (hooks[event] as Array<Record<string, unknown>>)
      : [];
    const kept = entries.filter((entry) => !isJig(entry));
    return [...kept, { matcher: "*", hooks: [{ type: "command", command: hookCommand }] }];
  };
  return {
    ...settings,
    hooks: {
      ...hooks,
      PreToolUse: withJig("PreToolUse", command),
      ...(postCommand === undefined ? {} : { PostToolUse: withJig("PostToolUse", postCommand) }),
    },
  };
}

/** Whether one hook of a settings entry is the jig guard's. */
function isJigHook(hook: Record<string, unknown>): boolean {
  return typeof hook.command === "string" && /\bjig\b.*\bguard claude-hook\b/.test(hook.command);
}

/**
 * Take jig's hooks out of a `.claude/settings.json` value: the inverse of
 * {@link mergeClaudeSettings}. Only the jig commands go; an entry, event list
 * or `hooks` object is dropped only when removing them left it empty, so the
 * user's own hooks and settings stay as they were. Returns the removed
 * commands as `Event: command`.
 */
export function removeClaudeHooks(settings: Record<string, unknown>): {
  settings: Record<string, unknown>;
  removed: string[];
} {
  if (typeof settings.hooks !== "object" || settings.hooks === null)
    return { settings, removed: [] };
  const hooks = { ...(settings.hooks as Record<string, unknown>) };
  const removed: string[] = [];
  for (const event of ["PreToolUse", "PostToolUse"]) {
    const entries = hooks[event];
    if (!Array.isArray(entries)) continue;
    const kept: unknown[] = [];
    for (const entry of entries as unknown[]) {
      const list = (entry as { hooks?: unknown } | null)?.hooks;
      if (!Array.isArray(list)) {
        kept.push(entry);
        continue;
      }
      const others = (list as Array<Record<string, unknown>>).filter((hook) => {
        if (!isJigHook(hook)) return true;
        removed.push(`${event}: ${String(hook.command)}`);
        return false;
      });
      if (others.length === list.length) kept.push(entry);
      else if (others.length > 0) kept.push({ ...(entry as object), hooks: others });
    }
    if (kept.length > 0) hooks[event] = kept;
    else delete hooks[event];
  }
  if (removed.length === 0) return { settings, removed };
  const { hooks: _old, ...rest } = settings;
  return { settings: Object.keys(hooks).length > 0 ? { ...rest, hooks } : rest, removed };
}
