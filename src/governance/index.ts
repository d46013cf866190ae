export {
  type AgentAttribution,
  attributeCommit,
  KNOWN_AGENT_IDENTITIES,
} from "./agent-identity.js";
export {
  BUILTIN_GOVERNANCE_PATHS,
  createGovernanceMatcher,
  createHoldoutMatcher,
  GOVERNANCE_CONFIG_FILE,
  type GovernanceConfig,
  type GovernanceInput,
  type GovernanceKind,
  type GovernanceMatcher,
  governanceInputs,
  repoRelativeDir,
} from "./governance-inputs.js";
export {
  CODEOWNERS_FILES,
  CODEOWNERS_PLACEHOLDER,
  offerRecommendedCodeowners,
  renderRecommendedCodeowners,
} from "./recommended-codeowners.js";
