/**
 * The guard's hot path: everything an enforcement point needs at decision
 * time, and nothing that imports zod or YAML. The Claude Code hook imports
 * only this, so its round trip stays within budget; manifests arrive
 * pre-validated through the policy snapshot.
 */
export {
  type Approval,
  ApprovalStateError,
  type ApprovalStore,
  createApprovalStore,
} from "../approval-store.js";
export { auditAnchorKeeperFor } from "../audit-anchor.js";
export { type AuditLog, type AuditRecord, createAuditLog } from "../audit-log.js";
export {
  type AppliedMode,
  actionKindOf,
  createGuardAutonomy,
  type GuardAutonomy,
} from "../autonomy-guard.js";
export {
  type AutonomyQueue,
  createAutonomyQueue,
  rememberAsk,
  type SampledCall,
} from "../autonomy-queue.js";
export { type BuiltinProtection, createBuiltinProtection } from "../builtin-protection.js";
export { type CanonicalCall, canonicalizeCall, type ToolCall } from "../canonicalize-call.js";
export { type PathBase, realRepoRoot } from "../canonicalize-path.js";
export {
  hookToolCall,
  parseHookInput,
  renderHookFailure,
  renderHookOutput,
  unreadableHookRecord,
} from "../claude-hook.js";
export type { CompiledPolicies } from "../compile-policies.js";
export { callKey, createGuard, type Guard, type GuardDecision } from "../guard.js";
export type { AgentManifest } from "../manifest-schema.js";
export { createMessageStore, type MessageStore } from "../message-store.js";
export { createPolicyEngine, type PolicyEngine } from "../policy-engine.js";
export {
  currentSnapshotKey,
  type GuardSettings,
  type PolicySnapshot,
  policyContentHash,
  policyInputs,
  readPolicySnapshot,
  SNAPSHOT_FILE,
  SNAPSHOT_FORMAT,
  snapshotKey,
  writePolicySnapshot,
} from "../policy-snapshot.js";
export { runInSandbox, type SandboxOutcome } from "../sandbox/run-in-sandbox.js";
export { bubblewrapArgs } from "../sandbox.js";
export { createScopeIndex, type ScopeIndex } from "../scope-index.js";
export { answerClaudeHook } from "./answer-claude-hook.js";
export { answerPostToolUse, postToolUseId } from "./answer-post-tool-use.js";
export { type CallExplanation, explainCall } from "./explain-call.js";
export { isSpecApproved, type SpecApprovalOptions } from "./is-spec-approved.js";
export { buildPolicySnapshot, loadPolicySnapshot } from "./load-policy-snapshot.js";
export {
  type GuardEnvironment,
  openGuardEnvironment,
  requireAgent,
} from "./open-guard-environment.js";
export { planSandboxedRun, type SandboxedRun } from "./plan-sandboxed-run.js";
