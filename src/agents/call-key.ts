import { createHash } from "node:crypto";
// Deep import: core/index.ts loads YAML and zod, which the hook cannot afford.
import { stableJson } from "../core/stable-json.js";
import type { CanonicalCall } from "./canonicalize-call.js";

/**
 * The hash an approval is bound to: the agent, the tool, the access
 * (action and resource), the canonical input and the payload (a Write's
 * text, an Edit's strings, a command's flags). It approves this call and no
 * other; keys are sorted first, so the order a tool sent them in is no
 * difference.
 *
 * @example
 * callKey(write("PAY=1")) !== callKey(write("PAY=2")) // true
 */
export function callKey(call: CanonicalCall): string {
  return createHash("sha256")
    .update(
      stableJson([
        call.agent,
        call.tool,
        call.action,
        call.resource,
        call.input,
        call.payload ?? {},
        call.messageType ?? "",
      ]),
    )
    .digest("hex");
}

/**
 * The canonical call as recorded. Approvals keep the payload whole (it is
 * what a human approves); the audit log keeps its SHA-256, which names the
 * content without copying every file an agent writes into the chain.
 */
export function recordedCall(
  call: CanonicalCall,
  payload: "whole" | "digest",
): Record<string, unknown> {
  const record: Record<string, unknown> = {
    action: call.action,
    resource: call.resource,
    ...(call.argv ? { argv: call.argv } : {}),
    ...(call.messageType ? { messageType: call.messageType } : {}),
    input: call.input,
  };
  if (call.payload === undefined) return record;
  return payload === "whole"
    ? { ...record, payload: call.payload }
    : {
        ...record,
        payloadSha256: createHash("sha256").update(stableJson(call.payload)).digest("hex"),
      };
}
