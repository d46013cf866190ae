import type { Problem } from "../core/index.js";

/**
 * Warnings for ids in `failures.disable` that name no entry: usually a typo,
 * which would otherwise leave the entry meant to be disabled silently on.
 */
export function unknownDisabledProblems(
  unknownDisabled: readonly string[],
  configPath = "jig.config.yaml",
): Problem[] {
  return unknownDisabled.map((id) => ({
    code: "catalog/unknown-disabled",
    path: configPath,
    message: `failures.disable names ${id}, which is no failure model; check the id with 'jig failures list'`,
    severity: "warning" as const,
  }));
}
