import { readStreamText } from "../../core/read-stream-text.js";
import { resolveHookRoot } from "../guard-client/resolve-hook-root.js";
import { clearPendingAsk, hasPendingAsk } from "../pending-ask-marker.js";
import { type GuardEnvironment, openGuardEnvironment } from "./open-guard-environment.js";

/**
 * Claude Code's PostToolUse event for a call jig answered `ask`: the call
 * ran, so the person allowed it. Records that answer (see AutonomyQueue) and
 * settles asks that waited too long as denied. Claude Code says nothing when
 * a person declines, which is why silence past the timeout counts as a no.
 * Never blocks the agent: the tool already ran, so this prints nothing and
 * returns which ask it settled, if any.
 */
export async function answerPostToolUse(options: {
  stdin: NodeJS.ReadableStream;
  root?: string | undefined;
  cwd: string;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  version: string;
}): Promise<string | undefined> {
  const toolUseId = postToolUseId(await readStreamText(options.stdin));
  if (toolUseId === undefined) return undefined;
  const located = resolveHookRoot({ root: options.root, env: options.env, cwd: options.cwd });
  if (!located.ok || !hasPendingAsk(located.root, toolUseId)) return undefined;
  let environment: GuardEnvironment | undefined;
  try {
    environment = await openGuardEnvironment({
      cwd: located.root,
      env: options.env,
      now: options.now,
      adapter: "claude-hook",
      version: options.version,
    });
    const now = options.now();
    const settled = environment.queue.allowed(toolUseId, now);
    environment.queue.expire(now);
    clearPendingAsk(environment.repoRoot, toolUseId);
    return settled ? toolUseId : undefined;
  } catch {
    // The evidence is lost, the agent is not held up: the tool already ran.
    return undefined;
  } finally {
    environment?.close();
  }
}

/** The tool_use_id of a PostToolUse event, or undefined for anything else. */
export function postToolUseId(text: string): string | undefined {
  try {
    const event = JSON.parse(text) as Record<string, unknown>;
    if (event?.hook_event_name !== undefined && event.hook_event_name !== "PostToolUse")
      return undefined;
    return typeof event.tool_use_id === "string" ? event.tool_use_id : undefined;
  } catch {
    return undefined;
  }
}
