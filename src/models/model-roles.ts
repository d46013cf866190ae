import type { JigConfig } from "../config/config-schema.js";
import { UsageError } from "../core/errors.js";
import { type ModelId, parseModelId } from "./model-id.js";

/** Environment variables jig reads for models; the CLI passes them in. */
export type ModelEnv = Readonly<Record<string, string | undefined>>;

export interface ModelRoles {
  reviewer?: ModelId;
  coder?: ModelId;
}

export type ModelRole = "reviewer" | "coder";

const ROLE_ENV: Record<ModelRole, string> = {
  reviewer: "JIG_REVIEW_MODEL",
  coder: "JIG_CODER_MODEL",
};

/**
 * The model id configured for `role`, unparsed, and where it came from: an
 * explicit flag, then the role's environment variable (blank counts as
 * unset), then `models.<role>` in the config. The one place that order is
 * written down; cheap enough for layers that only need to know whether a
 * model is configured.
 */
export function chooseModelForRole(
  role: ModelRole,
  config: { models: { reviewer?: string | undefined; coder?: string | undefined } },
  env: ModelEnv,
  flag?: string | undefined,
): { value: string; source: string } | undefined {
  if (flag !== undefined) return { value: flag, source: "--model" };
  const fromEnv = nonEmpty(env[ROLE_ENV[role]]);
  if (fromEnv !== undefined) return { value: fromEnv, source: ROLE_ENV[role] };
  const configured = config.models[role];
  return configured !== undefined ? { value: configured, source: `models.${role}` } : undefined;
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
  const pick = (role: ModelRole, flag: string | undefined) => {
    const chosen = chooseModelForRole(role, config, env, flag);
    return chosen ? parseModelId(chosen.value, chosen.source) : undefined;
  };
  const reviewer = pick("reviewer", overrides.reviewer);
  const coder = pick("coder", overrides.coder);
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
