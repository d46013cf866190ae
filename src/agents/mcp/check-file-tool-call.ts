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

/**
 * Hold each path a file tool touches to the agent's files.read/files.write,
 * through the guard: every path is canonicalised exactly as the hook's Read
 * or Write would be (links, `..`, `~`), then built-in protection, the
 * manifest's scopes, escalations and approvals decide, under the MCP tool's
 * own name. The first path not allowed decides the call; undefined means
 * every path is allowed.
 *
 * @example
 * checkFileToolCall(guard, base, { agent: "coder", tool: "mcp__fs__read_file", args: { path: "/etc/passwd" }, spec })
 * // { decision: "deny", reason: "/etc/passwd is outside the repository and is not in coder's files.read scope", ... }
 */
export function checkFileToolCall(
  guard: Guard,
  base: PathBase,
  call: FileToolCall,
): GuardDecision | undefined {
  const paths = pathArguments(call.spec, call.args);
  if (!paths.ok) {
    return {
      decision: "deny",
      reason: `${call.tool} is a file tool and ${paths.reason}`,
      policies: [],
      code: "tool/input-shape",
    };
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
      return {
        decision: "deny",
        reason: `${call.tool} argument ${path.argument}: ${synthetic.reason}`,
        policies: [],
        code: synthetic.code,
      };
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
