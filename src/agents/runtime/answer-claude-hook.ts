import { readStreamText } from "../../core/read-stream-text.js";
import { rememberAsk } from "../autonomy-queue.js";
import {
  hookToolCall,
  parseHookInput,
  renderHookFailure,
  renderHookOutput,
  unreadableHookRecord,
} from "../claude-hook.js";
import { resolveHookRoot } from "../guard-client/resolve-hook-root.js";
import { type GuardEnvironment, openGuardEnvironment } from "./open-guard-environment.js";

/**
 * One Claude Code PreToolUse round trip decided in this process: read the
 * event, open the guard for the hook's repository (`root`, else
 * CLAUDE_PROJECT_DIR, else `cwd`; never the event's own cwd, see
 * resolveHookRoot), answer allow, deny or ask.
 * Never throws: any failure (unreadable stdin, invalid manifests, a broken
 * store) becomes a deny with the reason, because a guard that fails must
 * not let the call through.
 */
export async function answerClaudeHook(options: {
  agent: string;
  stdin: NodeJS.ReadableStream;
  /** `--root`, when the hook command gives one. */
  root?: string | undefined;
  cwd: string;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  version: string;
}): Promise<string> {
  const { agent, now } = options;
  let environment: GuardEnvironment | undefined;
  let repoRoot: string | undefined;
  try {
    const text = await readStreamText(options.stdin);
    const input = parseHookInput(text);
    const located = resolveHookRoot({ root: options.root, env: options.env, cwd: options.cwd });
    if (located.ok) repoRoot = located.root;
    const open = () => {
      if (!located.ok) throw new Error(located.reason);
      return openGuardEnvironment({
        cwd: located.root,
        env: options.env,
        now,
        adapter: "claude-hook",
        version: options.version,
      });
    };
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
    if (!located.ok) {
      return renderHookOutput({
        decision: "deny",
        reason: `cannot find the repository whose policy applies: ${located.reason}; denied`,
      });
    }
    environment = await open();
    const decision = environment.guard.check(hookToolCall(agent, input));
    rememberAsk(environment.repoRoot, environment.queue, decision, input.toolUseId, now());
    return renderHookOutput(decision);
  } catch (error) {
    return renderHookFailure(error, repoRoot);
  } finally {
    environment?.close();
  }
}
