import { readStreamText } from "../../core/read-stream-text.js";
import {
  hookToolCall,
  parseHookInput,
  renderHookFailure,
  renderHookOutput,
  unreadableHookRecord,
} from "../claude-hook.js";
import { type GuardEnvironment, openGuardEnvironment } from "./open-guard-environment.js";

/**
 * One Claude Code PreToolUse round trip decided in this process: read the
 * event, open the guard for its repository, answer allow, deny or ask.
 * Never throws: any failure (unreadable stdin, invalid manifests, a broken
 * store) becomes a deny with the reason, because a guard that fails must
 * not let the call through.
 */
export async function answerClaudeHook(options: {
  agent: string;
  stdin: NodeJS.ReadableStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  version: string;
}): Promise<string> {
  const { agent, now } = options;
  let environment: GuardEnvironment | undefined;
  try {
    const text = await readStreamText(options.stdin);
    const input = parseHookInput(text);
    const open = () =>
      openGuardEnvironment({
        cwd: (input.ok ? input.cwd : undefined) ?? options.cwd,
        env: options.env,
        now,
        adapter: "claude-hook",
        version: options.version,
      });
    if (!input.ok) {
      // Denied either way; audited when the store can be opened.
      try {
        environment = await open();
        environment.audit.append(unreadableHookRecord(agent, text, input.reason, now()));
      } catch {
        // not in a jig repository: nothing to audit into
      }
      return renderHookOutput({ decision: "deny", reason: input.reason });
    }
    environment = await open();
    const decision = environment.guard.check(hookToolCall(agent, input));
    return renderHookOutput(decision);
  } catch (error) {
    return renderHookFailure(error);
  } finally {
    environment?.close();
  }
}
