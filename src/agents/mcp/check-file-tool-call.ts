import { stableJson } from "../../core/stable-json.js";
import type { AuditLog } from "../audit-log.js";
import { canonicalizeCall } from "../canonicalize-call.js";
import type { PathBase } from "../canonicalize-path.js";
import type { Guard, GuardDecision } from "../guard.js";
import { type FileToolArguments, pathArguments } from "./file-tool-arguments.js";

/** One call to a known MCP file tool, as the gateway received it. */
export interface FileToolCall {
  agent: string;
  /** The policy name, `mcp__<server>__<tool>`. */
  tool: string;
  args: Readonly<Record<string, unknown>>;
  spec: FileToolArguments;
}

/** What checking a file-tool call needs besides the call. */
export interface FileToolCheckContext {
  guard: Guard;
  /** Where the upstream resolves relative paths. */
  base: PathBase;
  /** Records refusals the guard never saw (an argument that is no path). */
  audit?: AuditLog | undefined;
  now: () => Date;
}

/**
 * Hold each path a file tool touches to the agent's files.read/files.write,
 * through the guard: every path is canonicalised exactly as the hook's Read
 * or Write would be (links, `..`, `~`), then built-in protection, the
 * manifest's scopes, escalations and approvals decide, under the MCP tool's
 * own name. The first path not allowed decides the call; undefined means
 * every path is allowed.
 *
 * @example
 * checkFileToolCall({ guard, base, now }, { agent: "coder", tool: "mcp__fs__read_file", args: { path: "/etc/passwd" }, spec })
 * // { decision: "deny", reason: "/etc/passwd is outside the repository and is not in coder's files.read scope", ... }
 */
export function checkFileToolCall(
  context: FileToolCheckContext,
  call: FileToolCall,
): GuardDecision | undefined {
  const { guard, base } = context;
  const refuse = (argument: string, code: string, reason: string): GuardDecision => {
    context.audit?.append({
      at: context.now().toISOString(),
      agent: call.agent,
      tool: call.tool,
      adapter: "mcp",
      input: stableJson({ argument, code }),
      decision: "deny",
      reason,
      policies: [],
    });
    return { decision: "deny", reason, policies: [], code };
  };
  const paths = pathArguments(call.spec, call.args);
  if (!paths.ok) {
    return refuse("", "tool/input-shape", `${call.tool} is a file tool and ${paths.reason}`);
  }
  for (const path of paths.paths) {
    // The hook's own Read and Write canonicalise the path, so whatever it
    // refuses (a NUL, `~user`, an unresolvable link) is refused here too.
    const synthetic = canonicalizeCall(
      {
        agent: call.agent,
        tool: path.action === "read" ? "Read" : "Write",
        input:
          path.action === "read" ? { file_path: path.raw } : { file_path: path.raw, content: "" },
      },
      base,
    );
    if (!synthetic.ok) {
      return refuse(
        path.argument,
        synthetic.code,
        `${call.tool} argument ${path.argument}: ${synthetic.reason}`,
      );
    }
    const decision = guard.checkCanonical({
      ...synthetic.call,
      tool: call.tool,
      // An approval of this access covers these arguments only (a write's content too).
      payload: { argument: path.argument, arguments: call.args },
    });
    if (decision.decision !== "allow") return decision;
  }
  return undefined;
}
