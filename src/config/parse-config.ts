import type { Problem } from "../core/problem.js";
import { parseYamlAs } from "../core/zod-problems.js";
import { configSchema, type JigConfig } from "./config-schema.js";

/**
 * Parse and validate `jig.config.yaml` text. Pure: returns every problem with
 * its line and column instead of throwing at the first.
 */
export function parseConfig(
  text: string,
  path: string,
): { config?: JigConfig; problems: Problem[] } {
  // An empty file is a valid config with every default.
  const { value, problems } = parseYamlAs(text, path, configSchema, {
    prefix: "config",
    notMapping: "the config must be a YAML mapping (key: value)",
  });
  return value ? { config: value, problems: [] } : { problems };
}
