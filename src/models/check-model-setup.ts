import type { JigConfig } from "../config/config-schema.js";
import { UsageError } from "../core/errors.js";
import { type ModelEnv, resolveModelRoles } from "./model-roles.js";

/**
 * The model set-up a check or a loop runs with, checked before any layer
 * runs so a mistake is a config error (exit 2) instead of a layer error: a
 * reviewer that is also the coder, a malformed model id, or a
 * `JIG_CASSETTE_MODE` other than record or replay.
 *
 * @throws UsageError
 */
export function checkModelSetup(
  config: JigConfig,
  env: ModelEnv,
  reviewer?: string | undefined,
): void {
  resolveModelRoles(config, env, { reviewer });
  const cassetteMode = env.JIG_CASSETTE_MODE;
  if (cassetteMode && cassetteMode !== "record" && cassetteMode !== "replay") {
    throw new UsageError(`JIG_CASSETTE_MODE must be record or replay, got "${cassetteMode}"`, {
      code: "models/bad-cassette-mode",
    });
  }
}
