/**
 * Structural boundaries for agents: manifests compiled to Cedar, the
 * canonicaliser every tool call passes before policy, the guard that
 * decides, approvals and the hash-chained audit log. MCP-speaking adapters
 * (gateway, bus) live in `./mcp/index.ts` so that loading this file never
 * pulls in the MCP SDK.
 */
export {
  type Approval,
  type ApprovalEvent,
  type ApprovalGrant,
  type ApprovalRequest,
  ApprovalStateError,
  type ApprovalStatus,
  type ApprovalStore,
  createApprovalStore,
} from "./approval-store.js";
export {
  type AuditAnchor,
  type AuditAnchorSource,
  anchorAuditHeadInRun,
  auditAnchorKeeperFor,
  auditAnchorPath,
  checkAuditAnchors,
  readAuditAnchor,
} from "./audit-anchor.js";
export {
  type AuditAppend,
  type AuditLog,
  type AuditProblem,
  type AuditRecord,
  createAuditLog,
  GENESIS_HASH,
  hashAuditRecord,
  verifyAuditRecords,
} from "./audit-log.js";
export {
  type AppliedMode,
  actionKindOf,
  createGuardAutonomy,
  type GuardAutonomy,
  isSampled,
} from "./autonomy-guard.js";
export {
  ASK_TIMEOUT_MS,
  type AutonomyQueue,
  createAutonomyQueue,
  type PendingAsk,
  type SampledCall,
} from "./autonomy-queue.js";
export {
  type BuiltinProtection,
  createBuiltinProtection,
  GOVERNANCE_POLICY,
  HOLDOUT_POLICY,
  type ProtectionDecision,
  type ProtectionSettings,
} from "./builtin-protection.js";
export {
  type CanonicalCall,
  type Canonicalized,
  type CedarValue,
  canonicalHost,
  canonicalizeCall,
  describeCall,
  KNOWN_TOOLS,
  type ToolCall,
  toCedarRecord,
} from "./canonicalize-call.js";
export {
  type CanonicalPath,
  canonicalizePath,
  type PathBase,
  realRepoRoot,
  tryRealpath,
} from "./canonicalize-path.js";
export { CEDAR_ACTIONS, CEDAR_SCHEMA, type CedarAction } from "./cedar-schema.js";
export { type AgentCommit, checkCommitScope, commitAgents } from "./check-scope.js";
export {
  type HookInput,
  hookToolCall,
  mergeClaudeSettings,
  parseHookInput,
  renderHookOutput,
  unreadableHookRecord,
} from "./claude-hook.js";
export {
  type CompiledCondition,
  compileCondition,
  failsClosed,
  type InputCheck,
} from "./compile-condition.js";
export {
  type CompiledPolicies,
  cedarString,
  compilePolicies,
  type LoadedManifest,
  likePattern,
  type PolicyInfo,
  type RawPolicy,
} from "./compile-policies.js";
export { type ApprovalDecision, decideApproval } from "./decide-approval.js";
export { createHostMatcher, createPathMatcher, type PathMatcher } from "./glob-matcher.js";
export {
  callKey,
  createGuard,
  type Guard,
  type GuardDecision,
  type GuardOptions,
} from "./guard.js";
export { guardEvidence } from "./guard-evidence.js";
export { installClaudeHook, uninstallClaudeHook } from "./install-claude-hook.js";
export { lintPolicies, lintProtectedScopes } from "./lint-policies.js";
export { type AgentsSource, loadAgents, parseManifest } from "./load-agents.js";
export { type LoadedPolicy, type LoadPolicyOptions, loadPolicy } from "./load-policy.js";
export {
  type AgentManifest,
  type AgentManifestInput,
  agentManifestSchema,
} from "./manifest-schema.js";
export { type AgentMessage, createMessageStore, type MessageStore } from "./message-store.js";
export { type GuardStore, openGuardStore } from "./open-guard-store.js";
export {
  hasArgvPrefix,
  type ParsedCommand,
  parseCommand,
  WRAPPER_PROGRAMS,
} from "./parse-command.js";
export {
  createPolicyEngine,
  type DecideOptions,
  type EngineDecision,
  loadCedar,
  type PolicyEngine,
} from "./policy-engine.js";
export {
  type GuardSettings,
  guardSettings,
  type PolicySnapshot,
  policyInputs,
  readPolicySnapshot,
  SNAPSHOT_FILE,
  SNAPSHOT_FORMAT,
  snapshotKey,
  writePolicySnapshot,
} from "./policy-snapshot.js";
export {
  type PolicyWorkspace,
  readPolicyWorkspace,
  workspaceEngine,
} from "./read-policy-workspace.js";
export { describeApprovalState, renderApproval } from "./render-approval.js";
export { bubblewrapArgs, type SandboxPlan, writableRoots } from "./sandbox.js";
export { type CedarEntity, createScopeIndex, type ScopeIndex } from "./scope-index.js";
export { renderStarterManifest, writeStarterManifest } from "./starter-manifest.js";
export { type PolicyExampleResult, testPolicyExamples } from "./test-policy-examples.js";
export { type AuditVerification, verifyAuditLog } from "./verify-audit-log.js";
