import type { Problem } from "../core/problem.js";
import { parseYamlSource } from "../core/yaml-source.js";
import { zodIssuesToProblems } from "../core/zod-problems.js";
import { configSchema, type JigConfig } from "./config-schema.js";

/**
 * Parse and validate `jig.config.yaml` text. Pure: returns every problem with
 * its line and column instead of throwing at the first.
 */
export function parseConfig(
  text: string,
  path: string,
): { config?: JigConfig; problems: Problem[] } {
  const source = parseYamlSource(text, path);
  if (source.problems.length > 0) return { problems: source.problems };
  // An empty file is a valid config with every default.
  const raw = source.value ?? {};
  if (typeof raw !== "object" || Array.isArray(raw)) {
    return {
      problems: [
        {
          code: "config/wrong-type",
          path,
          message: "the config must be a YAML mapping (key: value)",
          line: 1,
          column: 1,
        },
      ],
    };
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    return { problems: zodIssuesToProblems(result.error.issues, source, path, "config") };
  }
  return { config: result.data, problems: [] };
}
