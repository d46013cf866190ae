import type { JigConfig } from "../config/config-schema.js";
import { UsageError } from "../core/errors.js";
import { type ModelId, parseModelId } from "./model-id.js";

/** Environment variables jig reads for models; the CLI passes them in. */
export type ModelEnv = Readonly<Record<string, string | undefined>>;

export interface ModelRoles {
  reviewer?: ModelId;
  coder?: ModelId;
}

/**
 * Which model plays which role: config `models.reviewer`/`models.coder`,
 * overridden by `JIG_REVIEW_MODEL`/`JIG_CODER_MODEL`, then by an explicit
 * `--model` flag. The reviewer must never be the coder's model: an identical
 * id (or, with `review.requireDifferentProvider`, the same provider) is a
 * config error, because a model grading its own work is no independent check.
 *
 * @throws UsageError (exit 2) on a malformed id or a reviewer equal to the coder.
 */
export function resolveModelRoles(
  config: JigConfig,
  env: ModelEnv,
  overrides: { reviewer?: string | undefined; coder?: string | undefined } = {},
): ModelRoles {
  const pick = (flag: string | undefined, envName: string, configured: string | undefined) => {
    const value = flag ?? nonEmpty(env[envName]) ?? configured;
    if (value === undefined) return undefined;
    const source = flag
      ? "--model"
      : nonEmpty(env[envName])
        ? envName
        : `models.${envName === "JIG_REVIEW_MODEL" ? "reviewer" : "coder"}`;
    return parseModelId(value, source);
  };
  const reviewer = pick(overrides.reviewer, "JIG_REVIEW_MODEL", config.models.reviewer);
  const coder = pick(overrides.coder, "JIG_CODER_MODEL", config.models.coder);
  if (reviewer && coder) {
    if (reviewer.id === coder.id) {
      throw new UsageError(
        `the reviewer model ${reviewer.id} is also the coder model; set models.reviewer (or JIG_REVIEW_MODEL) to a different model so the review is independent`,
        { code: "models/same-model" },
      );
    }
    if (config.review.requireDifferentProvider && reviewer.provider === coder.provider) {
      throw new UsageError(
        `review.requireDifferentProvider is on but reviewer ${reviewer.id} and coder ${coder.id} share the provider ${reviewer.provider}; pick a reviewer from another provider`,
        { code: "models/same-provider" },
      );
    }
  }
  const roles: ModelRoles = {};
  if (reviewer) roles.reviewer = reviewer;
  if (coder) roles.coder = coder;
  return roles;
}

/** How to make the review layer run, for skip reasons and errors. */
export const CONFIGURE_REVIEWER_HINT =
  "set models.reviewer in jig.config.yaml (e.g. anthropic:claude-sonnet-4-5, openai:gpt-4.1, ollama:qwen2.5-coder, command:claude -p --output-format json) or JIG_REVIEW_MODEL; see docs/models.md";

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== "" ? value : undefined;
}
