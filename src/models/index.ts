/**
 * Models: `provider:model` ids, the AI SDK providers behind them (plus
 * `command:` CLI agents as models), roles (reviewer ≠ coder), and the client
 * that adds retries, timeouts, cost, the answer cache, cassettes and the
 * `model_calls` log around every call.
 */
export { checkModelSetup } from "./check-model-setup.js";
export { createCommandModel, estimateTokens, renderPromptText } from "./command-model.js";
export {
  type ConfiguredClientOptions,
  createConfiguredModelClient,
  openConfiguredCassette,
} from "./configured-model-client.js";
export {
  type Cassette,
  type CassetteMode,
  canonicalJson,
  createFileModelCache,
  createMemoryModelCache,
  type ModelCache,
  modelCallKey,
  openCassette,
  type StoredAnswer,
} from "./model-cache.js";
export {
  combineModelCallLogs,
  createMemoryModelCallLog,
  createSqliteModelCallLog,
  type ModelCallLog,
  type ModelCallRecord,
} from "./model-call-log.js";
export {
  createModelClient,
  type ModelClient,
  type ModelClientOptions,
  type ObjectRequest,
  type ObjectResult,
} from "./model-client.js";
export {
  BUDGET_EXCEEDED_CODE,
  BudgetExceededError,
  CassetteMissError,
  type ClassifiedFailure,
  classifyModelError,
  ModelCallError,
  type ModelFailureKind,
  ModelOutputError,
} from "./model-errors.js";
export { MODEL_PROVIDERS, type ModelId, type ModelProvider, parseModelId } from "./model-id.js";
export {
  CONFIGURE_REVIEWER_HINT,
  type ModelEnv,
  type ModelRoles,
  resolveModelRoles,
} from "./model-roles.js";
export {
  BUILT_IN_PRICES,
  costOf,
  findPrice,
  mergePrices,
  type Price,
  type PriceTable,
} from "./price-table.js";
export { type ResolveModelOptions, resolveModel } from "./resolve-model.js";
